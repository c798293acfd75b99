package org.ala.mig.web.pages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.ala.mig.common.NotFoundException;
import org.ala.mig.security.SecurityAnswers;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/** A refusal of the security layer (not your group, an expired form), forwarded here to be shown as a page. */
@Controller
class RefusalPage {

  @RequestMapping(SecurityAnswers.PROBLEM_PATH)
  String refused(HttpServletRequest request, HttpServletResponse response, Model model) {
    if (!(request.getAttribute(SecurityAnswers.STATUS) instanceof Integer status)) {
      throw new NotFoundException("Nothing here: this address only shows refusals");
    }
    response.setStatus(status);
    model.addAttribute("status", status);
    model.addAttribute("message", request.getAttribute(SecurityAnswers.MESSAGE));
    model.addAttribute("errors", List.of());
    return "pages/problem";
  }
}
