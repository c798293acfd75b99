package org.ala.mig.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.ala.mig.identity.Caller;
import org.ala.mig.identity.RequiresGroup;
import org.ala.mig.signin.SignInLinks;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Spring Security's decision for the application's pages and API: the caller must be signed in,
 * and where the handler the request goes to carries {@link RequiresGroup}, be in one of its groups
 * (or, where it says so, organize the MIG of the path). A refusal names the groups, for the 403's
 * message ({@link Refusal}).
 */
class RequiresGroupAuthorization implements AuthorizationManager<RequestAuthorizationContext> {

  /** A refusal with the sentence that says why. */
  static final class Refusal extends AuthorizationDecision {
    private final String message;

    Refusal(String message) {
      super(false);
      this.message = message;
    }

    String message() {
      return message;
    }
  }

  private final ObjectProvider<RequestMappingHandlerMapping> handlers;
  private final SignInLinks links;

  RequiresGroupAuthorization(ObjectProvider<RequestMappingHandlerMapping> handlers, SignInLinks links) {
    this.handlers = handlers;
    this.links = links;
  }

  @Override
  public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
    Caller caller = Callers.of(authentication.get());
    if (caller == null) {
      return new AuthorizationDecision(false);
    }
    HttpServletRequest request = context.getRequest();
    Handler handler = handlerOf(request);
    if (handler == null || handler.required() == null) {
      return new AuthorizationDecision(true);
    }
    RequiresGroup required = handler.required();
    if (caller.isInAny(required.value())) {
      return new AuthorizationDecision(true);
    }
    if (required.orOrganizersOfMig() && caller.byLink() && links.organizes(caller.userId(), handler.migId())) {
      return new AuthorizationDecision(true);
    }
    String message = required.orOrganizersOfMig() && caller.byLink()
        ? "'" + caller.userId() + "' is not an organizer of MIG '" + handler.migId() + "'"
        : caller.notMemberOf(List.of(required.value()));
    return new Refusal(message);
  }

  private record Handler(RequiresGroup required, String migId) {}

  /** The handler that the request goes to, with its {@link RequiresGroup} and the MIG id of its path. */
  private Handler handlerOf(HttpServletRequest request) {
    Object parsedPath = request.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
    if (parsedPath == null) {
      ServletRequestPathUtils.parseAndCache(request);
    }
    try {
      HandlerExecutionChain chain = handlers.getObject().getHandler(request);
      if (chain == null || !(chain.getHandler() instanceof HandlerMethod method)) {
        return null;
      }
      RequiresGroup required = method.getMethodAnnotation(RequiresGroup.class);
      if (required == null) {
        required = method.getBeanType().getAnnotation(RequiresGroup.class);
      }
      @SuppressWarnings("unchecked")
      Map<String, String> variables =
          (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
      return new Handler(required, variables == null ? null : variables.get("id"));
    } catch (Exception noHandler) {
      // a method or media type the handler does not take: Spring MVC answers 405 or 415 later
      return null;
    } finally {
      if (parsedPath == null) {
        ServletRequestPathUtils.clearParsedRequestPath(request);
      }
    }
  }
}
