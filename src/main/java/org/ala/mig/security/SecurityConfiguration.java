package org.ala.mig.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.ala.mig.identity.Caller;
import org.ala.mig.identity.MigGroup;
import org.ala.mig.identity.SignInFailures;
import org.ala.mig.identity.SignInThrottle;
import org.ala.mig.identity.SignInThrottleProperties;
import org.ala.mig.signin.SignInLinks;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.ott.JdbcOneTimeTokenService;
import org.springframework.security.authentication.ott.OneTimeTokenAuthenticationProvider;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.ott.DefaultGenerateOneTimeTokenRequestResolver;
import org.springframework.security.web.authentication.ott.GenerateOneTimeTokenFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may do what, with Spring Security (docs/security.md, "Signing in").
 * <ul>
 *   <li>Staff sign in with the engine's users: the {@code /login} form, or HTTP Basic on the APIs.</li>
 *   <li>Organizers and members sign in with a link by mail: Spring Security's one-time-token
 *       login at its default URLs ({@code /ott/generate}, {@code /login/ott}), tokens in the
 *       database ({@link JdbcOneTimeTokenService}), valid for {@link SignInLinks#VALID_FOR}, once.</li>
 *   <li>CSRF: the form field {@code _csrf}, or for JSON calls of a session the header
 *       {@code X-XSRF-TOKEN} with the value of the cookie {@code XSRF-TOKEN}; HTTP Basic calls need
 *       neither.</li>
 *   <li>{@link org.ala.mig.identity.RequiresGroup} on a handler names the groups that may call it.</li>
 *   <li>The Camunda webapps ({@code /camunda/**}) keep their own sign-in and CSRF protection (a
 *       cookie of their own name, {@code camunda.bpm.webapp.csrf.cookie-name}); a link session is
 *       refused there, as on engine REST.</li>
 * </ul>
 * The security headers are {@link SecurityHeadersFilter}'s, as before; the request then runs
 * with its caller's engine authentication ({@link EngineAuthentication}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

  /** Only staff: an engine user, not a link session. */
  private static final AuthorizationManager<RequestAuthorizationContext> STAFF = (authentication, context) -> {
    Caller caller = Callers.of(authentication.get());
    return new AuthorizationDecision(caller != null && !caller.byLink());
  };

  /** Anybody but a link session (the Camunda webapps have their own sign-in). */
  private static final AuthorizationManager<RequestAuthorizationContext> NOT_BY_LINK = (authentication, context) -> {
    Caller caller = Callers.of(authentication.get());
    return new AuthorizationDecision(caller == null || !caller.byLink());
  };

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  /**
   * State-changing requests that need a token: every form of the pages (the anonymous sign-in
   * forms too), and the API calls of a signed-in session. An HTTP Basic call carries its own
   * credentials, and an anonymous API call is refused as such (401).
   */
  static final RequestMatcher NEEDS_CSRF_TOKEN = request -> !SAFE_METHODS.contains(request.getMethod())
      && !isBasic(request)
      && (!SecurityAnswers.isApi(request) || Callers.of(SecurityContextHolder.getContext().getAuthentication()) != null);

  @Bean
  SecurityAnswers securityAnswers(ObjectMapper json) {
    return new SecurityAnswers(json);
  }

  @Bean
  EngineUsers engineUsers(IdentityService identity, SignInThrottle throttle, SignInFailures failures) {
    return new EngineUsers(identity, throttle, failures);
  }

  @Bean
  JdbcOneTimeTokenService jdbcOneTimeTokenService(JdbcTemplate jdbc, Clock clock) {
    JdbcOneTimeTokenService tokens = new JdbcOneTimeTokenService(jdbc);
    tokens.setClock(clock);
    return tokens;
  }

  @Bean
  SingleUseTokens singleUseTokens(JdbcOneTimeTokenService tokens, JdbcTemplate jdbc, TransactionTemplate transaction) {
    return new SingleUseTokens(tokens, jdbc, transaction);
  }

  /** Not a bean: a filter bean would also be registered for every request, outside Spring Security's chain. */
  static SignInLinkRequests signInLinkRequests(Environment environment, SignInLinks links, SingleUseTokens tokens,
      SignInFailures failures) {
    return new SignInLinkRequests(new SignInThrottle(linkThrottleSettings(Binder.get(environment)),
        io.github.bucket4j.TimeMeter.SYSTEM_MILLISECONDS), links, tokens, failures);
  }

  /**
   * {@code mig.security.sign-in-link-throttle.*} (docs/configuration.md): every link asked for
   * counts. By default per address 3 links (2 free, the third starts a wait of 1 s, doubling up to 5 min); per source
   * 20 free, then up to 1 min; forgotten after 15 min.
   */
  static SignInThrottleProperties linkThrottleSettings(Binder settings) {
    String prefix = "mig.security.sign-in-link-throttle.";
    SignInThrottleProperties.Limit perAddress = settings.bind(prefix + "per-address", SignInThrottleProperties.Limit.class)
        .orElse(new SignInThrottleProperties.Limit(null, null))
        .orElse(new SignInThrottleProperties.Limit(2, Duration.ofMinutes(5)));
    SignInThrottleProperties.Limit perSource = settings.bind(prefix + "per-source", SignInThrottleProperties.Limit.class)
        .orElse(new SignInThrottleProperties.Limit(null, null))
        .orElse(new SignInThrottleProperties.Limit(20, Duration.ofMinutes(1)));
    return new SignInThrottleProperties(perAddress, perSource,
        settings.bind(prefix + "first-delay", Duration.class).orElse(Duration.ofSeconds(1)),
        settings.bind(prefix + "forget-after", Duration.class).orElse(Duration.ofMinutes(15)),
        settings.bind(prefix + "max-entries", Integer.class).orElse(10_000));
  }

  /** The Camunda webapps: their own sign-in, CSRF protection and headers; no link session. */
  @Bean
  @Order(1)
  SecurityFilterChain camundaWebapps(HttpSecurity http, SecurityAnswers answers) throws Exception {
    http.securityMatcher(path("/camunda/**"))
        .authorizeHttpRequests(requests -> requests.anyRequest().access(NOT_BY_LINK))
        .csrf(csrf -> csrf.disable())
        .headers(headers -> headers.disable())
        .requestCache(cache -> cache.disable())
        .logout(logout -> logout.disable())
        .exceptionHandling(refusals -> refusals.accessDeniedHandler(answers).authenticationEntryPoint(answers));
    return http.build();
  }

  /** Everything else: the pages, the API, engine REST and the actuator. */
  @Bean
  @Order(2)
  SecurityFilterChain application(HttpSecurity http, SecurityAnswers answers,
      SingleUseTokens tokens, SignInLinks links, IdentityService identity, Environment environment, SignInFailures failures,
      @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> handlers)
      throws Exception {
    RequiresGroupAuthorization requiresGroup = new RequiresGroupAuthorization(handlers, links);
    SignInLinkRequests linkRequests = signInLinkRequests(environment, links, tokens, failures);
    SimpleUrlAuthenticationFailureHandler linkRefused = new SimpleUrlAuthenticationFailureHandler("/login?error");
    DefaultGenerateOneTimeTokenRequestResolver linkRequest = new DefaultGenerateOneTimeTokenRequestResolver();
    linkRequest.setExpiresIn(SignInLinks.VALID_FOR);
    CookieCsrfTokenRepository csrfCookie = CookieCsrfTokenRepository.withHttpOnlyFalse();
    csrfCookie.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));

    // engineUsers is the application's one AuthenticationManager's provider (a bean), used by the
    // sign-in form and HTTP Basic; the link sign-in adds its own provider in front of it
    http.authorizeHttpRequests(requests -> requests
            .dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR).permitAll()
            .requestMatchers(paths("/actuator/health", "/actuator/health/**", "/actuator/info")).permitAll()
            .requestMatchers(path("/actuator/**")).access((authentication, context) -> {
              Caller caller = Callers.of(authentication.get());
              return caller == null ? new AuthorizationDecision(false) : caller.isInAny(MigGroup.CAMUNDA_ADMIN)
                  ? new AuthorizationDecision(true)
                  : new RequiresGroupAuthorization.Refusal(caller.notMemberOf(java.util.List.of(MigGroup.CAMUNDA_ADMIN)));
            })
            .requestMatchers(path("/engine-rest/**")).access(STAFF)
            // the API documentation (springdoc, web.ApiDocsConfiguration): any signed-in caller, link sessions too
            .requestMatchers(paths("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui/**", "/swagger-ui.html")).access((authentication, context) -> new AuthorizationDecision(Callers.of(authentication.get()) != null))
            .requestMatchers(paths("/", "/login", "/login/ott", "/demo/mailbox", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/favicon.svg", "/error"))
            .permitAll()
            // the public Handbook of Organization listing (step 13): read-only, for anyone, page, JSON and CSV
            .requestMatchers(java.util.stream.Stream.of("/handbook", "/api/handbook", "/handbook.csv").map(p -> PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, p)).toArray(RequestMatcher[]::new)).permitAll()
            // the online petition's public side: its signing pages, reading a draft and signing it
            .requestMatchers(paths("/sign/**")).permitAll()
            // the calendar feeds: the conference feed is public, each MIG's feed is protected by its key
            .requestMatchers(paths("/calendar/**")).permitAll()
            .requestMatchers(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/api/petition-drafts/*"),
                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/petition-drafts/*/signatures"))
            .permitAll()
            .anyRequest().access(requiresGroup))
        .httpBasic(basic -> basic.authenticationEntryPoint(answers))
        .formLogin(form -> form.loginPage("/login")
            .successHandler((request, response, authentication) -> response.sendRedirect(
                request.getContextPath() + LocalPaths.safeNext(request.getParameter("next"))))
            .failureHandler((request, response, refused) -> {
              if (refused instanceof SignInDelayedException delayed) {
                response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(delayed.secondsToWait()));
                LoginProblems.show(request, response, 429, "username", delayed.getMessage() + ".");
              } else {
                LoginProblems.show(request, response, 401, "password", EngineUsers.WRONG + ".");
              }
            }))
        .oneTimeTokenLogin(link -> link.tokenService(tokens)
            .generateRequestResolver(request -> {
              var asked = linkRequest.resolve(request);
              return asked == null ? null : new org.springframework.security.authentication.ott.GenerateOneTimeTokenRequest(
                  SignInLinks.normalize(asked.getUsername()), asked.getExpiresIn());
            })
            .tokenGenerationSuccessHandler(linkRequests)
            .showDefaultSubmitPage(false)
            .loginPage("/login")
            .authenticationProvider(new OneTimeTokenAuthenticationProvider(tokens, new LinkUsers(links)))
            .successHandler((request, response, authentication) -> response.sendRedirect(request.getContextPath() + "/my"))
            .failureHandler((request, response, refused) -> {
              // a link that is unknown, used or expired, or an address that may no longer sign in
              failures.failed(SignInFailures.Method.LINK, SignInFailures.Reason.WRONG);
              linkRefused.onAuthenticationFailure(request, response, refused);
            }))
        .csrf(csrf -> csrf.csrfTokenRepository(csrfCookie)
            .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
            .requireCsrfProtectionMatcher(NEEDS_CSRF_TOKEN))
        .headers(headers -> headers.disable())
        .requestCache(cache -> cache.disable())
        .logout(logout -> logout.logoutUrl("/logout")
            .logoutSuccessHandler((request, response, authentication) -> response.sendRedirect(request.getContextPath() + "/")))
        .exceptionHandling(refusals -> refusals.authenticationEntryPoint(answers).accessDeniedHandler(answers))
        .addFilterBefore(new FormBodyCheck(), CsrfFilter.class)
        .addFilterAfter(new CsrfCookieOnPages(), CsrfFilter.class)
        .addFilterBefore(linkRequests, GenerateOneTimeTokenFilter.class)
        .addFilterAfter(new EngineAuthentication(identity), AuthorizationFilter.class);
    return http.build();
  }

  /** Paths of the whole application, whichever servlet serves them (engine REST and the webapps are not Spring MVC's). */
  private static RequestMatcher path(String pattern) {
    return PathPatternRequestMatcher.withDefaults().matcher(pattern);
  }

  private static RequestMatcher[] paths(String... patterns) {
    return java.util.Arrays.stream(patterns).map(SecurityConfiguration::path).toArray(RequestMatcher[]::new);
  }

  private static boolean isBasic(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
  }
}
