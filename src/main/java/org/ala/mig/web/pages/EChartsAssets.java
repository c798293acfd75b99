package org.ala.mig.web.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.springframework.stereotype.Component;

/**
 * Where the Apache ECharts webjar (pom.xml) is served: {@code /webjars/echarts/{version}/dist},
 * with the version read from the webjar itself, so that upgrading it is a change of the pom only.
 */
@Component("echarts")
class EChartsAssets {

  static final String POM_PROPERTIES = "META-INF/maven/org.webjars.npm/echarts/pom.properties";

  private final String version;

  EChartsAssets() {
    Properties properties = new Properties();
    try (InputStream in = EChartsAssets.class.getClassLoader().getResourceAsStream(POM_PROPERTIES)) {
      if (in == null) {
        throw new IllegalStateException("The ECharts webjar is missing from the classpath (" + POM_PROPERTIES + ")");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.version = properties.getProperty("version");
  }

  /** The whole library in one self-contained script that defines the global echarts. */
  public String script() {
    return "/webjars/echarts/" + version + "/dist/echarts.min.js";
  }
}
