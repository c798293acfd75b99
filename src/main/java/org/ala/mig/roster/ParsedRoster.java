package org.ala.mig.roster;

import java.util.List;

/**
 * The outcome of reading a roster file.
 *
 * @param members the accepted members, in file order, with distinct member ids
 * @param rejected the rejected records, in file order, one problem each
 */
public record ParsedRoster(List<RosterMember> members, List<LineProblem> rejected) {

  public ParsedRoster {
    members = List.copyOf(members);
    rejected = List.copyOf(rejected);
  }
}
