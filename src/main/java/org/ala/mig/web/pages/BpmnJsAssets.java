package org.ala.mig.web.pages;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Where bpmn-js is served: {@code /webjars/bpmn-js/{version}/dist}. It comes from the npm registry
 * (package.json and its lockfile); the build (pom.xml) copies the package's {@code package.json}
 * and the dist files we use to {@code META-INF/resources/webjars/bpmn-js/{version}/}, the place of a
 * webjar. The version is read from there, and the start fails when the folder's name (the pom's
 * {@code bpmn-js.version}) and the package's own version (package.json) differ, or when there is
 * not exactly one: upgrading is a change of package.json, its lockfile and that pom property.
 */
@Component("bpmnJs")
class BpmnJsAssets {

  static final String LOCATION = "META-INF/resources/webjars/bpmn-js/";

  private final String version;

  BpmnJsAssets() {
    this(BpmnJsAssets.class.getClassLoader());
  }

  BpmnJsAssets(ClassLoader classLoader) {
    Resource[] found;
    try {
      found = new PathMatchingResourcePatternResolver(classLoader).getResources("classpath*:" + LOCATION + "*/package.json");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (found.length != 1) {
      throw new IllegalStateException("Expected bpmn-js once in the classes under " + LOCATION
          + " (copied from node_modules by the build: run `./mvnw process-resources`), found "
          + Arrays.stream(found).map(Resource::getDescription).toList());
    }
    this.version = checkedVersion(found[0]);
  }

  private static String checkedVersion(Resource packageJson) {
    String folder;
    String declared;
    try (InputStream in = packageJson.getInputStream()) {
      declared = new ObjectMapper().readTree(in).path("version").asText("");
      List<String> path = Arrays.asList(packageJson.getURL().toString().split("/"));
      folder = path.get(path.size() - 2);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!folder.equals(declared)) {
      throw new IllegalStateException("bpmn-js " + declared + " (package.json, package-lock.json) is copied to the folder of "
          + folder + " (pom.xml, bpmn-js.version): make them the same version");
    }
    return declared;
  }

  String version() {
    return version;
  }

  /** The viewer with zoom and pan, one self-contained script that defines the global BpmnJS. */
  public String viewerScript() {
    return base() + "bpmn-navigated-viewer.production.min.js";
  }

  /** The styles of the diagram canvas and its overlays. */
  public String stylesheet() {
    return base() + "assets/diagram-js.css";
  }

  /** The styles of bpmn-js itself (its container and the bpmn.io link it shows). */
  public String bpmnStylesheet() {
    return base() + "assets/bpmn-js.css";
  }

  private String base() {
    return "/webjars/bpmn-js/" + version + "/dist/";
  }
}
