package org.ala.mig.roster;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ala.mig.identity.MigGroup;
import org.ala.mig.identity.RequiresGroup;
import org.ala.mig.web.ApiException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * POST /api/roster (text/csv): Member Programs and Services uploads the member roster. Valid
 * lines are upserted, each bad line is reported with its number; a file that is not a roster is
 * refused whole and nothing is stored.
 */
@RestController
class RosterController {

  static final int MAX_BYTES = 32 * 1024 * 1024;

  record LineRejected(int line, String message) {}

  record ImportResult(int imported, List<LineRejected> rejected) {}

  private final RosterRepository roster;

  RosterController(RosterRepository roster) {
    this.roster = roster;
  }

  @PostMapping(path = "/api/roster", consumes = "text/csv")
  @RequiresGroup(MigGroup.MEMBER_PROGRAMS)
  ImportResult upload(@RequestBody(required = false) byte[] body) {
    if (body == null || body.length == 0) {
      throw ApiException.invalid("body", "empty: send the roster as CSV with the header "
          + "member_id,name,email,good_standing_through");
    }
    if (body.length > MAX_BYTES) {
      throw ApiException.invalid("body", "larger than " + MAX_BYTES / (1024 * 1024) + " MB");
    }
    ParsedRoster parsed;
    try {
      parsed = RosterCsvParser.parse(utf8(body));
    } catch (InvalidRosterFileException e) {
      throw ApiException.invalid("body", e.getMessage());
    }
    roster.upsert(parsed.members());
    return new ImportResult(parsed.members().size(),
        parsed.rejected().stream().map(p -> new LineRejected(p.line(), p.message())).toList());
  }

  private static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw ApiException.invalid("body", "not valid UTF-8 text");
    }
  }
}
