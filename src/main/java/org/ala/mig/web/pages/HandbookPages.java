package org.ala.mig.web.pages;

import org.ala.mig.common.MigProperties;
import org.ala.mig.handbook.HandbookService;
import org.ala.mig.mail.MailFormats;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The public Handbook of Organization listing as a page (anonymous): every MIG with its purpose,
 * staff liaisons, former names, active since and term end; searched and sorted in the browser by
 * js/handbook.js (without it the page still lists everything), and printable (mig.css, "Handbook").
 */
@Controller
class HandbookPages {

  private final HandbookService handbook;
  private final MailFormats formats;
  private final String publicUrl;

  HandbookPages(HandbookService handbook, MigProperties properties) {
    this.handbook = handbook;
    this.formats = new MailFormats(properties.timeZone());
    this.publicUrl = properties.mail().publicUrl().replaceAll("/+$", "");
  }

  @GetMapping("/handbook")
  String handbook(Model model) {
    model.addAttribute("entries", handbook.entries());
    model.addAttribute("today", handbook.today());
    model.addAttribute("fmt", formats);
    // where the printed listing says it can be found, and its downloads
    model.addAttribute("publicUrl", publicUrl);
    return "pages/handbook";
  }
}
