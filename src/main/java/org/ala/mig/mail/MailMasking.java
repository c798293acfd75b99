package org.ala.mig.mail;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where a mail is masked for reading (CONTRACT.md: the outbox never shows a live
 * link). Sign-in links ({@code /login/ott?token=…}) and petition confirmation links carry a token
 * that lets whoever holds it act as the recipient, so every view of a mail (the outbox page, a
 * mail's page, the MIG's timeline, the outbox API) shows {@code token=••••••} in its place. The
 * stored row and the mail actually sent keep the real link: this is the read side only.
 *
 * <p>A token is the value of any parameter named {@code token} (any case), in a plain URL
 * ({@code ?token=…}, {@code &token=…}), an HTML attribute ({@code &amp;token=…}) or a URL
 * encoded inside another one ({@code token%3D…}, up to the next {@code %26}). The value ends at
 * whitespace, {@code &}, a quote, {@code <}, {@code >} or {@code #}; punctuation that closes a
 * sentence after it ({@code .}, {@code ,}, {@code )} …) stays in the text.
 */
public final class MailMasking {

  /** What a token's value is shown as. */
  public static final String MASK = "••••••";

  /**
   * {@code token=} or {@code token%3D} not preceded by a letter, digit, {@code _} or {@code -}
   * (so {@code csrf_token=} or {@code my-token=} are not taken for it) unless that is an encoded
   * {@code ?} or {@code &} ({@code %3F}, {@code %26}), then the value.
   */
  private static final Pattern TOKEN = Pattern.compile(
      "(?:(?<![\\w-])|(?<=%3[fF]|%26))(token(?:=|%3[dD]))((?:(?!%26)[^\\s&\"'<>#])+)", Pattern.CASE_INSENSITIVE);

  /** Closing punctuation left after a value in running text. */
  private static final Pattern TRAILING = Pattern.compile("[.,;:!?)\\]}]+$");

  private MailMasking() {}

  /** The text with the value of every {@code token} parameter masked; null stays null. */
  public static String mask(String text) {
    if (text == null || text.length() < 6) {
      return text;
    }
    Matcher m = TOKEN.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder masked = new StringBuilder(text.length());
    do {
      String value = m.group(2);
      Matcher trailing = TRAILING.matcher(value);
      String after = trailing.find() ? trailing.group() : "";
      if (after.length() == value.length()) {
        // nothing but punctuation: no token here
        m.appendReplacement(masked, Matcher.quoteReplacement(m.group()));
      } else {
        m.appendReplacement(masked, Matcher.quoteReplacement(m.group(1) + MASK + after));
      }
    } while (m.find());
    m.appendTail(masked);
    return masked.toString();
  }

  /** The row with its free texts masked: key, subject, problems and last error. */
  public static OutboxMail mask(OutboxMail mail) {
    return new OutboxMail(mail.id(), mask(mail.key()), mail.template(), mail.migId(), mail.to(), mail.cc(),
        mask(mail.subject()), mail.status(), mail.attempts(), mask(mail.problems()), mask(mail.lastError()),
        mail.createdAt(), mail.nextAttemptAt(), mail.sentAt(), mail.rejectedRecipients(), mail.possiblyRepeated());
  }

  /** The mail in full with its row and both bodies masked. */
  public static OutboxMailInFull mask(OutboxMailInFull mail) {
    return new OutboxMailInFull(mask(mail.mail()), mask(mail.text()), mask(mail.html()));
  }
}
