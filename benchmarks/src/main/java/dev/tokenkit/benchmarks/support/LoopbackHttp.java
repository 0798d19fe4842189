package dev.tokenkit.benchmarks.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 keep-alive client on one socket bound to a chosen local address (so a harness can send from
 * 127.0.0.2 while another client uses 127.0.0.1; {@code java.net.http} on Java 17 cannot bind). Reconnects when the
 * server closes the connection. One thread per instance.
 */
public final class LoopbackHttp implements AutoCloseable {
  private final InetAddress local;
  private final int port;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  /** A status and body. */
  public record Response(int status, String body) {}

  /**
   * A client; connects on first use.
   *
   * @param localAddress the source address, e.g. 127.0.0.2
   * @param port the server port on 127.0.0.1
   */
  public LoopbackHttp(String localAddress, int port) throws IOException {
    this.local = InetAddress.getByName(localAddress);
    this.port = port;
  }

  /**
   * Sends one request and reads the whole response.
   *
   * @param method e.g. GET
   * @param path e.g. /api/orders
   * @param bearer a token for {@code Authorization: Bearer}, or {@code null}
   * @param jsonBody a JSON body, or {@code null}
   * @return the response
   * @throws IOException when the exchange fails twice
   */
  public Response send(String method, String path, String bearer, String jsonBody) throws IOException {
    try {
      return exchange(method, path, bearer, jsonBody);
    } catch (IOException e) {
      close();
      return exchange(method, path, bearer, jsonBody);
    }
  }

  private Response exchange(String method, String path, String bearer, String jsonBody) throws IOException {
    if (socket == null) {
      socket = new Socket();
      socket.bind(new InetSocketAddress(local, 0));
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
      socket.setSoTimeout(30_000);
      socket.setTcpNoDelay(true);
      in = new BufferedInputStream(socket.getInputStream());
      out = socket.getOutputStream();
    }
    byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
    StringBuilder req = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
        .append("Host: 127.0.0.1:").append(port).append("\r\n");
    if (bearer != null) {
      req.append("Authorization: Bearer ").append(bearer).append("\r\n");
    }
    if (jsonBody != null) {
      req.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
    }
    out.write(req.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    String status = line();
    if (status == null) {
      throw new IOException("connection closed");
    }
    int code = Integer.parseInt(status.substring(9, 12));
    int length = 0;
    boolean close = false;
    boolean chunked = false;
    for (String h = line(); h != null && !h.isEmpty(); h = line()) {
      String lower = h.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(lower.substring(15).strip());
      } else if (lower.startsWith("connection:") && lower.contains("close")) {
        close = true;
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    String text = chunked ? chunkedBody() : new String(in.readNBytes(length), StandardCharsets.UTF_8);
    if (close) {
      close();
    }
    return new Response(code, text);
  }

  private String chunkedBody() throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    for (int size = Integer.parseInt(line().strip(), 16); size > 0; size = Integer.parseInt(line().strip(), 16)) {
      buf.write(in.readNBytes(size));
      line();
    }
    line();
    return buf.toString(StandardCharsets.UTF_8);
  }

  private String line() throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        int n = sb.length();
        return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
      }
      sb.append((char) c);
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
      socket = null;
    }
  }
}
