package org.ala.mig.registry;

/** The HQ contact of a MIG. */
public record StaffLiaison(String name, String email) {}
