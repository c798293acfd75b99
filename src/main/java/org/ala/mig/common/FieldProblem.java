package org.ala.mig.common;

/** One field in error: its JSON path ({@code organizers[1].address}) and what is wrong. */
public record FieldProblem(String field, String message) {}
