package org.ala.mig.conferences;

import java.time.Instant;

/** A MIG's meeting at a conference, as GET /api/conferences/{id}/schedule shows it. */
public record ScheduledMeeting(String migId, String migName, Instant start, Instant end, String room) {}
