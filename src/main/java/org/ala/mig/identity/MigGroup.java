package org.ala.mig.identity;

import java.util.Arrays;
import java.util.List;

/** The groups of CONTRACT.md. Their ids are what Tasklist filters and BPMN candidate groups name. */
public enum MigGroup {
  COO("coo", "Committee on Organization"),
  COO_CHAIR("coo-chair", "COO Chair"),
  MEMBER_PROGRAMS("member-programs", "Member Programs and Services"),
  CONFERENCE_SERVICES("conference-services", "Conference Services Office"),
  HQ_STAFF("hq-staff", "HQ Staff Liaisons"),
  BARC("barc", "Budget Analysis and Review Committee"),
  COUNCIL("council", "ALA Council"),
  EXECUTIVE_OFFICE("executive-office", "Executive Office"),
  CAMUNDA_ADMIN("camunda-admin", "Administrators");

  private final String id;
  private final String displayName;

  MigGroup(String id, String displayName) {
    this.id = id;
    this.displayName = displayName;
  }

  public String id() {
    return id;
  }

  public String displayName() {
    return displayName;
  }

  /** Camunda's group type: SYSTEM for administrators, WORKFLOW for everybody else. */
  public String type() {
    return this == CAMUNDA_ADMIN ? "SYSTEM" : "WORKFLOW";
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(MigGroup::id).toList();
  }
}
