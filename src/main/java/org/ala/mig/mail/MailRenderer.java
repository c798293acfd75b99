package org.ala.mig.mail;

import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a mail from {@code templates/mail/{id}.txt} and {@code .html}. The text template's
 * first line is {@code Subject: ...}. HTML output is escaped by Thymeleaf, so names and
 * rationales typed by people cannot inject markup.
 */
@Component
public class MailRenderer {

  /** A rendered mail. */
  public record Rendered(String subject, String text, String html) {}

  private final SpringTemplateEngine engine = new SpringTemplateEngine();

  public MailRenderer() {
    // SpEL compiled to bytecode once an expression has run (falls back to interpreting where it
    // cannot): rendering was the largest share of the application's own CPU in benchmark B1
    engine.setEnableSpringELCompiler(true);
    engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 1));
    engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 2));
  }

  private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("templates/mail/");
    resolver.setTemplateMode(mode);
    resolver.setResolvablePatterns(java.util.Set.of(pattern));
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCacheable(true);
    resolver.setOrder(order);
    resolver.setCheckExistence(true);
    return resolver;
  }

  public Rendered render(MailTemplate template, Map<String, Object> model) {
    Context context = new Context(java.util.Locale.US, model);
    String text = engine.process(template.id() + ".txt", context).strip();
    int newline = text.indexOf('\n');
    String firstLine = newline < 0 ? text : text.substring(0, newline);
    if (!firstLine.startsWith("Subject: ")) {
      throw new IllegalStateException("mail template " + template.id() + ".txt must start with 'Subject: '");
    }
    String subject = firstLine.substring("Subject: ".length()).strip();
    String body = newline < 0 ? "" : text.substring(newline + 1).strip() + "\n";
    context.setVariable("subject", subject);
    String html = engine.process(template.id() + ".html", context);
    return new Rendered(subject, body.replaceAll("\n{3,}", "\n\n"), html);
  }
}
