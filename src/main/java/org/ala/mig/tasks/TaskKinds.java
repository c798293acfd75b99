package org.ala.mig.tasks;

import java.util.Map;

/**
 * What each user task of the models is, in words: its plain name (the BPMN element's name stays
 * as it is on the diagrams) and what the policy asks of it. A task the table does not know (one
 * a later model adds) keeps its element's name and gets a general description.
 */
final class TaskKinds {

  /** A kind of task: its plain name and what the policy asks, as one sentence. */
  record Kind(String plainName, String asks) {}

  static final Map<String, Kind> KNOWN = Map.ofEntries(
      Map.entry("verifySignatures", new Kind("Verify signatures",
          "Check the petition's signatures against the member roster: only ALA members in good standing count,"
              + " each member once.")),
      Map.entry("cooDecision", new Kind("Decide on the petition",
          "COO approves or disapproves the petition. A MIG may not take over the delegated responsibilities"
              + " of an existing unit, nor speak for the Association.")),
      Map.entry("acknowledgeNotification", new Kind("Acknowledge the new MIG",
          "Conference Services acknowledges the new MIG and makes every effort to accommodate its space,"
              + " time and place needs.")),
      Map.entry("designateStaffLiaison", new Kind("Designate the staff liaison",
          "The Executive Director designates the MIG's contact person at Headquarters (its staff liaison).")),
      Map.entry("reviewAnnualReport", new Kind("Review the annual report",
          "COO reviews the MIG's annual report of its activities: accept it, or return it with notes.")),
      Map.entry("followUpOverdueReport", new Kind("Follow up the overdue report",
          "The MIG's annual report, due to COO by August 1, has not arrived: follow it up with the organizers.")),
      Map.entry("arrangeMeetingSpace", new Kind("Arrange meeting space",
          "The MIG asked for meeting space at a conference: arrange it, or say why it cannot be.")),
      Map.entry("provideSupportItem", new Kind("Provide the support item",
          "The MIG asked Headquarters for a small support item: provide it, or say why not.")),
      Map.entry("reviewBudgetRequest", new Kind("Review the budget request",
          "BARC reviews the MIG's budget request: approve it, or say why not.")),
      Map.entry("confirmDisband", new Kind("Confirm the disbanding",
          "The MIG asked COO to disband it: confirm or decline.")),
      Map.entry("decideTransition", new Kind("Decide on the transition",
          "The MIG asked for another place within the ALA structure: COO decides, with its rationale.")),
      Map.entry("decideRename", new Kind("Decide on the rename",
          "The MIG asked to change its name: COO decides, with its rationale.")),
      Map.entry("submitCouncilReport", new Kind("Submit the COO report",
          "The COO chair reads the compiled report on MIGs, adds remarks and submits it to Council for"
              + " the conference.")));

  private TaskKinds() {}

  /** The kind of the task with this BPMN id; an unknown one is named by its element. */
  static Kind of(String taskDefinitionKey, String elementName) {
    Kind known = KNOWN.get(taskDefinitionKey);
    if (known != null) {
      return known;
    }
    String name = elementName == null || elementName.isBlank() ? taskDefinitionKey : elementName.strip();
    return new Kind(name, name + ".");
  }

  /** The group ids whose office a task belongs to, mapped to the {@code mig.mail.*} office it mails. */
  enum Office {
    COO_CHAIR, MEMBER_PROGRAMS, CONFERENCE_SERVICES, HQ_STAFF, BARC, EXECUTIVE_OFFICE;

    /** The office of a candidate group, or null for a group without one (council, camunda-admin). */
    static Office ofGroup(String groupId) {
      return switch (groupId) {
        case "coo", "coo-chair" -> COO_CHAIR;
        case "member-programs" -> MEMBER_PROGRAMS;
        case "conference-services" -> CONFERENCE_SERVICES;
        case "hq-staff" -> HQ_STAFF;
        case "barc" -> BARC;
        case "executive-office" -> EXECUTIVE_OFFICE;
        default -> null;
      };
    }
  }
}
