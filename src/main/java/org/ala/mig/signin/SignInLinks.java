package org.ala.mig.signin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.ala.mig.common.MigProperties;
import org.ala.mig.drafts.DraftService;
import org.ala.mig.mail.MailRequest;
import org.ala.mig.mail.MailService;
import org.ala.mig.mail.MailTemplate;
import org.ala.mig.registry.MigDirectory;
import org.ala.mig.roster.RosterMember;
import org.ala.mig.roster.RosterService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sign-in links for the people without a password: who may get one (a roster member in good
 * standing, an organizer on record), the mail that carries it, and who the session is. The token
 * itself is Spring Security's (one-time-token login); this service never sees a password.
 */
@Service
public class SignInLinks {

  /** How long a link works. */
  public static final Duration VALID_FOR = Duration.ofMinutes(15);

  private final MigDirectory migs;
  private final RosterService roster;
  private final MailService mail;
  private final MigProperties properties;
  private final Clock clock;
  private final DraftService drafts;

  public SignInLinks(MigDirectory migs, RosterService roster, MailService mail, MigProperties properties,
      Clock clock, DraftService drafts) {
    this.drafts = drafts;
    this.migs = migs;
    this.roster = roster;
    this.mail = mail;
    this.properties = properties;
    this.clock = clock;
  }

  /** The address as links use it: trimmed, lower case. */
  public static String normalize(String email) {
    return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
  }

  /**
   * Who this address is today, or empty when it may not sign in with a link: it organizes no MIG
   * and no petition draft, and is no roster member in good standing.
   */
  public Optional<LinkIdentity> identify(String email) {
    String address = normalize(email);
    if (address.isEmpty()) {
      return Optional.empty();
    }
    List<String> organizerOf = migs.idsOrganizedBy(address);
    List<String> draftsOf = drafts.draftsOrganizedBy(address);
    Optional<RosterMember> member = roster.memberInGoodStanding(address, LocalDate.now(clock));
    if (organizerOf.isEmpty() && draftsOf.isEmpty() && member.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new LinkIdentity(address, organizerOf, member.map(RosterMember::memberId).orElse(null),
        draftsOf));
  }

  /** Whether the address (any case) is among the MIG's organizers on record. */
  public boolean organizes(String email, String migId) {
    return migs.organizes(normalize(email), migId);
  }

  /**
   * Writes the mail {@code sign-in-link} with the link of this token to the outbox, when the
   * address may sign in; otherwise nothing.
   *
   * @return whether a mail was written
   */
  @Transactional
  public boolean mailLink(String email, String token, Instant expiresAt) {
    if (identify(email).isEmpty()) {
      return false;
    }
    String link = properties.mail().publicUrl() + "/login/ott?token=" + token;
    return mail.send(MailRequest.of(MailTemplate.SIGN_IN_LINK, null, "sign-in-link/" + sha256(token))
        .requester(normalize(email))
        .with("link", link)
        .with("expiresAt", expiresAt)
        .with("minutes", VALID_FOR.toMinutes()));
  }

  /** The outbox key of a link's mail names the token by its hash: the key is no way in. */
  private static String sha256(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
