package org.ala.mig.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;

/**
 * Engine REST's JSON mapper, made once. Camunda's own resolver ({@link JacksonConfigurator}) makes
 * a new {@link ObjectMapper} each time engine REST asks for one: for every body it reads and every
 * answer it writes. A new mapper knows no (de)serializer yet and builds each one by looking at the
 * classes again, which took about a seventh of the request threads' CPU in a profile of
 * "My Group Tasks" (docs/performance.md, B3). This one is configured by the same method, once, on
 * first use (after the starter has set the date format), and then shared: an
 * {@code ObjectMapper} is safe to share once configured, and Jackson copies its date format for
 * each use. Ranked before Camunda's, so Jersey asks this one.
 */
@Provider
@Produces({MediaType.APPLICATION_JSON, "application/hal+json"})
@Priority(Priorities.USER - 100)
public class EngineRestJson implements ContextResolver<ObjectMapper> {

  private volatile ObjectMapper mapper;
  private final AtomicLong asked = new AtomicLong();

  @Override
  public ObjectMapper getContext(Class<?> type) {
    asked.incrementAndGet();
    ObjectMapper shared = mapper;
    if (shared == null) {
      synchronized (this) {
        shared = mapper;
        if (shared == null) {
          shared = JacksonConfigurator.configureObjectMapper(new ObjectMapper());
          mapper = shared;
        }
      }
    }
    return shared;
  }

  /** How often engine REST asked for its mapper (tests see that it asks this one). */
  long timesAsked() {
    return asked.get();
  }
}
