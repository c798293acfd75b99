package org.ala.mig.web.pages;

import org.ala.mig.identity.MigGroup;
import org.ala.mig.identity.RequiresGroup;
import org.ala.mig.liaisons.StaffLiaisonService;
import org.ala.mig.registry.Mig;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The executive office changes a MIG's staff liaisons on the MIG's page (section "Staff
 * liaisons"), as lines {@code Name <email>}; as PUT /api/migs/{id}/staff-liaisons, this completes
 * the MIG's open designateStaffLiaison task. A bad line gives the problem page (400) naming it.
 */
@Controller
class StaffLiaisonPages {

  private final StaffLiaisonService liaisons;

  StaffLiaisonPages(StaffLiaisonService liaisons) {
    this.liaisons = liaisons;
  }

  @PostMapping("/migs/{id}/staff-liaisons")
  @RequiresGroup(MigGroup.EXECUTIVE_OFFICE)
  String save(@PathVariable String id, @RequestParam(defaultValue = "") String lines, RedirectAttributes redirect) {
    Mig mig = liaisons.replace(id, StaffLiaisonService.parseLines(lines));
    int count = liaisons.of(mig.id()).size();
    redirect.addFlashAttribute("liaisonsSaved", count == 1 ? "The staff liaison is saved."
        : "The " + count + " staff liaisons are saved.");
    return "redirect:/migs/" + mig.id() + "#liaisons";
  }
}
