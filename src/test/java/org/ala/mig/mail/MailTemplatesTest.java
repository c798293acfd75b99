package org.ala.mig.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.ala.mig.common.MigProperties;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.TestMigs;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Each template of the contract, sent through the outbox to the embedded SMTP server. */
@MigSpringBootTest
class MailTemplatesTest {

  static final String MPS = "membership@ala.org";
  static final String CONF = "conferenceservices@ala.org";
  static final String CHAIR = "coo-chair@ala.org";
  static final String COUNCIL = "council@ala.org";

  @Autowired MailService mail;
  @Autowired MailDispatcher dispatcher;
  @Autowired EmbeddedSmtpServer smtp;
  @Autowired MigRepository migs;
  @Autowired TransactionTemplate tx;
  @Autowired MigProperties properties;
  Mig mig;
  String[] organizers;
  String liaison;

  @BeforeEach
  void aMig() {
    mig = TestMigs.active("Graphic Novels & <Comics>");
    tx.executeWithoutResult(s -> migs.insert(mig));
    organizers = mig.organizers().stream().map(o -> o.email()).toArray(String[]::new);
    liaison = mig.staffLiaison().email();
  }

  @Test
  void petitionAcknowledgedGoesToTheOrganizersWithACopyToMemberPrograms() throws Exception {
    MimeMessage m = sendAndReceive(MailRequest.of(MailTemplate.PETITION_ACKNOWLEDGED, mig.id(), key())
        .with("petitionId", "P-123").with("kind", "ESTABLISH").with("signatureCount", 134)
        .with("receivedOn", LocalDate.of(2026, 11, 23)));
    assertRecipients(m, organizers, MPS);
    assertThat(m.getSubject()).isEqualTo(mig.name() + ": your petition has been received");
    assertThat(text(m)).contains("to establish", "November 23, 2026", "134 signatures", "P-123",
        "Ana Núñez", "Lee Liaison <" + liaison + ">");
    assertThat(html(m)).contains("Graphic Novels &amp; &lt;Comics&gt;").doesNotContain("<Comics>");
  }

  @Test
  void signaturesInsufficient() throws Exception {
    MimeMessage m = sendAndReceive(MailRequest.of(MailTemplate.SIGNATURES_INSUFFICIENT, mig.id(), key())
        .with("petitionId", "P-9").with("validSignatureCount", 97).with("verificationNotes", "3 lapsed"));
    assertRecipients(m, organizers, MPS);
    assertThat(m.getSubject()).contains(mig.name());
    assertThat(text(m)).contains("97 of them are valid", "requires 100", "3 lapsed", "new petition");
  }

  @Test
  void petitionApprovedStatesTheTermAndTheFirstReport() throws Exception {
    MimeMessage m = sendAndReceive(MailRequest.of(MailTemplate.PETITION_APPROVED, mig.id(), key())
        .with("decisionDate", LocalDate.of(2026, 8, 15)).with("nextReportDue", LocalDate.of(2027, 8, 1)));
    assertRecipients(m, organizers, MPS);
    assertThat(m.getSubject()).isEqualTo(mig.name() + ": approved as a Membership Initiative Group");
    assertThat(text(m)).contains("August 15, 2026 to August 14, 2029", "August 1, 2027", "re-petition");
  }

  @Test
  void petitionDisapprovedGivesTheRationale() throws Exception {
    MimeMessage m = sendAndReceive(MailRequest.of(MailTemplate.PETITION_DISAPPROVED, mig.id(), key())
        .with("petitionId", "P-7").with("decisionDate", LocalDate.of(2026, 9, 1))
        .with("decisionRationale", "Overlaps the Graphic Novels Round Table"));
    assertRecipients(m, organizers, MPS);
    assertThat(text(m)).contains("September 1, 2026", "Overlaps the Graphic Novels Round Table");
  }

  @Test
  void conferenceServicesIsNotifiedWithACopyToMemberPrograms() throws Exception {
    MimeMessage m = sendAndReceive(MailRequest.of(MailTemplate.CONFERENCE_SERVICES_NOTIFIED, mig.id(), key())
        .with("decisionDate", LocalDate.of(2026, 8, 15)));
    assertRecipients(m, new String[] {CONF}, MPS);
    assertThat(m.getSubject()).isEqualTo("New Membership Initiative Group: " + mig.name());
    assertThat(text(m)).contains(mig.statementOfPurpose(), "1 Main St, Springfield", "Acknowledge notification");
  }

