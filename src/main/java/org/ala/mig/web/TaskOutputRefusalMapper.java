package org.ala.mig.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;

/**
 * Engine REST answers 500 when a task listener refuses a task's outputs, because the engine
 * wraps every listener exception (ENGINE-03051). When the refusal is ours (a
 * {@link NotValidException} naming the field), this answers 400 with that message instead;
 * anything else goes to Camunda's own handler unchanged.
 */
@Priority(1)
public class TaskOutputRefusalMapper implements ExceptionMapper<RestException> {

  private final RestExceptionHandler camunda = new RestExceptionHandler();

  @Override
  public Response toResponse(RestException exception) {
    for (Throwable t = exception; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof NotValidException refused) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "InvalidRequestException");
        body.put("message", refused.getMessage());
        return Response.status(Response.Status.BAD_REQUEST).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
      }
    }
    return camunda.toResponse(exception);
  }
}
