package org.ala.mig.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;

/** The conventions every model in bpmn/ keeps (DESIGN.md), checked by each process test. */
public final class ModelConventions {

  private static final Pattern GENERATED = Pattern.compile(
      "^(Activity|Task|Gateway|Event|StartEvent|EndEvent|Flow|SequenceFlow|Definitions|Process"
          + "|TextAnnotation|Association)_[0-9a-zA-Z]+$");

  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelConventions() {}

  /**
   * The task's Camunda Form is the deployed one named {@code formKey}; its editable fields are
   * exactly the task's outputs and, when {@code readOnly} is given, its read-only fields exactly
   * those.
   */
  public static void assertForm(FormService forms, Task task, String formKey, List<String> readOnly,
      String... outputs) {
    JsonNode form;
    try (InputStream in = forms.getDeployedTaskForm(task.getId())) {
      form = JSON.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the form of " + task.getTaskDefinitionKey(), e);
    }
    assertThat(form.path("id").asText()).isEqualTo(formKey);
    List<String> editable = new ArrayList<>();
    List<String> shown = new ArrayList<>();
    for (JsonNode component : form.path("components")) {
      if (component.hasNonNull("key")) {
        (component.path("readonly").asBoolean(false) ? shown : editable).add(component.path("key").asText());
      }
    }
    assertThat(editable).as("editable fields of %s", formKey).containsExactlyInAnyOrder(outputs);
    if (readOnly != null) {
      assertThat(shown).as("read-only fields of %s", formKey).containsExactlyInAnyOrderElementsOf(readOnly);
    }
  }

  /**
   * Exactly these service tasks, each with its delegate bean, and each asynchronous with retries
   * R3/PT5M except the {@code synchronous} ones, which must say in their documentation why they
   * run in the transaction of the step before them.
   */
  public static void assertServiceTasks(BpmnModelInstance model, Map<String, String> beanByTaskId,
      String... synchronous) {
    List<String> serviceTasks = model.getModelElementsByType(ServiceTask.class).stream()
        .map(BaseElement::getId).toList();
    assertThat(serviceTasks).containsExactlyInAnyOrderElementsOf(beanByTaskId.keySet());
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      assertThat(task.getCamundaDelegateExpression()).isEqualTo("${" + beanByTaskId.get(task.getId()) + "}");
      if (List.of(synchronous).contains(task.getId())) {
        assertThat(task.isCamundaAsyncBefore()).as("%s is synchronous", task.getId()).isFalse();
        assertThat(task.getDocumentations()).as("%s says why it is synchronous", task.getId())
            .anySatisfy(doc -> assertThat(doc.getTextContent()).contains("same transaction"));
        continue;
      }
      assertThat(task.isCamundaAsyncBefore()).as("%s is asynchronous", task.getId()).isTrue();
      assertThat(task.getExtensionElements().getElementsQuery()
              .filterByType(CamundaFailedJobRetryTimeCycle.class).singleResult().getTextContent())
          .as("%s retry cycle", task.getId()).isEqualTo("R3/PT5M");
    }
  }

  /**
   * A model Council can read: named, executable, versioned, with a history time to live; every
   * flow node and flow with a meaningful id, a name or label where it matters, and a place in the
   * diagram; every flow out of an exclusive gateway labelled and conditioned.
   */
  public static void assertReadable(BpmnModelInstance model, String processKey, String name) {
    Process process = model.getModelElementById(processKey);
    assertThat(process.getName()).isEqualTo(name);
    assertThat(process.isExecutable()).isTrue();
    assertThat(process.getCamundaVersionTag()).as("versionTag").matches("[1-9][0-9]*\\.[0-9]+");
    assertThat(process.getCamundaHistoryTimeToLiveString()).isEqualTo("P1825D");

    List<String> shapes = model.getModelElementsByType(BpmnShape.class).stream()
        .map(shape -> shape.getBpmnElement().getId()).toList();
    List<String> edges = model.getModelElementsByType(BpmnEdge.class).stream()
        .map(edge -> edge.getBpmnElement().getId()).toList();
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      assertThat(node.getId()).doesNotMatch(GENERATED);
      assertThat(node.getName()).as("name of %s", node.getId()).isNotBlank();
      assertThat(shapes).as("diagram").contains(node.getId());
    }
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      assertThat(flow.getId()).doesNotMatch(GENERATED).startsWith("to");
      assertThat(edges).as("diagram").contains(flow.getId());
      if (flow.getSource() instanceof ExclusiveGateway) {
        assertThat(flow.getName()).as("label of %s", flow.getId()).isNotBlank();
        assertThat(flow.getConditionExpression()).as("condition of %s", flow.getId()).isNotNull();
      }
    }
  }
}
