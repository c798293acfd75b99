package org.ala.mig.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.ala.mig.mail.OutboxMail.Status;
import org.junit.jupiter.api.Test;

/** Every view of a mail masks the value of its token parameters, and leaves the rest alone. */
class MailMaskingTest {

  static final String URL = "http://localhost:8080";

  @Test
  void aSignInLinkShowsNoToken() {
    String token = UUID.randomUUID().toString();

    assertThat(MailMasking.mask("Sign in: " + URL + "/login/ott?token=" + token + "\nIt is valid for 15 minutes."))
        .isEqualTo("Sign in: " + URL + "/login/ott?token=••••••\nIt is valid for 15 minutes.");
  }

  @Test
  void everyTokenOfATextIsMaskedAndTheOtherParametersStay() {
    String confirm = UUID.randomUUID().toString();
    String withdraw = UUID.randomUUID().toString();
    String text = "Confirm: " + URL + "/sign/D-1/confirm?token=" + confirm + "&lang=en\n"
        + "Withdraw: " + URL + "/sign/D-1/withdraw?lang=en&token=" + withdraw + "#top\n"
        + "Again: " + URL + "/login/ott?TOKEN=" + confirm;

    String masked = MailMasking.mask(text);

    assertThat(masked).doesNotContain(confirm).doesNotContain(withdraw)
        .isEqualTo("Confirm: " + URL + "/sign/D-1/confirm?token=••••••&lang=en\n"
            + "Withdraw: " + URL + "/sign/D-1/withdraw?lang=en&token=••••••#top\n"
            + "Again: " + URL + "/login/ott?TOKEN=••••••");
  }

  @Test
  void aTokenInAnHtmlAttributeAndInTheLinkTextIsMasked() {
    String token = UUID.randomUUID().toString();
    String html = "<p><a href=\"" + URL + "/login/ott?token=" + token + "\">" + URL + "/login/ott?token=" + token
        + "</a></p><p><a href='" + URL + "/sign/D-1/confirm?draft=D-1&amp;token=" + token + "'>confirm</a></p>";

    assertThat(MailMasking.mask(html)).doesNotContain(token).isEqualTo(
        "<p><a href=\"" + URL + "/login/ott?token=••••••\">" + URL + "/login/ott?token=••••••</a></p>"
            + "<p><a href='" + URL + "/sign/D-1/confirm?draft=D-1&amp;token=••••••'>confirm</a></p>");
  }

  @Test
  void aUrlEncodedTokenIsMasked() {
    String encoded = "abc%2Bdef%2F12%3D%3D";
    assertThat(MailMasking.mask(URL + "/login/ott?token=" + encoded + "&next=%2Fmy"))
        .isEqualTo(URL + "/login/ott?token=••••••&next=%2Fmy");

    String token = UUID.randomUUID().toString();
    String nested = URL + "/login?next=%2Flogin%2Fott%3Ftoken%3D" + token + "%26lang%3Den&x=1";
    assertThat(MailMasking.mask(nested)).doesNotContain(token)
        .isEqualTo(URL + "/login?next=%2Flogin%2Fott%3Ftoken%3D••••••%26lang%3Den&x=1");
  }

  @Test
  void punctuationThatEndsASentenceStaysAfterTheMask() {
    assertThat(MailMasking.mask("Open " + URL + "/login/ott?token=1234-abcd. Then (see " + URL + "/my?token=zz).")
        ).isEqualTo("Open " + URL + "/login/ott?token=••••••. Then (see " + URL + "/my?token=••••••).");
  }

  @Test
  void textWithoutATokenIsUnchanged() {
    String text = "Diversity: the term ends on August 14, 2029. Your csrf_token=abc and my-token=def stay; "
        + "a token is not a parameter; token= alone has no value.";
    assertThat(MailMasking.mask(text)).isSameAs(text);
    assertThat(MailMasking.mask((String) null)).isNull();
    assertThat(MailMasking.mask("")).isEmpty();
  }

  @Test
  void aRowAndAMailInFullAreMaskedInEveryFreeText() {
    String token = UUID.randomUUID().toString();
    OutboxMail row = new OutboxMail(7, "sign-in/token=" + token, "sign-in-link", null, List.of("ana@lib.example"),
        List.of(), "Your link " + URL + "/login/ott?token=" + token, Status.FAILED, 3, "problem token=" + token,
        "gave up on " + URL + "/login/ott?token=" + token, Instant.EPOCH, Instant.EPOCH, null,
        List.of(), false);
    OutboxMailInFull full = new OutboxMailInFull(row, "Open " + URL + "/login/ott?token=" + token,
        "<a href=\"" + URL + "/login/ott?token=" + token + "\">sign in</a>");

    OutboxMailInFull masked = MailMasking.mask(full);

    assertThat(masked.toString()).doesNotContain(token);
    assertThat(masked.mail().subject()).isEqualTo("Your link " + URL + "/login/ott?token=••••••");
    assertThat(masked.text()).isEqualTo("Open " + URL + "/login/ott?token=••••••");
    assertThat(masked.html()).isEqualTo("<a href=\"" + URL + "/login/ott?token=••••••\">sign in</a>");
    assertThat(masked.mail()).usingRecursiveComparison().ignoringFields("key", "subject", "problems", "lastError")
        .isEqualTo(row);
  }
}
