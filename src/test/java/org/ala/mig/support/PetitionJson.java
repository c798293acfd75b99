package org.ala.mig.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** Petition bodies for tests, signed by real members of the (demo) roster. */
public final class PetitionJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private PetitionJson() {}

  /** {@code count} members in good standing, as {memberId, name} signatures. */
  public static List<Map<String, Object>> signatures(JdbcTemplate jdbc, int count) {
    return new ArrayList<>(jdbc.query(
        "select member_id, name from member where good_standing_through >= current_date order by member_id"
            + " fetch first " + count + " rows only",
        (rs, n) -> Map.<String, Object>of("memberId", rs.getString("member_id"), "name", rs.getString("name"))));
  }

  public static Map<String, Object> establish(String name, List<Map<String, Object>> signatures) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("kind", "ESTABLISH");
    body.put("migName", name);
    body.put("statementOfPurpose", "To bring together librarians who build maker spaces in public libraries.");
    body.put("organizers", List.of(
        Map.of("name", "Rosa Díaz", "email", "rosa@lib.example", "address", "10 Library Way, Springfield"),
        Map.of("name", "Sam Okafor", "email", "sam@lib.example", "address", "22 Reading Rd, Shelbyville")));
    body.put("signatures", signatures);
    return body;
  }

  public static Map<String, Object> renew(String migId, List<Map<String, Object>> signatures) {
    Map<String, Object> body = establish("ignored", signatures);
    body.remove("migName");
    body.put("kind", "RENEW");
    body.put("migId", migId);
    return body;
  }

  public static String write(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
