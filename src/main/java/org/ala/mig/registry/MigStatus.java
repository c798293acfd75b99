package org.ala.mig.registry;

/** The statuses of CONTRACT.md. */
public enum MigStatus {
  PETITIONED,
  ACTIVE,
  RENEWAL_PENDING,
  DISBANDED,
  TRANSITIONED,
  NOT_ESTABLISHED
}
