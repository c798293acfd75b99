package org.ala.mig.conferences;

import java.time.Instant;

/**
 * A MIG's meeting arranged at a conference (table mig_meeting), with its conference, as the
 * calendar feeds show it.
 *
 * @param taskId the arrangeMeetingSpace task that arranged it: what names the meeting for good
 */
public record ArrangedMeeting(String taskId, String migId, String migName, String conferenceId,
    String conferenceName, Instant start, Instant end, String room) {}