  @Test
  void renewalReminderCopiesTheStaffLiaison() throws Exception {
    MimeMessage m = sendAndReceive(MailRequest.of(MailTemplate.RENEWAL_REMINDER, mig.id(), key())
        .with("daysLeft", 90));
    assertRecipients(m, organizers, liaison);
    assertThat(m.getSubject()).contains(mig.name(), "August 14, 2029");
    assertThat(text(m)).contains("in 90 days", "disbanded automatically");
    assertPointsToMyPage(m, "another place within the ALA structure or for the MIG to be disbanded",
        "Your staff liaison can help");
  }

  @Test
  void termRenewed() throws Exception {
    MimeMessage m = sendAndReceive(MailRequest.of(MailTemplate.TERM_RENEWED, mig.id(), key())
        .with("decisionDate", LocalDate.of(2029, 6, 30)));
    assertRecipients(m, organizers, liaison);
    assertThat(text(m)).contains("June 30, 2029", "until August 14, 2029");
  }

  @Test
  void annualReportReminder() throws Exception {
    MimeMessage m = sendAndReceive(MailRequest.of(MailTemplate.ANNUAL_REPORT_REMINDER, mig.id(), key())
        .with("year", 2027).with("dueDate", LocalDate.of(2027, 8, 1)).with("daysLeft", 30));
    assertRecipients(m, organizers, liaison);
    assertThat(m.getSubject()).isEqualTo(mig.name() + ": annual report for 2027 due August 1, 2027");
    assertThat(text(m)).contains("in 30 days");
    assertPointsToMyPage(m, "File it on " + myPage(), "send the report to your staff liaison");
  }

  @Test
  void annualReportOverdueCopiesTheChairAndTheLiaison() throws Exception {
    MimeMessage m = sendAndReceive(MailRequest.of(MailTemplate.ANNUAL_REPORT_OVERDUE, mig.id(), key())
        .with("year", 2027).with("dueDate", LocalDate.of(2027, 8, 1)));
    assertRecipients(m, organizers, CHAIR, liaison);
    assertThat(text(m)).contains("was due", "August 1, 2027", "late report is still accepted");
    assertPointsToMyPage(m, "file it as soon as you can on " + myPage(), "send the report to your staff liaison");
  }

  @Test
  void migDisbandedCopiesMemberProgramsAndConferenceServices() throws Exception {
    MimeMessage m = sendAndReceive(MailRequest.of(MailTemplate.MIG_DISBANDED, mig.id(), key())
        .with("disbandReason", "NOT_RENEWED").with("effectiveDate", LocalDate.of(2029, 8, 15)));
    assertRecipients(m, organizers, MPS, CONF);
    assertThat(text(m)).contains("August 15, 2029", "no re-petition was filed", "Handbook of Organization");
  }

  @Test
  void aSignInLinkGoesToTheAddressThatAskedAndNobodyElse() throws Exception {
    String link = "http://localhost:8080/login/ott?token=0b7f3c1e-2d4a-4f5e-9a6b-7c8d9e0f1a2b";
    MimeMessage m = sendAndReceive(MailRequest.of(MailTemplate.SIGN_IN_LINK, null, key())
        .requester("ana@lib.example").with("link", link)
        .with("expiresAt", java.time.Instant.parse("2027-01-15T16:20:00Z")).with("minutes", 15L));
    assertRecipients(m, new String[] {"ana@lib.example"});
    assertThat(m.getSubject()).isEqualTo("Your sign-in link to MIG Lifecycle");
    assertThat(text(m)).contains(link, "until January 15, 2027, 10:20 AM CST (15 minutes", "/my",
        "If you did not ask for it, ignore this mail");
    assertThat(html(m)).contains("href=\"" + link + "\"");
  }

