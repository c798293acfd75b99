package org.ala.mig.web.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.springframework.stereotype.Component;

/**
 * Where the bpmn-js webjar (pom.xml) is served: {@code /webjars/bpmn-js/{version}/dist}, with the
 * version read from the webjar itself, so that upgrading it is a change of the pom only.
 */
@Component("bpmnJs")
class BpmnJsAssets {

  static final String POM_PROPERTIES = "META-INF/maven/org.webjars.npm/bpmn-js/pom.properties";

  private final String version;

  BpmnJsAssets() {
    Properties properties = new Properties();
    try (InputStream in = BpmnJsAssets.class.getClassLoader().getResourceAsStream(POM_PROPERTIES)) {
      if (in == null) {
        throw new IllegalStateException("The bpmn-js webjar is missing from the classpath (" + POM_PROPERTIES + ")");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.version = properties.getProperty("version");
  }

  String version() {
    return version;
  }

  /** The viewer with zoom and pan, one self-contained script that defines the global BpmnJS. */
  public String viewerScript() {
    return "/webjars/bpmn-js/" + version + "/dist/bpmn-navigated-viewer.production.min.js";
  }

  /** The styles of the diagram canvas and its overlays. */
  public String stylesheet() {
    return "/webjars/bpmn-js/" + version + "/dist/assets/diagram-js.css";
  }
}
