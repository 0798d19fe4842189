package dev.tokenkit.servlet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Sends exact request bytes over a socket (no client normalisation) and parses the response loosely. */
final class RawHttp {
  private RawHttp() {}

  /** A parsed response; {@code raw} is everything the server sent. */
  record Response(int status, List<String> headerLines, String body, String raw) {
    String header(String name) {
      for (String line : headerLines) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }

    String headersLower() {
      return String.join("\n", headerLines).toLowerCase(Locale.ROOT);
    }
  }

  static Response send(int port, String request) throws IOException {
    return send(port, request.getBytes(StandardCharsets.UTF_8));
  }

  static Response send(int port, byte[] request) throws IOException {
    return sendFrom("127.0.0.1", port, request);
  }

  /** Sends from a given loopback source address (e.g. 127.0.0.2), so the server sees another client address. */
  static Response sendFrom(String localAddress, int port, String request) throws IOException {
    return sendFrom(localAddress, port, request.getBytes(StandardCharsets.UTF_8));
  }

  private static Response sendFrom(String localAddress, int port, byte[] request) throws IOException {
    try (Socket socket = new Socket(java.net.InetAddress.getByName("127.0.0.1"), port,
        java.net.InetAddress.getByName(localAddress), 0)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
        socket.shutdownOutput();
      } catch (IOException serverClosedEarly) {
        // the server may reject and close before reading everything; read what it said
      }
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      byte[] chunk = new byte[8192];
      try {
        int n;
        while ((n = in.read(chunk)) >= 0) {
          buf.write(chunk, 0, n);
        }
      } catch (SocketTimeoutException | java.net.SocketException e) {
        // keep what arrived
      }
      return parse(buf.toString(StandardCharsets.ISO_8859_1));
    }
  }

  private static Response parse(String raw) {
    int headEnd = raw.indexOf("\r\n\r\n");
    String head = headEnd < 0 ? raw : raw.substring(0, headEnd);
    String body = headEnd < 0 ? "" : raw.substring(headEnd + 4);
    String[] lines = head.split("\r\n");
    int status = -1;
    if (lines.length > 0 && lines[0].startsWith("HTTP/")) {
      String[] parts = lines[0].split(" ");
      if (parts.length > 1) {
        status = Integer.parseInt(parts[1]);
      }
    }
    List<String> headers = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      headers.add(lines[i]);
    }
    return new Response(status, headers, body, raw);
  }
}
