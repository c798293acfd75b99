package org.ala.mig.lifecycle;

/** What a MIG asks for while it exists (CONTRACT.md, step 12): each request is a record with its outcome. */
public enum RequestType {
  MEETING_SPACE("meeting space"),
  SUPPORT_ITEM("support item"),
  BUDGET("budget"),
  DISBAND("disbanding"),
  TRANSITION("transition"),
  RENAME("rename");

  private final String words;

  RequestType(String words) {
    this.words = words;
  }

  /** The request as a mail's subject names it: "meeting space", "rename", ... */
  public String words() {
    return words;
  }

  /** The user task that decides a request of this type, by its id in mig-lifecycle. */
  public static RequestType decidedBy(String taskDefinitionKey) {
    return switch (taskDefinitionKey) {
      case "arrangeMeetingSpace" -> MEETING_SPACE;
      case "provideSupportItem" -> SUPPORT_ITEM;
      case "reviewBudgetRequest" -> BUDGET;
      case "confirmDisband" -> DISBAND;
      case "decideTransition" -> TRANSITION;
      case "decideRename" -> RENAME;
      default -> throw new IllegalArgumentException("no request is decided by task " + taskDefinitionKey);
    };
  }
}
