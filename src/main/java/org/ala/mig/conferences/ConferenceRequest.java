package org.ala.mig.conferences;

/**
 * The body of POST /api/conferences: {@code {id, name, startDate, endDate?, location?}}, dates as
 * ISO days ({@code 2027-06-24}). Every field is checked by {@link ConferenceService#add}.
 */
public record ConferenceRequest(String id, String name, String startDate, String endDate, String location) {}
