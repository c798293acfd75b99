package org.ala.mig.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.RestController;

/** Controllers of the application are made at their first use; every other bean at the start. */
class LazyWebLayerTest {

  static final AtomicInteger MADE = new AtomicInteger();

  @RestController
  static class SomeApi {
    SomeApi() {
      MADE.incrementAndGet();
    }
  }

  @Controller
  static class SomePages {
    SomePages() {
      MADE.incrementAndGet();
    }
  }

  @Service
  static class SomeService {
    SomeService() {
      MADE.addAndGet(100);
    }
  }

  private AnnotationConfigApplicationContext context(boolean enabled) {
    AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
    context.setEnvironment(new MockEnvironment().withProperty(LazyWebLayer.PROPERTY, Boolean.toString(enabled)));
    context.register(LazyWebLayer.class, SomeApi.class, SomePages.class, SomeService.class);
    return context;
  }

  @Test
  void givenTheDefault_whenTheContextStarts_thenOnlyTheServiceIsMadeAndTheControllersAtTheirFirstUse() {
    MADE.set(0);
    try (AnnotationConfigApplicationContext context = context(true)) {
      context.refresh();

      assertThat(MADE).hasValue(100);
      assertThat(context.getBeanFactory().getBeanDefinition("lazyWebLayerTest.SomeApi").isLazyInit()).isTrue();
      assertThat(context.getBeanFactory().getBeanDefinition("lazyWebLayerTest.SomeService").isLazyInit()).isFalse();

      context.getBean(SomeApi.class);
      context.getBean(SomePages.class);
      assertThat(MADE).hasValue(102);
    }
  }

  @Test
  void givenItIsSwitchedOff_whenTheContextStarts_thenTheControllersAreMadeAtOnce() {
    MADE.set(0);
    try (AnnotationConfigApplicationContext context = context(false)) {
      context.refresh();

      assertThat(MADE).hasValue(102);
    }
  }
}
