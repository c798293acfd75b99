package org.ala.mig.reporting;

import java.util.List;
import org.ala.mig.common.MigProperties.Conference;

/**
 * Where the conferences that get a COO report to Council come from: the conference table
 * (package conferences), which {@code mig.conferences} only seeds.
 */
public interface ConferenceSource {

  /** Every known conference, in order of its start. */
  List<Conference> conferences();
}
