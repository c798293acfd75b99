package org.ala.mig.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * An SMTP server on 127.0.0.1 that misbehaves on purpose, for the outbox's fault tests: it
 * refuses chosen recipients, drops the connection after the n-th message it took (with or without
 * answering it), and resets the connection when the client says QUIT, so that closing fails after
 * every mail was accepted; it can also take its time over each message, like a slow server. It
 * records each message it took, with its Message-ID and recipients. Each connection is served on
 * a thread of its own, so that several clients (the nodes of a cluster) send at once.
 */
public final class FaultySmtp implements AutoCloseable {

  /** A message the server took: once per sending, whatever the number of recipients. */
  public record Delivery(String messageId, List<String> recipients, String outboxKey) {}

  private static final Pattern ADDRESS = Pattern.compile("<([^>]*)>");

  private final ServerSocket listener;
  private final Thread acceptor;
  private final List<Delivery> deliveries = Collections.synchronizedList(new ArrayList<>());
  private final Set<String> refused = ConcurrentHashMap.newKeySet();
  private final AtomicInteger taken = new AtomicInteger();
  private volatile int dropAfter = -1;
  private volatile boolean dropBeforeAnswering;
  private volatile boolean resetOnQuit;
  private volatile Duration delay = Duration.ZERO;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  /** A server on a free port of 127.0.0.1. */
  public FaultySmtp() throws IOException {
    this(0);
  }

  /** A server on that port of 127.0.0.1 (0: a free one), e.g. a server started again after an outage. */
  public FaultySmtp(int port) throws IOException {
    listener = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::accept, "faulty-smtp");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** RCPT TO this address answers 550. */
  public FaultySmtp refuse(String address) {
    refused.add(address.toLowerCase(Locale.ROOT));
    return this;
  }

  /** After taking the n-th message (counted over all connections), the connection drops. */
  public FaultySmtp dropAfterMessage(int n, boolean beforeAnswering) {
    dropAfter = n;
    dropBeforeAnswering = beforeAnswering;
    return this;
  }

  /** QUIT resets the connection instead of answering 221: the client's close fails. */
  public FaultySmtp resetOnQuit() {
    resetOnQuit = true;
    return this;
  }

  /**
   * Takes this long over each message: it has the message (and records it) at once, and answers
   * after the pause, so that a client killed meanwhile never hears that it was taken.
   */
  public FaultySmtp delayEachMessage(Duration pause) {
    delay = pause;
    return this;
  }

  public int port() {
    return listener.getLocalPort();
  }

  public List<Delivery> deliveries() {
    synchronized (deliveries) {
      return List.copyOf(deliveries);
    }
  }

  public JavaMailSenderImpl sender() {
    return TestSmtp.senderTo(listener.getLocalPort());
  }

  /** Stops listening and drops every open connection, as a server that goes down. */
  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket socket : open) {
      socket.close();
    }
  }

  private void accept() {
    while (!listener.isClosed()) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException closed) {
        return;
      }
      open.add(socket);
      Thread conversation = new Thread(() -> {
        try (socket) {
          converse(socket);
        } catch (IOException droppedOrClosed) {
          // this connection was dropped on purpose, or the client went away
        } finally {
          open.remove(socket);
        }
      }, "faulty-smtp-" + socket.getPort());
      conversation.setDaemon(true);
      conversation.start();
    }
  }

  private void converse(Socket socket) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
    reply(out, "220 faulty.test ESMTP");
    List<String> recipients = new ArrayList<>();
    String line;
    while ((line = in.readLine()) != null) {
      String command = line.length() < 4 ? line.toUpperCase(Locale.ROOT) : line.substring(0, 4).toUpperCase(Locale.ROOT);
      switch (command) {
        case "EHLO", "HELO" -> reply(out, "250 faulty.test");
        case "MAIL", "RSET" -> {
          recipients.clear();
          reply(out, "250 OK");
        }
        case "RCPT" -> {
          Matcher address = ADDRESS.matcher(line);
          String to = address.find() ? address.group(1) : "";
          if (refused.contains(to.toLowerCase(Locale.ROOT))) {
            reply(out, "550 5.1.1 <" + to + ">: no such user here");
          } else {
            recipients.add(to);
            reply(out, "250 OK");
          }
        }
        case "DATA" -> {
          if (recipients.isEmpty()) {
            reply(out, "554 no valid recipients");
            continue;
          }
          reply(out, "354 end with <CRLF>.<CRLF>");
          String messageId = null;
          String outboxKey = null;
          String data;
          while ((data = in.readLine()) != null && !data.equals(".")) {
            if (messageId == null && data.regionMatches(true, 0, "Message-ID:", 0, 11)) {
              messageId = data.substring(11).strip();
            }
            if (outboxKey == null && data.regionMatches(true, 0, "X-MIG-Outbox-Key:", 0, 17)) {
              outboxKey = data.substring(17).strip();
            }
          }
          deliveries.add(new Delivery(messageId, List.copyOf(recipients), outboxKey));
          int n = taken.incrementAndGet();
          pause();
          if (n == dropAfter && dropBeforeAnswering) {
            return;                                   // took it, but the client never hears so
          }
          reply(out, "250 OK queued as " + n);
          if (n == dropAfter) {
            return;
          }
        }
        case "NOOP" -> reply(out, "250 OK");
        case "QUIT" -> {
          if (resetOnQuit) {
            socket.setSoLinger(true, 0);            // close with RST: the client's QUIT fails
          } else {
            reply(out, "221 bye");
          }
          return;
        }
        default -> reply(out, "502 not implemented");
      }
    }
  }

  private void pause() {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void reply(Writer out, String line) throws IOException {
    out.write(line + "\r\n");
    out.flush();
  }
}
