package org.ala.mig.registry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What a MIG needs at conferences (the petition's {@code meetingNeeds}) and what Conference
 * Services noted when it acknowledged the new MIG ({@code accommodationNotes}): columns
 * mig.meeting_needs and mig.accommodation.
 */
@Repository
public class MigAccommodationRepository {

  private final JdbcTemplate jdbc;

  public MigAccommodationRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Accommodation> of(String migId) {
    List<Accommodation> found = jdbc.query("select meeting_needs, accommodation from mig where id = ?",
        (rs, n) -> new Accommodation(rs.getString(1), rs.getString(2)), migId);
    return found.stream().findFirst();
  }

  public Map<String, Accommodation> all() {
    Map<String, Accommodation> byMig = new HashMap<>();
    jdbc.query("select id, meeting_needs, accommodation from mig where meeting_needs is not null or accommodation is not null",
        rs -> {
          byMig.put(rs.getString(1), new Accommodation(rs.getString(2), rs.getString(3)));
        });
    return byMig;
  }

  /** The petition's meeting needs (null when it named none). */
  public void setMeetingNeeds(String migId, String meetingNeeds) {
    jdbc.update("update mig set meeting_needs = ? where id = ?", meetingNeeds, migId);
  }

  /** What Conference Services noted (null when it noted nothing). */
  public void setAccommodation(String migId, String accommodation) {
    jdbc.update("update mig set accommodation = ? where id = ?", accommodation, migId);
  }
}
