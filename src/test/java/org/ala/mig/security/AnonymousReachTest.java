package org.ala.mig.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.ala.mig.support.HttpCalls;
import org.ala.mig.support.MigSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * "An anonymous caller reaching nothing else" (issue 19): every handler the application maps,
 * read from its handler mappings at run time (Spring MVC's controllers and the actuator's
 * endpoints: every {@link RequestMappingInfoHandlerMapping} bean, all patterns, all methods), is
 * called without credentials, its path variables filled with a plausible value. Each must refuse:
 * 401 for the APIs ({@code /api}, {@code /engine-rest}, {@code /actuator}), a redirect to
 * {@code /login} for a page. Only the public answers of {@link #PUBLIC} may answer otherwise.
 *
 * <p>Why this fails when an endpoint is opened by mistake: the list of calls is not written here,
 * it is computed from the running application. A new controller method, or a permit line in
 * SecurityConfiguration that reaches further than meant (a pattern like {@code /api/**}, a
 * missing method), puts a handler in that list that answers an anonymous caller with its own
 * status (200, 400, 404...) instead of 401 or the sign-in redirect; unless someone also adds it to
 * {@link #PUBLIC} on purpose, the assertion below lists it and the test fails. A handler that is
 * added and stays closed passes without any change here. The test checks too that the computed
 * list is the application's (it holds the protected calls it must hold), so that an empty or
 * partial computation cannot pass.
 *
 * <p>A page form (POST) carries a valid CSRF token, so that the refusal seen is the sign-in's,
 * not the form token's.
 */
@MigSpringBootTest
class AnonymousReachTest {

  /** The public answers: method ({@code *} for any) and path pattern. */
  record Allowed(String method, String pattern) {
    private static final PathPatternParser PARSER = new PathPatternParser();

    boolean allows(String method, String path) {
      PathPattern parsed = PARSER.parse(pattern);
      return ("*".equals(this.method) || this.method.equals(method)) && parsed.matches(PathContainer.parsePath(path));
    }
  }

  static final List<Allowed> PUBLIC = List.of(
      new Allowed("*", "/"),
      new Allowed("*", "/login"),
      new Allowed("*", "/login/ott"),
      new Allowed("*", "/error"),
      // the public Handbook of Organization listing (step 13)
      new Allowed("GET", "/handbook"),
      new Allowed("GET", "/api/handbook"),
      new Allowed("GET", "/handbook.csv"),
      // the online petition's public side (step 11)
      new Allowed("*", "/sign/**"),
      new Allowed("GET", "/api/petition-drafts/*"),
      new Allowed("POST", "/api/petition-drafts/*/signatures"),
      // the public conference calendar (step 13, built beside this)
      new Allowed("*", "/calendar/**"),
      new Allowed("GET", "/actuator/health"),
      new Allowed("GET", "/actuator/health/**"),
      new Allowed("GET", "/actuator/info"),
      // the demo profile's mailbox (absent in prod)
      new Allowed("GET", "/demo/mailbox"),
      // static assets (not handler methods, listed for completeness)
      new Allowed("GET", "/css/**"),
      new Allowed("GET", "/js/**"),
      new Allowed("GET", "/webjars/**"),
      new Allowed("GET", "/favicon.ico"));

  /** One handler to call: method and a concrete path. */
  record Call(String method, String path, String pattern) {
    /** Answered as an API (401 to the anonymous): the REST APIs, the OpenAPI description and Swagger UI (CONTRACT.md). */
    boolean api() {
      return path.startsWith("/api/") || path.equals("/api") || path.startsWith("/engine-rest") || path.startsWith("/actuator")
          || path.startsWith("/v3/api-docs") || path.startsWith("/swagger-ui");
    }

    @Override
    public String toString() {
      return method + " " + path + (pattern.equals(path) ? "" : "  (" + pattern + ")");
    }
  }

  @LocalServerPort int port;
  @Autowired ApplicationContext context;

  @Test
  void anAnonymousCallerReachesNothingButThePublicAnswers() {
    List<Call> calls = mappedCalls();
    assertThat(calls).as("the application's handlers, computed").hasSizeGreaterThan(60)
        .extracting(Call::toString).contains("GET /api/migs", "POST /api/petitions", "GET /registry",
            "GET /api/council/reports", "GET /api/handbook", "GET /handbook", "GET /handbook.csv", "GET /actuator/metrics");

    CookieManager cookies = new CookieManager();
    HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5)).build();
    String csrf = csrfToken(client, cookies);

    List<String> reached = new ArrayList<>();
    List<String> publicButRefused = new ArrayList<>();
    int refused = 0;
    for (Call call : calls) {
      boolean isPublic = PUBLIC.stream().anyMatch(a -> a.allows(call.method(), call.path()));
      if (isPublic && !"GET".equals(call.method())) {
        continue; // a public form or signature needs a real body: their own tests send one
      }
      HttpResponse<String> response = HttpCalls.send(client, request(call, csrf));
      int status = response.statusCode();
      String location = response.headers().firstValue("Location").orElse("");
      boolean refusal = call.api() ? status == 401 : status == 302 && location.contains("/login");
      if (isPublic) {
        if (status == 401 || status == 403 || (status == 302 && location.contains("/login"))) {
          publicButRefused.add(call + " -> " + status + " " + location);
        }
      } else if (refusal) {
        refused++;
      } else {
        reached.add(call + " -> " + status + (location.isEmpty() ? "" : " " + location));
      }
    }
    assertThat(reached).as("handlers an anonymous caller reached; public on purpose? add them to PUBLIC").isEmpty();
    assertThat(publicButRefused).as("public answers that refused an anonymous caller").isEmpty();
    assertThat(refused).as("calls refused").isGreaterThan(50);
  }

  /** Every method and pattern of every request-mapping handler mapping, path variables filled. */
  List<Call> mappedCalls() {
    Set<String> seen = new TreeSet<>();
    List<Call> calls = new ArrayList<>();
    for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
      for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        List<String> names = methods.isEmpty() ? List.of("GET", "POST")
            : methods.stream().map(RequestMethod::name).sorted().toList();
        for (String pattern : info.getPatternValues()) {
          for (String method : names) {
            Call call = new Call(method, concrete(pattern), pattern);
            if (seen.add(call.toString())) {
              calls.add(call);
            }
          }
        }
      }
    }
    return calls;
  }

  private static final List<String> SAMPLES = List.of("probe", "probe-1", "P-1", "1", "2027", "x");

  /** The pattern with each {variable} (or {variable:regex}) and wildcard replaced by a plausible value. */
  static String concrete(String pattern) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      if (c == '{') {
        int depth = 0;
        int end = i;
        for (; end < pattern.length(); end++) {
          if (pattern.charAt(end) == '{') {
            depth++;
          } else if (pattern.charAt(end) == '}' && --depth == 0) {
            break;
          }
        }
        String variable = pattern.substring(i + 1, end);
        int colon = variable.indexOf(':');
        String value = "probe";
        if (variable.startsWith("*")) {
          value = "probe/x";
        } else if (colon >= 0) {
          Pattern regex = Pattern.compile(variable.substring(colon + 1));
          value = SAMPLES.stream().filter(s -> regex.matcher(s).matches()).findFirst().orElse("x");
        }
        out.append(value);
        i = end + 1;
      } else if (pattern.startsWith("**", i)) {
        out.append("probe/x");
        i += 2;
      } else if (c == '*') {
        out.append("probe");
        i++;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private HttpRequest request(Call call, String csrf) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + call.path()))
        .timeout(Duration.ofSeconds(60)).header("Accept", call.api() ? "application/json" : "text/html");
    if ("GET".equals(call.method())) {
      return builder.GET().build();
    }
    if (call.api()) {
      return builder.header("Content-Type", "application/json")
          .method(call.method(), HttpRequest.BodyPublishers.ofString("{}")).build();
    }
    // a page form with a valid token: what refuses it must be the sign-in
    return builder.header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", csrf)
        .method(call.method(), HttpRequest.BodyPublishers.ofString("_csrf=" + csrf, StandardCharsets.UTF_8)).build();
  }

  /** The anonymous session's form token: the XSRF-TOKEN cookie that every page sets. */
  private String csrfToken(HttpClient client, CookieManager cookies) {
    HttpResponse<String> login = HttpCalls.send(client,
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).GET().build());
    assertThat(login.statusCode()).isEqualTo(200);
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue).findFirst().orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie on /login"));
  }
}
