package org.ala.mig.lifecycle;

/** What a MIG may ask for while it exists, and who provides it. */
public enum SupportType {
  /** Meeting space at a conference: Conference Services. */
  MEETING_SPACE,
  /** A small support item from HQ: the staff liaison's office. */
  SUPPORT_ITEM,
  /** Budget: the Budget Analysis and Review Committee. */
  BUDGET
}
