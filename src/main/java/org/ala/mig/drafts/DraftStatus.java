package org.ala.mig.drafts;

/** Where a draft stands: gathering signatures, turned into a petition, or withdrawn by its organizers. */
public enum DraftStatus {
  COLLECTING, SUBMITTED, WITHDRAWN
}
