package dev.tokenkit.servlet;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A request whose body was read once (to check its {@code Content-Digest}) and is replayed to the application
 * through {@link #getInputStream()} and {@link #getReader()}. Used by one thread.
 */
final class BufferedBodyRequest extends HttpServletRequestWrapper {
  /** The body was larger than the limit. */
  static final class TooLarge extends Exception {
    private static final long serialVersionUID = 1L;

    TooLarge() {
      super(null, null, false, false);
    }
  }

  private final byte[] body;

  private BufferedBodyRequest(HttpServletRequest request, byte[] body) {
    super(request);
    this.body = body;
  }

  /**
   * Reads the body of a request.
   *
   * @param request the request
   * @param limit the largest body accepted, in bytes
   * @return the wrapper holding the body
   * @throws TooLarge when the body (declared or actual) is larger than the limit
   * @throws IOException when reading fails
   */
  static BufferedBodyRequest read(HttpServletRequest request, int limit) throws TooLarge, IOException {
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      throw new TooLarge();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 256);
    try (InputStream in = request.getInputStream()) {
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) >= 0) {
        if (out.size() + n > limit) {
          throw new TooLarge();
        }
        out.write(buf, 0, n);
      }
    }
    return new BufferedBodyRequest(request, out.toByteArray());
  }

  /** @return the body bytes as received (empty for none) */
  byte[] body() {
    return body;
  }

  @Override
  public ServletInputStream getInputStream() {
    ByteArrayInputStream in = new ByteArrayInputStream(body);
    return new ServletInputStream() {
      @Override
      public boolean isFinished() {
        return in.available() == 0;
      }

      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setReadListener(ReadListener listener) {
        try {
          listener.onDataAvailable();
          listener.onAllDataRead();
        } catch (IOException e) {
          listener.onError(e);
        }
      }

      @Override
      public int read() {
        return in.read();
      }

      @Override
      public int read(byte[] b, int off, int len) {
        return in.read(b, off, len);
      }
    };
  }

  @Override
  public BufferedReader getReader() {
    String enc = getCharacterEncoding();
    Charset cs;
    try {
      cs = enc == null ? StandardCharsets.UTF_8 : Charset.forName(enc);
    } catch (IllegalArgumentException e) {
      cs = StandardCharsets.UTF_8;
    }
    return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), cs));
  }

  @Override
  public int getContentLength() {
    return body.length;
  }

  @Override
  public long getContentLengthLong() {
    return body.length;
  }
}
