package org.ala.mig.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ala.mig.common.MigProperties;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.tasks.TaskAnnotations.Annotation;
import org.junit.jupiter.api.Test;

/** What a task shows in Tasklist: its subject in its name, what it asks and by when; without an engine. */
class TaskAnnotationsTest {

  static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  static final Instant CREATED = Instant.parse("2026-11-23T15:00:00Z");

  final MigRepository migs = mock(MigRepository.class);
  final TaskAnnotations annotations;

  TaskAnnotationsTest() {
    MigProperties properties = new MigProperties(CHICAGO, null, null, List.of(), null);
    annotations = new TaskAnnotations(new DeadlineCalendar(Clock.fixed(CREATED, ZoneOffset.UTC), properties, migs,
        migId -> Optional.empty()), migs, properties);
  }

  @Test
  void aMigsTaskIsNamedAfterTheMigsCurrentName() {
    Mig renamed = mock(Mig.class);
    when(renamed.name()).thenReturn("Libraries Foster Community Engagement");
    when(migs.find("lfce")).thenReturn(Optional.of(renamed));

    Annotation a = annotations.annotate("verifySignatures", "Verify signatures", CREATED,
        Map.of("migId", "lfce", "migName", "Libraries Fostering Civic Engagement"));

    assertThat(a.name()).isEqualTo("Verify signatures: Libraries Foster Community Engagement");
    assertThat(a.description()).isEqualTo("Check the petition's signatures against the member roster: only ALA members"
        + " in good standing count, each member once. Due by December 7, 2026.");
    assertThat(a.dueOn()).isEqualTo("December 7, 2026");
    assertThat(a.migId()).isEqualTo("lfce");
    assertThat(a.aboutConference()).isFalse();
  }

  @Test
  void aMigNotInTheRegistryIsNamedByItsProcessVariable() {
    when(migs.find("gone")).thenReturn(Optional.empty());
    Annotation a = annotations.annotate("cooDecision", "Decide on the petition", CREATED,
        Map.of("migId", "gone", "migName", "Graphic Novels & Comics in Libraries"));
    assertThat(a.name()).isEqualTo("Decide on the petition: Graphic Novels & Comics in Libraries");
    assertThat(a.description()).endsWith("Due by January 22, 2027.");
    assertThat(a.migId()).isNull();
  }

  @Test
  void theCouncilReportIsNamedAfterItsConferenceAndDueTheDayBefore() {
    Annotation a = annotations.annotate("submitCouncilReport", "Submit the report to Council", CREATED,
        Map.of("conferenceName", "ALA Annual Conference 2027", "conferenceStart", "2027-06-24"));
    assertThat(a.name()).isEqualTo("Submit the COO report: ALA Annual Conference 2027");
    assertThat(a.subject()).isEqualTo("ALA Annual Conference 2027");
    assertThat(a.aboutConference()).isTrue();
    assertThat(a.description()).endsWith("Due by June 23, 2027.");
  }

  @Test
  void aTaskOfALaterModelKeepsItsElementsNameWithItsSubject() {
    Annotation a = annotations.annotate("approveLogo", "Approve the logo", CREATED, Map.of("migName", "Diversity"));
    assertThat(a.name()).isEqualTo("Approve the logo: Diversity");
    assertThat(a.description()).isEqualTo("Approve the logo. Due by December 23, 2026.");
  }

  @Test
  void everyKnownTaskBelongsToAnOffice() {
    assertThat(TaskKinds.Office.ofGroup("coo")).isEqualTo(TaskKinds.Office.COO_CHAIR);
    assertThat(TaskKinds.Office.ofGroup("coo-chair")).isEqualTo(TaskKinds.Office.COO_CHAIR);
    assertThat(TaskKinds.Office.ofGroup("member-programs")).isEqualTo(TaskKinds.Office.MEMBER_PROGRAMS);
    assertThat(TaskKinds.Office.ofGroup("conference-services")).isEqualTo(TaskKinds.Office.CONFERENCE_SERVICES);
    assertThat(TaskKinds.Office.ofGroup("hq-staff")).isEqualTo(TaskKinds.Office.HQ_STAFF);
    assertThat(TaskKinds.Office.ofGroup("barc")).isEqualTo(TaskKinds.Office.BARC);
    assertThat(TaskKinds.Office.ofGroup("executive-office")).isEqualTo(TaskKinds.Office.EXECUTIVE_OFFICE);
    assertThat(TaskKinds.Office.ofGroup("council")).isNull();
  }
}