  @Test
  void aSignatureConfirmationGoesToTheMembersRosterAddressOnlyWithBothLinks() throws Exception {
    String link = "http://localhost:8080/sign/D-ABC/confirm?token=abc_DEF-123";
    String withdraw = "http://localhost:8080/sign/D-ABC/withdraw?token=abc_DEF-123";
    MimeMessage m = sendAndReceive(MailRequest.of(MailTemplate.SIGNATURE_CONFIRMATION, null, key())
        .requester("mia@members.example").with("migName", "Seed Libraries <MIG>").with("signedName", "Mia Member")
        .with("link", link).with("withdrawLink", withdraw).with("signingUrl", "http://localhost:8080/sign/D-ABC"));
    assertRecipients(m, new String[] {"mia@members.example"});
    assertThat(m.getSubject()).isEqualTo("Seed Libraries <MIG>: confirm your signature");
    assertThat(text(m)).contains("\"Seed Libraries <MIG>\"", "\"Mia Member\"", link, withdraw,
        "the address it has on file for you", "deleted after 30 days");
    assertThat(html(m)).contains("href=\"" + link + "\"", "href=\"" + withdraw + "\"", "Seed Libraries &lt;MIG&gt;");
  }

  @Test
  void aSignatureNotCountedSaysWhy() throws Exception {
    MimeMessage m = sendAndReceive(MailRequest.of(MailTemplate.SIGNATURE_NOT_COUNTED, null, key())
        .requester("lou@members.example").with("migName", "Seed Libraries")
        .with("signingUrl", "http://localhost:8080/sign/D-ABC")
        .with("reason", "ALA's roster shows your membership in good standing through 2020-01-31."));
    assertRecipients(m, new String[] {"lou@members.example"});
    assertThat(m.getSubject()).isEqualTo("Seed Libraries: your signature cannot count");
    assertThat(text(m)).contains("cannot count: ALA's roster shows your membership in good standing through 2020-01-31.",
        "http://localhost:8080/sign/D-ABC");
  }

  @Test
  void petitionReadyGoesToTheDraftsOrganizers() throws Exception {
    MimeMessage m = sendAndReceive(MailRequest.of(MailTemplate.PETITION_READY, null, key())
        .organizers(List.of(new org.ala.mig.registry.Organizer("Rosa Ready", "rosa@lib.example", "1 Main St"),
            new org.ala.mig.registry.Organizer("Sam Second", "sam@lib.example", "2 Main St")))
        .with("migName", "Seed Libraries").with("confirmedSignatures", 100)
        .with("draftUrl", "http://localhost:8080/my/drafts/D-ABC").with("signingUrl", "http://localhost:8080/sign/D-ABC"));
    assertRecipients(m, new String[] {"rosa@lib.example", "sam@lib.example"});
    assertThat(m.getSubject()).isEqualTo("Seed Libraries: the petition has 100 confirmed signatures and can be submitted");
    assertThat(text(m)).contains("reached 100 confirmed signatures", "100 are required",
        "http://localhost:8080/my/drafts/D-ABC");
  }

  @Test
  void councilReportGoesToCouncilWithACopyToTheChair() throws Exception {
    MimeMessage m = sendAndReceive(MailRequest.of(MailTemplate.COUNCIL_REPORT, null, key())
        .with("conferenceName", "ALA Annual Conference 2027").with("conferenceStart", LocalDate.of(2027, 6, 24))
        .with("established", 2).with("renewed", 1).with("disapproved", 1).with("disbanded", 0)
        .with("transitioned", 0).with("overdueReports", 3).with("activeCount", 9)
        .with("chairRemarks", "A good year.").with("reportUrl", "http://localhost:8080/council/reports/annual-2027"));
    assertRecipients(m, new String[] {COUNCIL}, CHAIR);
    assertThat(m.getSubject()).contains("ALA Annual Conference 2027");
    assertThat(text(m)).contains("MIGs established: 2", "Annual reports overdue: 3", "Active MIGs: 9", "A good year.");
  }

  @Test
  void everyTemplateOfTheContractIsCoveredHere() {
    assertThat(Arrays.stream(MailTemplate.values()).map(MailTemplate::id)).containsExactlyInAnyOrder(
        "petition-acknowledged", "signatures-insufficient", "petition-approved", "petition-disapproved",
        "conference-services-notified", "renewal-reminder", "term-renewed", "annual-report-reminder",
        "annual-report-overdue", "mig-disbanded", "council-report", "sign-in-link",
        "signature-confirmation", "signature-not-counted", "petition-ready", "task-overdue", "request-decided",
        "annual-report-returned");
  }

