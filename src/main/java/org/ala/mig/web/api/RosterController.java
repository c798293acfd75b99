package org.ala.mig.web.api;

import java.util.List;
import org.ala.mig.identity.MigGroup;
import org.ala.mig.identity.RequiresGroup;
import org.ala.mig.roster.ParsedRoster;
import org.ala.mig.roster.RosterService;
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

  record LineRejected(int line, String message) {}

  record ImportResult(int imported, List<LineRejected> rejected) {}

  private final RosterService roster;

  RosterController(RosterService roster) {
    this.roster = roster;
  }

  @PostMapping(path = "/api/roster", consumes = "text/csv")
  @RequiresGroup(MigGroup.MEMBER_PROGRAMS)
  ImportResult upload(@RequestBody(required = false) byte[] body) {
    ParsedRoster parsed = roster.importCsv(body);
    return new ImportResult(parsed.members().size(),
        parsed.rejected().stream().map(p -> new LineRejected(p.line(), p.message())).toList());
  }
}
