package org.ala.mig.identity;

import java.util.List;
import java.util.Set;

/** The demo profile's users (CONTRACT.md); each signs in with the password {@code demo}. */
public record DemoUser(String id, String firstName, String lastName, Set<MigGroup> groups) {

  public static final String PASSWORD = "demo";

  public static final List<DemoUser> ALL =
      List.of(
          new DemoUser("chair", "Casey", "Chair", Set.of(MigGroup.COO, MigGroup.COO_CHAIR)),
          new DemoUser("coo1", "Morgan", "Committee", Set.of(MigGroup.COO)),
          new DemoUser("mps1", "Pat", "Programs", Set.of(MigGroup.MEMBER_PROGRAMS)),
          new DemoUser("confsvc1", "Jordan", "Conference", Set.of(MigGroup.CONFERENCE_SERVICES)),
          new DemoUser("liaison1", "Lee", "Liaison", Set.of(MigGroup.HQ_STAFF)),
          new DemoUser("barc1", "Robin", "Budget", Set.of(MigGroup.BARC)),
          new DemoUser("exec1", "Evelyn", "Executive", Set.of(MigGroup.EXECUTIVE_OFFICE)),
          new DemoUser("council1", "Alex", "Councilor", Set.of(MigGroup.COUNCIL)),
          new DemoUser("admin", "Ada", "Admin", Set.of(MigGroup.CAMUNDA_ADMIN)));

  public String email() {
    return id + "@demo.ala.example";
  }
}
