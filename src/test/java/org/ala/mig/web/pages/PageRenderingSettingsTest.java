package org.ala.mig.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.ala.mig.support.MigSpringBootTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.thymeleaf.spring6.SpringTemplateEngine;

/**
 * How the pages are rendered (docs/performance.md, "B6 pages"): no resource chain rewriting the
 * links a page writes (its filter looked each one up on the classpath, on every request), the
 * pages' expressions compiled, and still every link, stylesheet, script and webjar where it was.
 */
@MigSpringBootTest
class PageRenderingSettingsTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired SpringTemplateEngine templates;
  @Autowired BpmnJsAssets bpmnJs;
  @Autowired EChartsAssets echarts;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void noResourceChainRewritesThePagesLinksAndTheirExpressionsAreCompiled() {
    assertThat(context.getBeanNamesForType(ResourceUrlEncodingFilter.class))
        .as("Spring's resource chain, which the webjars locator would turn on").isEmpty();
    assertThat(templates.getEnableSpringELCompiler()).as("spring.thymeleaf.enable-spring-el-compiler").isTrue();
  }

  @Test
  void thePublicPagesLinksAndAssetsAreServedAsWritten() throws Exception {
    Document handbook = Jsoup.parse(get("/handbook").body());
    assertThat(handbook.select("link[rel=stylesheet]").eachAttr("href")).contains("/css/mig.css");
    assertThat(handbook.select("script[src]").eachAttr("src")).contains("/js/handbook.js");
    for (String asset : new String[] {"/css/mig.css", "/js/handbook.js", "/js/diagram.js", echarts.script(),
        bpmnJs.viewerScript(), bpmnJs.stylesheet()}) {
      HttpResponse<String> answer = get(asset);
      assertThat(answer.statusCode()).as(asset).isEqualTo(200);
      assertThat(answer.body()).as(asset).isNotBlank();
    }
    assertThat(get("/js/no-such-script.js").statusCode()).isEqualTo(404);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
