package org.ala.mig.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;

/**
 * Engine REST answers 500 when a task listener refuses a task's outputs, because the engine
 * wraps every listener exception (ENGINE-03051). When the refusal is ours (a
 * {@link NotValidException} naming the field), this answers 400 with that message instead;
 * completing a task that does not exist (any more) answers 404 rather than 500; anything else goes
 * to Camunda's own handler unchanged.
 */
@Priority(1)
public class TaskOutputRefusalMapper implements ExceptionMapper<RestException> {

  private final RestExceptionHandler camunda = new RestExceptionHandler();

  @Override
  public Response toResponse(RestException exception) {
    for (Throwable t = exception; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof NotValidException refused) {
        return answer(Response.Status.BAD_REQUEST, "InvalidRequestException", refused.getMessage());
      }
      if (t instanceof NullValueException missing && String.valueOf(missing.getMessage()).startsWith("Cannot find task")) {
        // completing a task that is not there (any more): the engine's null check, answered 500 by Camunda
        return answer(Response.Status.NOT_FOUND, "InvalidRequestException", missing.getMessage());
      }
    }
    return camunda.toResponse(exception);
  }

  private static Response answer(Response.Status status, String type, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("message", message);
    return Response.status(status).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
  }
}
