package org.ala.mig.mail;

/**
 * Names Jakarta Mail's stream provider once, as a system property. Without it, Jakarta Mail
 * looks the provider up with a ServiceLoader (a scan of every jar on the classpath) each time it
 * makes a message part or reads headers: several times per mail, in the dispatcher and in the
 * embedded SMTP server, which made that scan the biggest single cost of sending mail (17% of the
 * JVM's CPU in the lifecycle benchmark, README "Performance"). With the property set the provider
 * is instantiated directly. A value given on the command line wins.
 */
final class MailStreams {

  static final String PROPERTY = "jakarta.mail.util.StreamProvider";
  static final String ANGUS = "org.eclipse.angus.mail.util.MailStreamProvider";

  private MailStreams() {}

  static void nameProvider() {
    if (System.getProperty(PROPERTY) != null) {
      return;
    }
    try {
      Class.forName(ANGUS, false, MailStreams.class.getClassLoader());
      System.setProperty(PROPERTY, ANGUS);
    } catch (ClassNotFoundException e) {
      // another Jakarta Mail implementation: leave its lookup alone
    }
  }
}
