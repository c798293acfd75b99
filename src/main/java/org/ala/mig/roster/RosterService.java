package org.ala.mig.roster;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.ala.mig.common.InvalidInputException;
import org.springframework.stereotype.Service;

/** MPS's roster upload: the CSV file checked and parsed, its good lines stored, the others reported. */
@Service
public class RosterService {

  static final int MAX_BYTES = 32 * 1024 * 1024;

  private final RosterRepository roster;

  public RosterService(RosterRepository roster) {
    this.roster = roster;
  }

  /**
   * Imports the roster's lines (member_id,name,email,good_standing_through): the accepted members
   * are stored, the rejected lines come back with their problems.
   *
   * @throws InvalidInputException on {@code body} when the file is empty, too large, not UTF-8 or has no usable header
   */
  public ParsedRoster importCsv(byte[] body) {
    if (body == null || body.length == 0) {
      throw InvalidInputException.of("body", "empty: send the roster as CSV with the header "
          + "member_id,name,email,good_standing_through");
    }
    if (body.length > MAX_BYTES) {
      throw InvalidInputException.of("body", "larger than " + MAX_BYTES / (1024 * 1024) + " MB");
    }
    ParsedRoster parsed;
    try {
      parsed = RosterCsvParser.parse(utf8(body));
    } catch (InvalidRosterFileException e) {
      throw InvalidInputException.of("body", e.getMessage());
    }
    roster.upsert(parsed.members());
    return parsed;
  }

  /** How many members the roster has. */
  public long memberCount() {
    return roster.count();
  }

  private static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw InvalidInputException.of("body", "not valid UTF-8 text");
    }
  }

  /** The member whose roster address this is (any case) and who is in good standing on {@code day}, if any. */
  public java.util.Optional<RosterMember> memberInGoodStanding(String email, java.time.LocalDate day) {
    return roster.findByEmail(email).stream().filter(m -> m.inGoodStandingOn(day)).findFirst();
  }
}
