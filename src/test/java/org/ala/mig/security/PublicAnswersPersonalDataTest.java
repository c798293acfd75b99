package org.ala.mig.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigIds;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.registry.Organizer;
import org.ala.mig.registry.StaffLiaison;
import org.ala.mig.registry.StaffLiaisonRepository;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.MigSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * "No organizer's email or address, ever" (issue 19): MIGs (active, renewal pending, renamed) and
 * a petition draft whose organizers have distinctive emails and postal addresses, with statements
 * of purpose that contain nothing of theirs; then every public answer, fetched as an anonymous
 * caller, is searched for any of them. The answers must also name the MIGs, so that an empty page
 * cannot pass.
 */
@MigSpringBootTest
class PublicAnswersPersonalDataTest {

  @LocalServerPort int port;
  @Autowired MigRepository migs;
  @Autowired StaffLiaisonRepository liaisons;

  @Test
  void noPublicAnswerShowsAnOrganizersEmailOrAddress() throws Exception {
    String key = UUID.randomUUID().toString().substring(0, 8);
    List<Organizer> organizers = List.of(
        new Organizer("Quinn Quillfeather", "quinn.private-" + key + "@organizer-mail.example", "9 Hush Court " + key + ", Peoria IL"),
        new Organizer("Rory Rookwood", "RORY.Private-" + key + "@Organizer-Mail.example", "PO Box " + key + ", Cairo IL"));
    List<String> personal = new ArrayList<>();
    organizers.forEach(o -> {
      personal.add(o.email());
      personal.add(o.address());
    });
    String liaisonEmail = "staff-" + key + "@ala-staff.example";

    Mig active = mig("Quiet Readers " + key, LocalDate.of(2027, 1, 31), organizers, liaisonEmail);
    Mig pending = mig("Patient Archivists " + key, LocalDate.of(2026, 11, 30), organizers, liaisonEmail);
    migs.setStatus(pending.id(), MigStatus.RENEWAL_PENDING, null);
    Mig renamed = mig("Old Name Circle " + key, LocalDate.of(2028, 5, 31), organizers, liaisonEmail);
    migs.rename(renamed.id(), "New Name Circle " + key);

    HttpApi http = new HttpApi(port);
    Map<String, Object> draft = new LinkedHashMap<>();
    draft.put("kind", "ESTABLISH");
    draft.put("migName", "Draft Dreamers " + key);
    draft.put("statementOfPurpose", "To bring together librarians who run reading circles for adults.");
    draft.put("organizers", organizers.stream()
        .map(o -> Map.of("name", o.name(), "email", o.email(), "address", o.address())).toList());
    Reply created = http.postJson("/api/petition-drafts", "coo1", new ObjectMapper().writeValueAsString(draft));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String draftId = created.json().path("draftId").asText();

    Map<String, String> answers = new LinkedHashMap<>();
    List<String> notBuiltYet = new ArrayList<>();
    for (String path : List.of("/handbook", "/api/handbook", "/handbook.csv", "/", "/login", "/login?error",
        "/calendar/conferences.ics", "/sign/" + draftId, "/sign/" + draftId + "/confirm?token=not-a-token",
        "/sign/" + draftId + "/withdraw?token=not-a-token", "/api/petition-drafts/" + draftId)) {
      Reply reply = http.get(path, null);
      if (reply.status() == 404 && path.startsWith("/calendar/")) {
        notBuiltYet.add(path); // another step builds the calendar feeds: scanned once it exists
        continue;
      }
      assertThat(reply.status()).as(path + ": " + reply.body()).isLessThan(500);
      answers.put(path, reply.body());
    }

    answers.forEach((path, body) -> {
      String folded = body.toLowerCase(Locale.ROOT);
      for (String secret : personal) {
        assertThat(folded).as(path + " shows an organizer's email or address").doesNotContain(secret.toLowerCase(Locale.ROOT));
      }
      assertThat(folded).as(path + " shows the part of an organizer's address that is theirs").doesNotContain(key + " hush court")
          .doesNotContain("po box " + key).doesNotContain("organizer-mail.example");
      assertThat(folded).as(path + " shows a liaison's email (staff data)").doesNotContain(liaisonEmail);
    });
    for (String path : List.of("/handbook", "/api/handbook", "/handbook.csv")) {
      assertThat(answers.get(path)).as(path + " lists the MIGs").contains(active.name(), pending.name(),
          "New Name Circle " + key, "Old Name Circle " + key, "Liaison " + key);
    }
    assertThat(answers.get("/api/petition-drafts/" + draftId)).contains("Draft Dreamers " + key, "Quinn Quillfeather");
    assertThat(answers.get("/sign/" + draftId)).contains("Draft Dreamers " + key);
    assertThat(answers).hasSizeGreaterThanOrEqualTo(10 - notBuiltYet.size());
  }

  private Mig mig(String name, LocalDate termEnd, List<Organizer> organizers, String liaisonEmail) {
    String id = MigIds.slug(name);
    Mig mig = new Mig(id, name, MigStatus.ACTIVE, "To share the quiet work of " + name.toLowerCase(Locale.ROOT) + ".",
        termEnd.minusYears(3).plusDays(1), termEnd, null, null, organizers);
    migs.insert(mig, termEnd.minusYears(6).plusDays(1));
    String key = name.substring(name.lastIndexOf(' ') + 1);
    liaisons.replace(id, List.of(new StaffLiaison("Liaison " + key, liaisonEmail)));
    return mig;
  }
}
