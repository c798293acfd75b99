package org.ala.mig.liaisons;

import org.ala.mig.common.FieldProblem;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.common.TaskOutputs;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The complete listener of {@code designateStaffLiaison} (mig-petition). */
@Configuration(proxyBeanMethods = false)
class LiaisonTaskListeners {

  /**
   * designateStaffLiaison: the lines {@code Name <email>} of {@code staffLiaisons} become the
   * MIG's liaisons; a bad line refuses the completion, naming the line.
   */
  @Bean
  TaskListener validateStaffLiaisonDesignation(StaffLiaisonService liaisons) {
    return task -> {
      try {
        liaisons.designate((String) task.getVariable("migId"), task.getVariable("staffLiaisons"));
      } catch (InvalidInputException e) {
        FieldProblem first = e.errors().get(0);
        String all = String.join("; ", e.errors().stream().map(FieldProblem::message).toList());
        throw TaskOutputs.invalid(first.field(), all);
      }
    };
  }
}
