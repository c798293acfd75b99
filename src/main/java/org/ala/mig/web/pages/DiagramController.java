package org.ala.mig.web.pages;

import java.time.Duration;
import org.ala.mig.common.NotFoundException;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * GET /diagrams/{processDefinitionId}.bpmn: the BPMN XML of a deployed model, for the diagrams of
 * the pages (static/js/diagram.js). Any signed-in user, with the pages' session: the engine's REST
 * API would need HTTP Basic. Only the application's own models are served.
 */
@Controller
class DiagramController {

  private final ProcessDiagrams diagrams;

  DiagramController(ProcessDiagrams diagrams) {
    this.diagrams = diagrams;
  }

  @GetMapping("/diagrams/{processDefinitionId}.bpmn")
  ResponseEntity<byte[]> bpmn(@PathVariable String processDefinitionId) {
    byte[] xml = diagrams.xml(processDefinitionId)
        .orElseThrow(() -> new NotFoundException("No model with id '" + processDefinitionId + "'"));
    // a deployed definition never changes: its id names one version for good
    return ResponseEntity.ok().contentType(new MediaType("application", "xml"))
        .cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePrivate()).body(xml);
  }
}
