package org.ala.mig.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.ala.mig.security.HostileInputGenerator.Text;
import org.ala.mig.support.HttpCalls;
import org.ala.mig.support.MigSpringBootTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The pages' form POSTs get 1,000 generated bodies each: the petition form (multipart, with
 * {@code signatures.csv}), the sign-in and the sign-out. A refused body gets 4xx (never 5xx) with
 * a page that says what is wrong next to the input, stores nothing, and shows what was typed as
 * text (no element or attribute of it reaches the page); a valid one is stored exactly as sent.
 */
@MigSpringBootTest
class HostileInputPagesTest {

  static final int BODIES = HostileInputApiTest.BODIES;
  static final String VICTIM = "hostile-victim";
  static final String SIGNER = "hostile-signer";
  static final String PASSWORD = "hostile-password-1";

  static final Text NAME = new Text(true, 1, 200, false, true, () -> "Maker Spaces");
  static final Text PURPOSE = new Text(true, 20, 4000, true, false,
      () -> "To bring together librarians who build maker spaces in public libraries.");
  static final Text ORGANIZER = new Text(true, 1, 200, false, false, () -> "Rosa Díaz");
  static final Text ADDRESS = new Text(true, 1, 1000, true, false, () -> "10 Library Way, Springfield");

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired IdentityService identity;
  HostileInputGenerator generator;

  @BeforeEach
  void setUp() {
    generator = new HostileInputGenerator(HostileInputGenerator.seed() + 1);
    for (String id : List.of(VICTIM, SIGNER)) {
      if (identity.createUserQuery().userId(id).count() == 0) {
        User user = identity.newUser(id);
        user.setPassword(PASSWORD);
        identity.saveUser(user);
      }
    }
  }

  @AfterEach
  void removeUsers() {
    identity.deleteUser(VICTIM);
    identity.deleteUser(SIGNER);
  }

  @AfterAll
  static void tally() {
    System.out.println(HostileRun.tally());
  }

  // --- the petition form --------------------------------------------------------------------------

  /** One generated form: its parts in order, what it must do, and the input an error must be next to. */
  record Form(String kind, List<String[]> fields, byte[] file, String fileName, boolean valid, String input,
      String contentType, byte[] raw, Map<String, Object> sent) {

    String shown() {
      String text = raw != null ? new String(raw, StandardCharsets.UTF_8) : fields.stream()
          .map(f -> f[0] + "=" + f[1]).collect(Collectors.joining("&"))
          + (file == null ? "" : " + " + fileName + ":" + new String(file, StandardCharsets.UTF_8));
      String printable = text.codePoints().limit(600).mapToObj(c -> c < 0x20 || Character.isSurrogate((char) c)
          ? String.format("\\u%04X", c) : new String(Character.toChars(c))).collect(Collectors.joining());
      return "[" + kind + "] " + printable;
    }
  }

  @Test
  void petitionForm() {
    PageSession mps1 = new PageSession(port).signIn("mps1", "demo");
    Set<String> pageTags = tags(Jsoup.parse(mps1.get("/petitions/new").body()));
    HostileRun run = new HostileRun("POST /petitions (multipart, signatures.csv)", HostileInputGenerator.seed());
    for (int i = 0; i < BODIES; i++) {
      Form form = nextForm();
      Map<String, Long> before = HostileRun.counts(jdbc);
      PageSession.Answer answer = mps1.send("/petitions", form, mps1.csrf());
      Map<String, Long> after = HostileRun.counts(jdbc);
      run.answered(answer.status());
      run.check(form.shown(), () -> answer.status() + " " + answer.body(), () -> {
        assertThat(answer.status()).as("never 5xx").isLessThan(500);
        if (form.valid()) {
          assertThat(answer.status()).as("a valid petition is stored").isEqualTo(302);
          assertThat(answer.location()).contains("/petitions/P-");
          storedAsSent(answer.location().substring(answer.location().lastIndexOf('/') + 1), form.sent());
          return;
        }
        assertThat(answer.status()).as("a refused form gets 4xx").isBetween(400, 499);
        assertThat(HostileRun.moved(before, after)).as("rows stored by a refused form").isEmpty();
        Document page = Jsoup.parse(answer.body());
        noInjectedMarkup(page, pageTags);
        if (answer.status() == 400 && form.input() != null && !page.select(".error-summary").isEmpty()) {
          List<String> linked = page.select(".error-summary li a").eachAttr("href");
          assertThat(linked).as("the summary links the input in error").contains("#" + form.input());
          assertThat(page.getElementById(form.input() + "-error")).as("the error next to #" + form.input()).isNotNull();
        } else {
          assertThat(page.text()).as("the page says what is wrong").containsAnyOf("form", "Form", "signatures",
              "problem");
        }
      });
    }
    run.done();
  }

