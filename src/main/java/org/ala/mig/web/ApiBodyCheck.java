package org.ala.mig.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ala.mig.common.FieldProblem;
import org.ala.mig.security.CachedBodyRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Looks at a body sent to {@code /api} before anything reads it:
 *
 * <ul>
 *   <li>larger than {@link #MAX_BYTES}: 413, by its Content-Length before it is read, or as soon as
 *       that many bytes have arrived when the length is not announced. The largest legitimate
 *       bodies, a roster of 200,000 members (32 MB at most) and a petition with 200,000
 *       signatures, fit well within it;
 *   <li>JSON that is not strictly UTF-8 (stray bytes, overlong forms such as C0 AF for "/", encoded
 *       halves of surrogate pairs, which Jackson would read as characters): 400 naming the byte;
 *       JSON declared in another charset: 415.
 * </ul>
 */
public class ApiBodyCheck extends OncePerRequestFilter {

  public static final long MAX_BYTES = 40L * 1024 * 1024;

  /** Thrown while reading a body that goes past the limit; the API answers 413. */
  public static class TooLargeException extends IOException {
    TooLargeException() {
      super("The request body is larger than " + MAX_BYTES / (1024 * 1024) + " MB");
    }
  }

  private final ObjectMapper json;

  public ApiBodyCheck(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > MAX_BYTES) {
      refuse(response, HttpStatus.PAYLOAD_TOO_LARGE, new TooLargeException().getMessage(), List.of());
      return;
    }
    MediaType type = mediaType(request.getContentType());
    if (type == null || !type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
      chain.doFilter(request.getContentLengthLong() < 0 ? new Body(request, null) : request, response);
      return;
    }
    if (type.getCharset() != null && !StandardCharsets.UTF_8.equals(type.getCharset())) {
      refuse(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "JSON is read as UTF-8 only, not " + type.getCharset(),
          List.of());
      return;
    }
    byte[] body = request.getInputStream().readNBytes((int) MAX_BYTES + 1);
    if (body.length > MAX_BYTES) {
      refuse(response, HttpStatus.PAYLOAD_TOO_LARGE, new TooLargeException().getMessage(), List.of());
      return;
    }
    int bad = firstMalformedByte(body);
    if (bad >= 0) {
      refuse(response, HttpStatus.BAD_REQUEST, "The request body is not valid UTF-8",
          List.of(new FieldProblem("body", "not valid UTF-8 text at byte " + (bad + 1) + ": send JSON encoded as UTF-8")));
      return;
    }
    chain.doFilter(new Body(request, body), response);
  }

  private static MediaType mediaType(String contentType) {
    try {
      return contentType == null ? null : MediaType.parseMediaType(contentType);
    } catch (RuntimeException unreadable) {
      return null;   // Spring answers an unreadable content type itself (415)
    }
  }

  /** The index of the first byte that is not part of strict UTF-8, or -1. */
  static int firstMalformedByte(byte[] body) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(body);
    CharBuffer out = CharBuffer.allocate(8192);
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isError()) {
        return in.position();
      }
      if (result.isUnderflow()) {
        return -1;
      }
      out.clear();
    }
  }

  private void refuse(HttpServletResponse response, HttpStatus status, String message, List<FieldProblem> errors)
      throws IOException {
    response.setStatus(status.value());
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    json.writeValue(response.getWriter(), ApiExceptionHandler.body(status, message, errors).getBody());
  }

  /** The request with its body read already ({@code body}), or limited while it is read ({@code null}). */
  private static final class Body extends HttpServletRequestWrapper {
    private final byte[] body;
    private ServletInputStream stream;

    Body(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      return body == null ? super.getReader()
          : new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = body != null ? CachedBodyRequest.stream(body) : limited(super.getInputStream());
      }
      return stream;
    }

    private static ServletInputStream limited(ServletInputStream in) {
      return new ServletInputStream() {
        private long read;

        @Override
        public int read() throws IOException {
          int b = in.read();
          if (b >= 0) {
            count(1);
          }
          return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
          int n = in.read(buffer, offset, length);
          if (n > 0) {
            count(n);
          }
          return n;
        }

        private void count(int n) throws TooLargeException {
          read += n;
          if (read > MAX_BYTES) {
            throw new TooLargeException();
          }
        }

        @Override
        public boolean isFinished() {
          return in.isFinished();
        }

        @Override
        public boolean isReady() {
          return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
          in.setReadListener(listener);
        }
      };
    }
  }
}