  @Test
  void renewalReminderSaysWhenTheRenewalWindowOpensOrThatItIsOpen() throws Exception {
    MimeMessage closed = sendAndReceive(MailRequest.of(MailTemplate.RENEWAL_REMINDER, mig.id(), key())
        .with("daysLeft", 400).with("renewalWindowOpens", LocalDate.of(2028, 8, 14)).with("renewalWindowOpen", false));
    assertThat(text(closed)).contains("The renewal window opens on August 14, 2028: a re-petition is accepted from"
        + " that day.");
    assertThat(html(closed)).contains("The renewal window opens on", "August 14, 2028");
    MimeMessage open = sendAndReceive(MailRequest.of(MailTemplate.RENEWAL_REMINDER, mig.id(), key())
        .with("daysLeft", 90).with("renewalWindowOpens", LocalDate.of(2028, 8, 14)).with("renewalWindowOpen", true));
    assertThat(text(open)).contains("The renewal window is open: re-petitions have been accepted since August 14, 2028.");
  }

  @Test
  void taskOverdueGoesToTheTasksOfficeNamingTheMigAndTheTask() throws Exception {
    java.time.Instant due = java.time.Instant.parse("2026-12-08T05:59:59.999Z");
    MimeMessage m = sendAndReceive(MailRequest.of(MailTemplate.TASK_OVERDUE, mig.id(), key())
        .offices(List.of(MPS))
        .with("taskName", "Verify signatures").with("subjectName", mig.name()).with("subjectKind", "the MIG")
        .with("description", "Check the petition's signatures. Due by December 7, 2026.")
        .with("dueAt", due).with("createdAt", java.time.Instant.parse("2026-11-23T15:00:00Z"))
        .with("groups", "member-programs").with("assignee", null)
        .with("tasklistUrl", "http://localhost:8080/camunda/app/tasklist/default/#/?task=t-1"));
    assertRecipients(m, new String[] {MPS});
    assertThat(m.getSubject()).isEqualTo("Overdue: Verify signatures: " + mig.name());
    assertThat(text(m)).contains("The task \"Verify signatures\" for the MIG \"" + mig.name() + "\"",
        "was due on December 7, 2026, 11:59 PM CST", "What it asks: Check the petition's signatures.",
        "created on November 23, 2026 for the group member-programs. Open it in Tasklist:",
        "http://localhost:8080/camunda/app/tasklist/default/#/?task=t-1").doesNotContain("assigned to");
    assertThat(html(m)).contains("href=\"http://localhost:8080/camunda/app/tasklist/default/#/?task=t-1\"",
        "Graphic Novels &amp; &lt;Comics&gt;");
  }

  @Test
  void taskOverdueOfTheCouncilReportNamesTheConference() throws Exception {
    MimeMessage m = sendAndReceive(MailRequest.of(MailTemplate.TASK_OVERDUE, null, key())
        .offices(List.of(CHAIR))
        .with("taskName", "Submit the COO report").with("subjectName", "ALA Annual Conference 2027")
        .with("subjectKind", "the conference").with("description", "Submit it. Due by June 23, 2027.")
        .with("dueAt", java.time.Instant.parse("2027-06-24T04:59:59.999Z"))
        .with("createdAt", java.time.Instant.parse("2027-06-10T14:00:00Z"))
        .with("groups", "coo-chair").with("assignee", "chair")
        .with("tasklistUrl", "http://localhost:8080/camunda/app/tasklist/default/#/?task=t-2"));
    assertRecipients(m, new String[] {CHAIR});
    assertThat(m.getSubject()).isEqualTo("Overdue: Submit the COO report: ALA Annual Conference 2027");
    assertThat(text(m)).contains("for the conference \"ALA Annual Conference 2027\"", "June 23, 2027, 11:59 PM CDT",
        "and is assigned to chair");
  }

