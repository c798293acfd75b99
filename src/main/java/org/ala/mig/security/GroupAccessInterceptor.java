package org.ala.mig.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.ala.mig.common.AccessDeniedException;
import org.ala.mig.common.NotSignedInException;
import org.ala.mig.identity.Caller;
import org.ala.mig.identity.RequiresGroup;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/** Enforces {@link RequiresGroup} on API handlers: a signed-in caller outside the groups gets 403. */
class GroupAccessInterceptor implements HandlerInterceptor {

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (!(handler instanceof HandlerMethod method)) {
      return true;
    }
    RequiresGroup required = method.getMethodAnnotation(RequiresGroup.class);
    if (required == null) {
      required = method.getBeanType().getAnnotation(RequiresGroup.class);
    }
    if (required == null) {
      return true;
    }
    Caller caller = Caller.of(request);
    if (caller == null) {
      throw new NotSignedInException();
    }
    if (!caller.isInAny(required.value())) {
      throw new AccessDeniedException(caller.notMemberOf(List.of(required.value())));
    }
    return true;
  }
}
