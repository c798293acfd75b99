package org.ala.mig.registry;

/** A designated organizer of a MIG: the policy asks for their name and address. */
public record Organizer(String name, String email, String address) {}
