package dev.tokenkit.servlet.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Reads the JSON body of a management API request: {@code Content-Type: application/json} (or
 * {@code application/*+json}) required, at most 64 KiB, a JSON object. Stateless and thread-safe.
 */
final class JsonBody {
  static final int MAX_BODY_BYTES = 64 * 1024;
  private static final long MAX_DISCARD_BYTES = 2L * 1024 * 1024;

  private JsonBody() {}

  /**
   * Reads the JSON object of a POST or PATCH.
   *
   * @param mapper the servlet's mapper (duplicate keys refused)
   * @param req the request
   * @return the object; an empty object for an empty body
   * @throws HttpProblem 415 without a JSON content type, 413 over the limit, 400 for anything but a JSON object
   * @throws IOException when reading the body fails
   */
  static JsonNode read(ObjectMapper mapper, HttpServletRequest req) throws IOException {
    String type = req.getContentType();
    if (!isJson(type)) {
      throw new HttpProblem(415, "unsupported-media-type", "Unsupported media type",
          "Send the body as Content-Type: application/json (an empty body or {} when the operation takes no fields)");
    }
    byte[] bytes = readLimited(req.getInputStream(), req.getContentLengthLong());
    if (bytes.length == 0) {
      return mapper.createObjectNode();
    }
    JsonNode node;
    try {
      node = mapper.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new HttpProblem(400, "malformed-json", "Malformed JSON",
          "The body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
              + e.getLocation().getColumnNr() + ")");
    }
    if (node == null || node.isMissingNode()) {
      return mapper.createObjectNode();
    }
    if (!node.isObject()) {
      throw new HttpProblem(400, "malformed-json", "Malformed JSON", "The body must be a JSON object");
    }
    return node;
  }

  private static byte[] readLimited(InputStream in, long declaredLength) throws IOException {
    if (declaredLength > MAX_BODY_BYTES) {
      throw bodyTooLarge(in);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int n;
    while ((n = in.read(buf)) >= 0) {
      out.write(buf, 0, n);
      if (out.size() > MAX_BODY_BYTES) {
        throw bodyTooLarge(in);
      }
    }
    return out.toByteArray();
  }

  /**
   * The 413 problem, after discarding up to {@link #MAX_DISCARD_BYTES} more of the body: a client still uploading
   * when the connection closes would lose the answer to a TCP reset (Tomcat's maxSwallowSize does the same).
   */
  private static HttpProblem bodyTooLarge(InputStream in) throws IOException {
    byte[] buf = new byte[8192];
    long discarded = 0;
    int n;
    while (discarded < MAX_DISCARD_BYTES && (n = in.read(buf)) >= 0) {
      discarded += n;
    }
    return new HttpProblem(413, "body-too-large", "Body too large",
        "The body is larger than " + MAX_BODY_BYTES + " bytes");
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String t = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return t.equals("application/json") || (t.startsWith("application/") && t.endsWith("+json"));
  }
}
