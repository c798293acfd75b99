package org.ala.mig.roster;

/**
 * Why one roster record was rejected.
 *
 * @param line the 1-based physical line on which the record starts (the header is line 1)
 * @param message the field and the problem, e.g. {@code "email: not a valid address"}
 */
public record LineProblem(int line, String message) {}
