package dev.tokenkit.servlet.admin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Reads the JSON body of a management API request: {@code Content-Type: application/json} (or
 * {@code application/*+json}) required, at most 64 KiB, exactly one JSON object (no data after it, no duplicate
 * keys, at most {@value #MAX_DEPTH} levels deep, numbers of at most {@value #MAX_NUMBER_LENGTH} characters).
 * Every refusal is a 400, 413 or 415 problem with a fixed text that repeats nothing of the body. Stateless and
 * thread-safe.
 */
final class JsonBody {
  static final int MAX_BODY_BYTES = 64 * 1024;
  /** Nesting the API's bodies need: object, expiration or access object, value (3); with room to spare. */
  static final int MAX_DEPTH = 16;
  /** Digits (and sign, point, exponent) of one number: a long has 19 digits. */
  static final int MAX_NUMBER_LENGTH = 40;
  private static final long MAX_DISCARD_BYTES = 2L * 1024 * 1024;
  private static final ObjectMapper READER = JsonMapper.builder(JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxNestingDepth(MAX_DEPTH)
              .maxNumberLength(MAX_NUMBER_LENGTH)
              .maxStringLength(MAX_BODY_BYTES)
              .build())
          .build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private JsonBody() {}

  /**
   * Reads the JSON object of a POST or PATCH.
   *
   * @param req the request
   * @return the object; an empty object for an empty body
   * @throws HttpProblem 415 without a JSON content type, 413 over the limit, 400 for anything but one JSON object
   * @throws IOException when reading the body fails
   */
  static JsonNode read(HttpServletRequest req) throws IOException {
    String type = req.getContentType();
    if (!isJson(type)) {
      throw new HttpProblem(415, "unsupported-media-type", "Unsupported media type",
          "Send the body as Content-Type: application/json (an empty body or {} when the operation takes no fields)");
    }
    return parse(readLimited(req.getInputStream(), req.getContentLengthLong()));
  }

  /**
   * Parses a body that was read completely.
   *
   * @param bytes the body
   * @return the object; an empty object for an empty body
   * @throws HttpProblem 400 for anything but one JSON object within the limits
   */
  static JsonNode parse(byte[] bytes) {
    if (bytes.length == 0) {
      return READER.createObjectNode();
    }
    JsonNode node;
    try (JsonParser parser = READER.createParser(bytes)) {
      node = READER.readTree(parser);
      if (node != null && parser.nextToken() != null) {
        throw malformed("The body holds data after the JSON object; send exactly one JSON object");
      }
    } catch (StreamConstraintsException e) {
      throw malformed("The body nests deeper than " + MAX_DEPTH + " levels or holds a number longer than "
          + MAX_NUMBER_LENGTH + " characters; send a JSON object as the API documents it");
    } catch (JsonProcessingException e) {
      throw malformed(e.getLocation() == null ? "The body is not valid JSON"
          : "The body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
              + e.getLocation().getColumnNr() + ")");
    } catch (IOException e) {
      // e.g. CharConversionException for bytes in no JSON encoding; the body is in memory, so nothing else fails
      throw malformed("The body is not JSON text in UTF-8");
    }
    if (node == null || node.isMissingNode()) {
      return READER.createObjectNode();
    }
    if (!node.isObject()) {
      throw malformed("The body must be a JSON object");
    }
    return node;
  }

  private static HttpProblem malformed(String detail) {
    return new HttpProblem(400, "malformed-json", "Malformed JSON", detail);
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
