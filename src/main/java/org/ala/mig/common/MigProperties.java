package org.ala.mig.common;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything under {@code mig.*}. The defaults are documented in docs/configuration.md
 * reference; each can be set in application.yaml, as a system property or as an environment
 * variable ({@code MIG_TIME_ZONE}, {@code MIG_MAIL_COUNCIL}, ...).
 *
 * @param timeZone the zone every deadline is computed in (ALA headquarters, Chicago)
 * @param adminPassword password of the {@code admin} user; required in {@code prod}
 */
@Validated
@ConfigurationProperties("mig")
public record MigProperties(
    @NotNull @DefaultValue("America/Chicago") ZoneId timeZone,
    @Valid @DefaultValue Petition petition,
    @Valid @DefaultValue Mail mail,
    @Valid @DefaultValue List<Conference> conferences,
    String adminPassword) {

  /**
   * @param requiredSignatures valid signatures a petition needs (policy: 100)
   * @param renewalWindow how long before the term's last day a re-petition (RENEW) is accepted
   */
  public record Petition(@Min(1) @DefaultValue("100") int requiredSignatures,
      @NotNull @DefaultValue("P12M") Period renewalWindow) {}

  /**
   * Mail addresses of the ALA offices and the dispatcher's settings.
   *
   * @param from sender of every mail
   * @param memberPrograms Member Programs and Services (cc of most mails)
   * @param conferenceServices Conference Services Office
   * @param cooChair the chair of the Committee on Organization
   * @param council ALA Council (receives the COO report)
   * @param hqStaff the HQ staff liaisons' office (overdue support items)
   * @param barc the Budget Analysis and Review Committee (overdue budget requests)
   * @param executiveOffice the Executive Director's office (overdue liaison designations)
   * @param publicUrl how mails link back to the application
   */
  public record Mail(
      @NotBlank @Email @DefaultValue("mig-lifecycle@ala.org") String from,
      @NotBlank @Email @DefaultValue("membership@ala.org") String memberPrograms,
      @NotBlank @Email @DefaultValue("conferenceservices@ala.org") String conferenceServices,
      @NotBlank @Email @DefaultValue("coo-chair@ala.org") String cooChair,
      @NotBlank @Email @DefaultValue("council@ala.org") String council,
      @NotBlank @Email @DefaultValue("hq-staff@ala.org") String hqStaff,
      @NotBlank @Email @DefaultValue("barc@ala.org") String barc,
      @NotBlank @Email @DefaultValue("executive-office@ala.org") String executiveOffice,
      @NotBlank @DefaultValue("http://localhost:8080") String publicUrl,
      @Valid @DefaultValue Embedded embedded,
      @Valid @DefaultValue Dispatcher dispatcher) {}

  /** The embedded SMTP server, used whenever {@code spring.mail.host} is not set. */
  public record Embedded(
      @DefaultValue("127.0.0.1") String host, @Min(0) @DefaultValue("2525") int port) {}

  /**
   * @param pollInterval how often the dispatcher looks for mail that is due
   * @param maxAttempts attempts before a mail is marked FAILED
   * @param initialBackoff wait before the second attempt; doubles each time
   * @param maxBackoff the longest wait between two attempts
   * @param batchSize mails claimed in one round
   * @param lease how long a claimed mail stays with its node without news from it: the node
   *     renews the lease every third of it while it sends, so a node that dies gives its mails
   *     back to the others within one lease
   */
  public record Dispatcher(
      @DefaultValue("true") boolean enabled,
      @NotNull @DefaultValue("2s") Duration pollInterval,
      @Min(1) @DefaultValue("8") int maxAttempts,
      @NotNull @DefaultValue("30s") Duration initialBackoff,
      @NotNull @DefaultValue("1h") Duration maxBackoff,
      @Min(1) @DefaultValue("50") int batchSize,
      @NotNull @DefaultValue("2m") Duration lease) {}

  /** An ALA conference; the COO reports to Council at each one. */
  public record Conference(@NotBlank String id, @NotBlank String name, @NotNull LocalDate startDate) {}
}