  Form nextForm() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("kind", "ESTABLISH");
    fields.put("migName", generator.unique() + " Maker Spaces");
    fields.put("statementOfPurpose", PURPOSE.base().get());
    int rows = 1 + generator.nextInt(3);
    for (int r = 0; r < rows; r++) {
      fields.put("organizers[" + r + "].name", ORGANIZER.base().get());
      fields.put("organizers[" + r + "].email", generator.pick(HostileInputGenerator.GOOD_EMAILS));
      fields.put("organizers[" + r + "].address", ADDRESS.base().get());
    }
    List<String[]> signatures = new ArrayList<>();
    for (int s = 0; s < 100 + generator.nextInt(5); s++) {
      signatures.add(new String[] {"M" + (100000 + generator.nextInt(900000)), generator.pick(HostileInputApiTest.NAMES)});
    }
    boolean valid = true;
    String input = null;
    String what;
    String fileName = "signatures.csv";
    String csv;
    String newline = generator.pick(List.of("\n", "\r\n"));
    int pick = generator.nextInt(20);
    switch (pick) {
      case 0, 1, 2 -> { // a text input
        String field = generator.pick(new ArrayList<>(fields.keySet().stream().filter(k -> !k.equals("kind")).toList()));
        Text spec = field.equals("migName") ? NAME : field.equals("statementOfPurpose") ? PURPOSE
            : field.endsWith(".address") ? ADDRESS : ORGANIZER;
        String value = textValue(spec);
        fields.put(field, value);
        if (field.endsWith(".email")) {
          value = generator.chance(0.5) ? generator.pick(HostileInputGenerator.BAD_EMAILS.stream()
              .filter(e -> e.chars().noneMatch(c -> Character.isSurrogate((char) c))).toList())   // no browser sends those
              : generator.pick(HostileInputGenerator.GOOD_EMAILS);
          fields.put(field, value);
          valid = HostileInputGenerator.GOOD_EMAILS.contains(value);
        } else {
          valid = HostileInputGenerator.takes(spec, value);
        }
        input = field.replace("[", "-").replace("].", "-");
        what = field + ": " + printable(value);
      }
      case 3 -> {
        String value = generator.pick(List.of("RENEW", "establish", "", "MERGE", " ESTABLISH ", "ESTABLISH\u0000"));
        fields.put("kind", value);
        valid = value.strip().equals("ESTABLISH");   // the form trims the kind it is sent
        input = value.equals("RENEW") ? "migId" : "kind";
        what = "kind " + printable(value);
      }
      case 4 -> { // a whole organizer row left blank: ignored, unless it was the only one
        for (String part : List.of("name", "email", "address")) {
          fields.put("organizers[0]." + part, generator.pick(List.of("", " ")));
        }
        valid = rows > 1;
        input = "organizers";
        what = "organizer row 1 blank";
      }
      case 5 -> { // a field twice: the first counts
        fields.put("extra", "1");
        what = "migName twice, the second hostile";
      }
      default -> what = "signatures.csv";
    }
    if (pick == 5) {
      List<String[]> parts = parts(fields);
      parts.add(2, new String[] {"migName", generator.nasty() + "\u0000"});
      return csvForm(what, parts, signatures, newline, fileName, true, null, fields);
    }
    if (pick < 6) {
      return csvForm(what, parts(fields), signatures, newline, fileName, valid, input, fields);
    }
    // the signatures file, or the request itself
    int filePick = generator.nextInt(18);
    String header = generator.pick(List.of("member_id,name", "MEMBER_ID, Name", "\"member_id\",\"name\""));
    String body = signatures.stream().map(s -> HostileInputGenerator.csvField(s[0]) + "," + HostileInputGenerator.csvField(s[1]))
        .collect(Collectors.joining(newline));
    int line = 2 + generator.nextInt(signatures.size());   // the physical line of a signature
    List<String> lines = new ArrayList<>(List.of(body.split(newline, -1)));
    switch (filePick) {
      case 0, 1 -> { // a formula in a cell
        int column = generator.nextInt(2);
        String formula = generator.pick(List.of("=", "+", "-", "@", "\t=")) + generator.pick(List.of(
            "cmd|' /C calc'!A0", "SUM(1+1)", "HYPERLINK(\"http://evil\")", "Smith"));
        String[] s = signatures.get(line - 2);
        s[column] = (generator.chance(0.3) ? " " : "") + formula;
        lines.set(line - 2, HostileInputGenerator.csvField(s[0]) + "," + HostileInputGenerator.csvField(s[1]));
        csv = header + newline + String.join(newline, lines) + newline;
        return file("formula in " + (column == 0 ? "member_id" : "name") + " on line " + line, fields, csv, fileName,
            false, "signatures.csv line " + line + ": " + (column == 0 ? "member_id" : "name") + " must not start");
      }
      case 2 -> {
        lines.set(line - 2, lines.get(line - 2) + ",extra");
        return file("three fields on line " + line, fields, header + newline + String.join(newline, lines), fileName,
            false, "signatures.csv line " + line + ": expected 2 fields");
      }
      case 3 -> {
        lines.set(line - 2, "," + signatures.get(line - 2)[1]);
        return file("no member id on line " + line, fields, header + newline + String.join(newline, lines), fileName,
            false, "signatures.csv line " + line + ": member_id is empty");
      }
      case 4 -> {
        return file("a quote never closed", fields, header + newline + String.join(newline, lines) + newline
            + "M1,\"open" + newline, fileName, false, "never closed");
      }
      case 5 -> {
        return file("binary", fields, header + newline + "M1,Ann\u0000" + newline + String.join(newline, lines), fileName,
            false, "binary content");
      }
      case 6 -> {
        byte[] start = (header + newline + "M1,Zo").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(start);
        out.writeBytes(generator.pick(List.of(new byte[] {(byte) 0xEB}, new byte[] {(byte) 0xC0, (byte) 0xAF},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})));
        out.writeBytes((newline + String.join(newline, lines)).getBytes(StandardCharsets.UTF_8));
        return new Form("not UTF-8", parts(fields), out.toByteArray(), fileName, false, "signatures", null, null, null);
      }
      case 7 -> {
        return file("another header", fields, generator.pick(List.of("id,signer", "member_id;name", "name,member_id"))
            + newline + String.join(newline, lines), fileName, false, "expected the header");
      }
      case 8 -> {
        return file("too few signatures", fields, header + newline + String.join(newline, lines.subList(0, 99)),
            fileName, false, "at least 100");
      }
      case 9 -> {
        return new Form("no file chosen", parts(fields), new byte[0], "", false, "signatures", null, null, null);
      }
      case 10 -> {
        return new Form("no file part", parts(fields), null, null, false, "signatures", null, null, null);
      }
      case 11 -> {
        return file("empty file", fields, generator.pick(List.of("", "\uFEFF", newline + newline)), fileName, false,
            "empty");
      }
      case 12 -> { // a member id too long for the petition
        lines.set(line - 2, "M" + "1".repeat(80) + ",Ann");
        return file("member id of 81 characters", fields, header + newline + String.join(newline, lines), fileName,
            false, "signatures.csv line " + line + ": member_id");
      }
      case 13 -> { // a malformed multipart body, or the wrong content type
        String raw = generator.pick(List.of("--XX\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nESTABLISH",
            "garbage", "--XX--", "--XX\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XX--\r\n"));
        return new Form("malformed multipart", List.of(), null, null, false, null,
            "multipart/form-data; boundary=XX", raw.getBytes(StandardCharsets.UTF_8), null);
      }
      case 14 -> { // urlencoded: no file at all
        return new Form("urlencoded", parts(fields), null, null, false, "signatures",
            "application/x-www-form-urlencoded", null, null);
      }
      case 15 -> { // about 1 MB of signatures: a big, valid petition
        StringBuilder big = new StringBuilder(header).append(newline);
        List<String[]> all = new ArrayList<>();
        while (big.length() < 1_000_000) {
          String[] s = {"M" + (100000 + generator.nextInt(900000)), generator.pick(HostileInputApiTest.NAMES)};
          all.add(s);
          big.append(HostileInputGenerator.csvField(s[0])).append(',').append(HostileInputGenerator.csvField(s[1]))
              .append(newline);
        }
        if (generator.chance(0.8)) {   // refused at its last line: read whole, nothing stored
          big.append("M1,=cmd|' /C calc'!A0").append(newline);
          return file("1 MB of signatures, a formula at the end", fields, big.toString(), fileName, false, "formula");
        }
        return csvForm("1 MB of signatures", parts(fields), all, newline, fileName, true, null, fields, big.toString());
      }
      case 16 -> { // the form token missing or wrong
        return new Form("no form token", parts(fields), body.getBytes(StandardCharsets.UTF_8), fileName, false, null,
            "no-token", null, null);
      }
      default -> { // a byte order mark, blank lines and hostile names: a valid file
        for (String[] s : signatures.subList(0, 5)) {
          s[1] = s[1] + " " + generator.pick(List.of("<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
              "'; DROP TABLE member;--"));
        }
        String text = "\uFEFF" + header + newline + newline + signatures.stream()
            .map(s -> HostileInputGenerator.csvField(s[0]) + "," + HostileInputGenerator.csvField(s[1]))
            .collect(Collectors.joining(newline)) + newline + ",";
        return csvForm("BOM, blank lines, markup in names", parts(fields), signatures, newline, fileName, true, null,
            fields, text);
      }
    }
  }

  private Form csvForm(String what, List<String[]> parts, List<String[]> signatures, String newline, String fileName,
      boolean valid, String input, Map<String, String> fields) {
    String csv = "member_id,name" + newline + signatures.stream()
        .map(s -> HostileInputGenerator.csvField(s[0]) + "," + HostileInputGenerator.csvField(s[1]))
        .collect(Collectors.joining(newline)) + newline;
    return csvForm(what, parts, signatures, newline, fileName, valid, input, fields, csv);
  }

  private Form csvForm(String what, List<String[]> parts, List<String[]> signatures, String newline, String fileName,
      boolean valid, String input, Map<String, String> fields, String csv) {
    Map<String, Object> sent = new LinkedHashMap<>();
    sent.put("fields", fields);
    sent.put("signatures", signatures);
    return new Form(what, parts, csv.getBytes(StandardCharsets.UTF_8), fileName, valid, input, null, null,
        valid ? sent : null);
  }

  private Form file(String what, Map<String, String> fields, String csv, String fileName, boolean valid, String message) {
    return new Form(what + " (" + message + ")", parts(fields), csv.getBytes(StandardCharsets.UTF_8), fileName, valid,
        "signatures", null, null, null);
  }

  private static List<String[]> parts(Map<String, String> fields) {
    List<String[]> parts = new ArrayList<>();
    fields.forEach((k, v) -> parts.add(new String[] {k, v}));
    return parts;
  }

  private String textValue(Text spec) {
    int pick = generator.nextInt(9);
    String base = (spec == NAME ? generator.unique() + " " : "") + spec.base().get();
    return switch (pick) {
      case 0 -> generator.pick(HostileInputGenerator.BLANK);
      case 1 -> "A".repeat(spec.max() + 1 + generator.nextInt(1000));
      case 2 -> base + " " + generator.pick(HostileInputGenerator.FORBIDDEN.stream()
          .filter(c -> !Character.isSurrogate(c.charAt(0))).toList());   // a browser sends no half surrogate
      case 3 -> base + "\n" + generator.nasty();
      case 4 -> "  " + base + " " + generator.nasty() + "\t ";
      case 5 -> "A".repeat(1_000_000);
      default -> base + " " + generator.nasty();
    };
  }

  private void storedAsSent(String petitionId, Map<String, Object> sent) {
    @SuppressWarnings("unchecked")
    Map<String, String> fields = (Map<String, String>) sent.get("fields");
    @SuppressWarnings("unchecked")
    List<String[]> signatures = (List<String[]>) sent.get("signatures");
    Map<String, Object> petition = jdbc.queryForMap("select * from petition where id = ?", petitionId);
    assertThat(petition.get("MIG_NAME")).isEqualTo(fields.get("migName").strip());
    assertThat(petition.get("STATEMENT_OF_PURPOSE")).isEqualTo(fields.get("statementOfPurpose").strip());
    List<Map<String, Object>> organizers = new ArrayList<>();
    for (int r = 0; fields.containsKey("organizers[" + r + "].name"); r++) {
      String name = fields.get("organizers[" + r + "].name");
      String email = fields.get("organizers[" + r + "].email");
      String address = fields.get("organizers[" + r + "].address");
      if (!(name.isBlank() && email.isBlank() && address.isBlank())) {
        organizers.add(Map.of("NAME", name.strip(), "EMAIL", email.strip(), "ADDRESS", address.strip()));
      }
    }
    assertThat(jdbc.queryForList("select name, email, address from petition_organizer where petition_id = ?"
        + " order by position", petitionId)).isEqualTo(organizers);
    List<Map<String, Object>> rows = jdbc.queryForList(
        "select member_id, name from petition_signature where petition_id = ? order by position", petitionId);
    assertThat(rows).hasSize(signatures.size());
    for (int s = 0; s < signatures.size(); s++) {
      assertThat(rows.get(s).get("MEMBER_ID")).isEqualTo(signatures.get(s)[0].strip());
      assertThat(rows.get(s).get("NAME")).isEqualTo(signatures.get(s)[1].strip().replaceAll("\\s+", " "));
    }
  }

  // --- sign-in and sign-out -----------------------------------------------------------------------

  @Test
  void signIn() {
    PageSession session = new PageSession(port);
    Set<String> pageTags = tags(Jsoup.parse(session.get("/login").body()));
    HostileRun run = new HostileRun("POST /login", HostileInputGenerator.seed());
    for (int i = 0; i < BODIES; i++) {
      String csrf = session.csrf();
      Map<String, String> fields = new LinkedHashMap<>();
      String next = generator.pick(List.of("/registry", "/migs/diversity?tab=timeline", "//evil.example/",
          "https://evil.example", "/\\evil.example", "/registry\r\nSet-Cookie: evil=1", "javascript:alert(1)",
          "/registry/{x}", "/registry?q=<script>", "/login", "/%0d%0aSet-Cookie:x", "/" + "a".repeat(5000), "",
          "/registry#\"><img src=x onerror=alert(1)>", "/council\u0000", "/outbox\t"));
      int pick = generator.nextInt(10);
      boolean valid = false;
      String user;
      switch (pick) {
        case 0 -> { // the right user and password: signed in, sent on to a path of this application
          user = SIGNER;
          fields.put("username", generator.pick(List.of(SIGNER, " " + SIGNER + " ")));
          fields.put("password", PASSWORD);
          valid = true;
        }
        case 1 -> {
          user = VICTIM;
          fields.put("username", VICTIM);
          fields.put("password", generator.pick(List.of("", "demo", "' OR '1'='1", PASSWORD + " ", "x".repeat(100_000))));
        }
        default -> {
          user = generator.pick(List.of(generator.nasty(), "", "   ", "admin' --", "x".repeat(1_000_000),
              "u\u0000ser", "\uD800", "a".repeat(300), "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>"));
          fields.put("username", user);
          fields.put("password", generator.pick(List.of("demo", "", "x")));
        }
      }
      fields.put("next", next);
      boolean withToken = generator.chance(0.9);
      if (withToken) {
        fields.put("_csrf", generator.chance(0.95) ? csrf : csrf + "0");
      }
      boolean tokenOk = withToken && csrf.equals(fields.get("_csrf"));
      boolean accepted = valid && tokenOk;
      PageSession.Answer answer = session.postForm("/login", fields);
      String shown = "[login as " + printable(user) + (tokenOk ? "" : ", bad token") + "] " + printable(fields.toString());
      run.answered(answer.status());
      run.check(shown, () -> answer.status() + " " + answer.body(), () -> {
        assertThat(answer.status()).as("never 5xx").isLessThan(500);
        if (accepted) {
          assertThat(answer.status()).isEqualTo(302);
          String path = answer.location().replaceFirst("^http://localhost:" + port, "");
          assertThat(path).as("a path of this application").startsWith("/").doesNotStartWith("//")
              .doesNotContain("\\").doesNotStartWith("/login");
          assertThat(path.chars().allMatch(c -> c > 0x20 && c < 0x7F)).as("printable " + path).isTrue();
          assertThat(java.net.URLDecoder.decode(path, StandardCharsets.UTF_8))
              .isIn(java.net.URLDecoder.decode(next.replace("+", "%2B"), StandardCharsets.UTF_8), "/registry");
          return;
        }
        // 429: the same user name failed too often in a row (the sign-in throttle); not looked at
        assertThat(answer.status()).as("refused").isIn(401, 403, 400, 413, 429);
        Document page = Jsoup.parse(answer.body());
        noInjectedMarkup(page, pageTags);
        if (answer.status() == 401 || answer.status() == 429) {
          assertThat(page.getElementById("login-error").text()).matches(answer.status() == 401
              ? "Wrong user name or password\\."
              : "Too many failed sign-ins for this user or from this address: try again in \\d+ seconds?\\.");
          String shownUser = page.getElementById("username").attr("value");
          String typed = fields.get("username").strip();
          if (typed.length() <= 2000 && typed.chars().noneMatch(c -> c < 0x20 || Character.isSurrogate((char) c))) {
            assertThat(shownUser).as("the user name is shown as typed, as text").isEqualTo(typed);
          }
        } else {
          assertThat(page.text()).contains("form");
        }
      });
      if (answer.status() == 302) {
        session = new PageSession(port);
        session.get("/login");
      }
    }
    run.done();
  }

  @Test
  void signOut() {
    PageSession session = new PageSession(port).signIn("coo1", "demo");
    HostileRun run = new HostileRun("POST /logout", HostileInputGenerator.seed());
    for (int i = 0; i < BODIES; i++) {
      String csrf = session.csrf();
      Map<String, String> fields = new LinkedHashMap<>();
      for (int extra = generator.nextInt(3); extra > 0; extra--) {
        fields.put(generator.pick(List.of("next", "user", "<b>", "_csrf2", "x".repeat(300))), generator.nasty());
      }
      int pick = generator.nextInt(10);
      boolean valid = pick == 0;
      if (pick == 0) {
        fields.put("_csrf", csrf);
      } else if (pick < 5) {
        fields.put("_csrf", generator.pick(List.of("", csrf + "x", csrf.toUpperCase(), " " + csrf, "\u0000", csrf
            .substring(1))));
      }
      Map<String, Long> before = HostileRun.counts(jdbc);
      PageSession.Answer answer = pick == 9
          ? session.sendRaw("/logout", "multipart/form-data; boundary=XX", ("--XX\r\nContent-Disposition: form-data;"
              + " name=\"_csrf\"\r\n\r\n" + csrf).getBytes(StandardCharsets.UTF_8))
          : session.postForm("/logout", fields);
      Map<String, Long> after = HostileRun.counts(jdbc);
      PageSession current = session;
      run.answered(answer.status());
      run.check(printable(fields.toString()), () -> answer.status() + " " + answer.body(), () -> {
        assertThat(answer.status()).as("never 5xx").isLessThan(500);
        if (valid) {
          assertThat(answer.status()).isEqualTo(302);
          assertThat(current.get("/registry").status()).as("signed out").isEqualTo(302);
          return;
        }
        assertThat(answer.status()).as("refused").isIn(400, 403);
        assertThat(Jsoup.parse(answer.body()).text()).contains("form");
        assertThat(HostileRun.moved(before, after)).isEmpty();
        assertThat(current.get("/registry").status()).as("still signed in").isEqualTo(200);
      });
      if (answer.status() == 302) {
        session = new PageSession(port).signIn("coo1", "demo");
      }
    }
    run.done();
  }

  // --- what every refusal page must be ------------------------------------------------------------

  /**
   * No markup of what was sent reached the page: only the tags the page has anyway, no event
   * handler or javascript: link, no element from the hostile strings.
   */
  static void noInjectedMarkup(Document page, Set<String> pageTags) {
    Set<String> tags = tags(page);
    tags.removeAll(pageTags);
    tags.removeAll(Set.of("html", "head", "body", "main", "h1", "p", "a", "title", "meta", "link", "#root", "ul", "li",
        "span", "h2", "div", "strong", "form", "input", "button", "label", "fieldset", "legend", "select", "option",
        "textarea", "nav", "header", "footer", "br", "code", "em"));
    assertThat(tags).as("elements that came from the input").isEmpty();
    for (Element element : page.getAllElements()) {
      for (Attribute attribute : element.attributes()) {
        assertThat(attribute.getKey().toLowerCase()).as("attribute of <" + element.tagName() + ">").doesNotStartWith("on");
        if (Set.of("href", "src", "action", "formaction").contains(attribute.getKey().toLowerCase())) {
          assertThat(attribute.getValue().strip().toLowerCase()).as("link").doesNotStartWith("javascript:");
        }
      }
    }
    assertThat(page.select("script").stream().filter(s -> s.data().contains("alert")).toList()).isEmpty();
  }

  static Set<String> tags(Document page) {
    return page.getAllElements().stream().map(Element::tagName).collect(Collectors.toCollection(TreeSet::new));
  }

  static String printable(String text) {
    String shown = text.length() > 200 ? text.substring(0, 200) + "...(" + text.length() + ")" : text;
    return shown.codePoints().mapToObj(c -> c < 0x20 || Character.isSurrogate((char) c) ? String.format("\\u%04X", c)
        : new String(Character.toChars(c))).collect(Collectors.joining());
  }

  /** A browser without JavaScript: a session cookie, no redirects followed, forms by hand. */
  static final class PageSession {
    record Answer(int status, String body, String location) {}

    private final String base;
    private final HttpClient client;
    private String csrf;

    PageSession(int port) {
      this.base = "http://localhost:" + port;
      this.client = HttpClient.newBuilder().cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    PageSession signIn(String user, String password) {
      get("/login");
      Answer signedIn = postForm("/login", Map.of("username", user, "password", password, "_csrf", csrf(),
          "next", "/registry"));
      assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(302);
      get("/registry");   // as a browser follows the redirect: a sign-in gives the session a new form token
      return this;
    }

    /** The session's form token, as the last page showed it. */
    String csrf() {
      if (csrf == null) {
        get("/login");
      }
      return csrf;
    }

    Answer get(String path) {
      Answer answer = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
      Element token = Jsoup.parse(answer.body()).selectFirst("input[name=_csrf]");
      if (token != null) {
        csrf = token.attr("value");
      }
      return answer;
    }

    Answer postForm(String path, Map<String, String> fields) {
      String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
          + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
      return sendRaw(path, "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8));
    }

    Answer send(String path, Form form, String token) {
      if (form.raw() != null) {
        return sendRaw(path, form.contentType(), form.raw());
      }
      List<String[]> parts = new ArrayList<>(form.fields());
      if (!"no-token".equals(form.contentType())) {
        parts.add(0, new String[] {"_csrf", token});
      }
      if ("application/x-www-form-urlencoded".equals(form.contentType())) {
        Map<String, String> fields = new LinkedHashMap<>();
        parts.forEach(p -> fields.putIfAbsent(p[0], p[1]));
        return postForm(path, fields);
      }
      String boundary = "----hostile-" + Long.toHexString(System.nanoTime());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (String[] part : parts) {
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part[0] + "\"\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(part[1].getBytes(StandardCharsets.UTF_8));
        out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
      }
      if (form.file() != null) {
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"signatures\"; filename=\""
            + form.fileName() + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(form.file());
        out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
      }
      out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      return sendRaw(path, "multipart/form-data; boundary=" + boundary, out.toByteArray());
    }

    Answer sendRaw(String path, String contentType, byte[] body) {
      return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private Answer send(HttpRequest.Builder request) {
      HttpResponse<String> response = HttpCalls.send(client, request.timeout(Duration.ofSeconds(60)).build());
      return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Location").orElse(null));
    }

  }
}
