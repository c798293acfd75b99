package org.ala.mig.petition;

/** A petition to establish a new MIG, or to renew the term of an existing one. */
public enum PetitionKind {
  ESTABLISH,
  RENEW
}
