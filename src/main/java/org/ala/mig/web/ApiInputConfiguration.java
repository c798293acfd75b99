package org.ala.mig.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * How {@code /api} reads what it is sent, beyond the {@code spring.jackson.*} settings: a body is
 * at most {@link ApiBodyCheck#MAX_BYTES} and, when JSON, strictly UTF-8; text is JSON text (not a
 * number or true/false turned into text); a date is JSON text in the form YYYY-MM-DD and nothing
 * else (Jackson would also take a number of days since 1970, an array {@code [2027, 1, 1]} or a
 * date-time, and silently keep a date).
 */
@Configuration(proxyBeanMethods = false)
class ApiInputConfiguration {

  @Bean
  FilterRegistrationBean<ApiBodyCheck> apiBodyCheck(ObjectMapper json) {
    FilterRegistrationBean<ApiBodyCheck> registration = new FilterRegistrationBean<>(new ApiBodyCheck(json));
    registration.addUrlPatterns("/api/*");
    registration.setName("apiBodyCheck");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 25);   // after the sign-in of the API
    return registration;
  }

  @Bean
  Jackson2ObjectMapperBuilderCustomizer strictTypes() {
    return builder -> builder.deserializerByType(LocalDate.class, new StrictLocalDateDeserializer())
        // a number or true/false where text goes is the wrong type, not text (spring.jackson.mapper
        // .allow-coercion-of-scalars does not reach text)
        .postConfigurer(mapper -> mapper.coercionConfigFor(LogicalType.Textual)
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
  }

  /** YYYY-MM-DD as JSON text; blank text and null are no date; anything else is refused. */
  static final class StrictLocalDateDeserializer extends StdScalarDeserializer<LocalDate> {

    private static final Pattern FORMAT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    StrictLocalDateDeserializer() {
      super(LocalDate.class);
    }

    @Override
    public LocalDate deserialize(JsonParser p, DeserializationContext context) throws IOException {
      if (!p.hasToken(JsonToken.VALUE_STRING)) {
        return (LocalDate) context.handleUnexpectedToken(LocalDate.class, p);
      }
      String text = p.getText();
      if (text.isBlank()) {
        return null;
      }
      if (FORMAT.matcher(text).matches()) {
        try {
          return LocalDate.parse(text);
        } catch (DateTimeException invalid) {
          // February 30th and the like: refused below
        }
      }
      return (LocalDate) context.handleWeirdStringValue(LocalDate.class, text, "not a date in the form YYYY-MM-DD");
    }
  }
}