  @Test
  void requestDecidedGivesTheOutcomeAndTheNotesCopyingTheLiaison() throws Exception {
    MimeMessage m = sendAndReceive(MailRequest.of(MailTemplate.REQUEST_DECIDED, mig.id(), key())
        .with("requestId", "R-0123456789AB").with("requestType", "budget").with("granted", false)
        .with("outcome", "Budget not approved by BARC. Notes: Not this year.").with("details", "Speaker travel.")
        .with("notes", "Not this year."));
    assertRecipients(m, organizers, liaison);
    assertThat(m.getSubject()).isEqualTo(mig.name() + ": your budget request was declined");
    assertThat(text(m)).contains("(R-0123456789AB)", "Your request: Speaker travel.", "Outcome: DECLINED",
        "Budget not approved by BARC. Notes: Not this year.", "The decider's notes: Not this year.");
  }

  @Test
  void annualReportReturnedGivesTheNotesAndHowToResubmit() throws Exception {
    MimeMessage m = sendAndReceive(MailRequest.of(MailTemplate.ANNUAL_REPORT_RETURNED, mig.id(), key())
        .with("year", 2027).with("dueDate", LocalDate.of(2027, 8, 1)).with("reviewNotes", "Add attendance."));
    assertRecipients(m, organizers, liaison);
    assertThat(m.getSubject()).isEqualTo(mig.name() + ": annual report for 2027 returned - please resubmit");
    assertThat(text(m)).contains("The reviewer's notes: Add attendance.", "resubmit the report for 2027");
    assertPointsToMyPage(m, "resubmit the report for 2027 on " + myPage(), "Sign in with a link by mail");
  }

  // --- helpers ---------------------------------------------------------------------------------

  /**
   * The reminders send organizers to their page, /my, and say how to sign in there with a link:
   * in the text and in the HTML (its words, and links to both pages); the staff liaison stays
   * their contact.
   */
  private void assertPointsToMyPage(MimeMessage m, String... also) throws Exception {
    String signIn = "Open " + properties.mail().publicUrl() + "/login, enter this email address under "
        + "'Sign in with a link by mail', and we mail you a link valid for 15 minutes.";
    String contact = "Questions? Contact Lee Liaison <" + liaison + ">.";
    assertThat(text(m).replaceAll("\\s+", " ")).contains(myPage(), signIn, contact).contains(also)
        .doesNotContain("Member Programs and Services");
    Document html = Jsoup.parse(html(m));
    assertThat(html.body().text()).contains(myPage(), signIn, contact).contains(also)
        .doesNotContain("Member Programs and Services");
    assertThat(html.select("a[href]").eachAttr("href"))
        .contains(myPage(), properties.mail().publicUrl() + "/login");
  }

  private String myPage() {
    return properties.mail().publicUrl() + "/my";
  }

  private static String key() {
    return "test/" + UUID.randomUUID();
  }

  private MimeMessage sendAndReceive(MailRequest request) throws Exception {
    tx.executeWithoutResult(s -> assertThat(mail.send(request)).isTrue());
    dispatcher.dispatchDue();
    List<MimeMessage> matching = smtp.received().stream()
        .filter(m -> request.idempotencyKey().equals(header(m, "X-MIG-Outbox-Key")))
        .toList();
    assertThat(matching).hasSize(1);
    MimeMessage m = matching.get(0);
    assertThat(m.getFrom()[0].toString()).isEqualTo("mig-lifecycle@ala.org");
    assertThat(m.getContentType()).startsWith("multipart/alternative");
    return m;
  }

  private static String header(MimeMessage m, String name) {
    try {
      return m.getHeader(name, null);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void assertRecipients(MimeMessage m, String[] to, String... cc) throws Exception {
    assertThat(addresses(m.getRecipients(Message.RecipientType.TO))).containsExactly(to);
    assertThat(addresses(m.getRecipients(Message.RecipientType.CC))).containsExactly(cc);
  }

  private static List<String> addresses(Address[] addresses) {
    return addresses == null ? List.of() : Arrays.stream(addresses).map(Address::toString).toList();
  }

  static String text(MimeMessage m) throws Exception {
    return (String) ((MimeMultipart) m.getContent()).getBodyPart(0).getContent();
  }

  static String html(MimeMessage m) throws Exception {
    return (String) ((MimeMultipart) m.getContent()).getBodyPart(1).getContent();
  }
}
