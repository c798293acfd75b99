package org.ala.mig.web.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ala.mig.handbook.HandbookEntry;
import org.ala.mig.handbook.HandbookService;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public Handbook listing for machines (CONTRACT.md, step 13), anonymous: {@code GET
 * /api/handbook} as a JSON array and {@code GET /handbook.csv} as a spreadsheet download. The page
 * is {@code GET /handbook} (web.pages.HandbookPages).
 */
@RestController
class HandbookController {

  static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

  private final HandbookService handbook;

  HandbookController(HandbookService handbook) {
    this.handbook = handbook;
  }

  @GetMapping("/api/handbook")
  List<HandbookEntry> list() {
    return handbook.entries();
  }

  /** text/csv; charset=utf-8, as an attachment named for the day it was taken. */
  @GetMapping("/handbook.csv")
  ResponseEntity<byte[]> csv() {
    ContentDisposition file = ContentDisposition.attachment()
        .filename("mig-handbook-" + handbook.today() + ".csv").build();
    return ResponseEntity.ok().contentType(CSV).header(HttpHeaders.CONTENT_DISPOSITION, file.toString())
        .body(handbook.csv().getBytes(StandardCharsets.UTF_8));
  }
}
