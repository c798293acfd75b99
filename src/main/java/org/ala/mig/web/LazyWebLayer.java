package org.ala.mig.web;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;

/**
 * The application's controllers are made when they first answer a request, not at start-up
 * (benchmark B4, "lazy initialisation of the web layer only"): the pages and the API are created
 * while the first requests come, and everything else (the engine, the services, the jobs, the
 * mail dispatcher, security) still starts eagerly, so a mistake there still stops the start.
 *
 * <p>Spring MVC finds the request mappings by the controllers' types without making them, so
 * every address is mapped from the start. Only {@code org.ala.mig} controllers are concerned.
 * {@code mig.startup.lazy-web-layer=false} makes them eagerly again.
 */
@Component
public class LazyWebLayer implements BeanFactoryPostProcessor, EnvironmentAware {

  static final String PROPERTY = "mig.startup.lazy-web-layer";

  private boolean enabled = true;

  @Override
  public void setEnvironment(Environment environment) {
    enabled = environment.getProperty(PROPERTY, Boolean.class, true);
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    if (!enabled) {
      return;
    }
    for (String name : beanFactory.getBeanDefinitionNames()) {
      BeanDefinition definition = beanFactory.getBeanDefinition(name);
      if (isOurController(definition)) {
        definition.setLazyInit(true);
      }
    }
  }

  static boolean isOurController(BeanDefinition definition) {
    return definition instanceof AnnotatedBeanDefinition annotated
        && definition.getBeanClassName() != null
        && definition.getBeanClassName().startsWith("org.ala.mig.")
        && annotated.getMetadata().isAnnotated(Controller.class.getName());
  }
}
