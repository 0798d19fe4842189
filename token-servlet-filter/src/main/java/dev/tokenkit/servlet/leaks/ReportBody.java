package dev.tokenkit.servlet.leaks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads a report body: a JSON array of match objects, nothing after it. Stateless. */
final class ReportBody {
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  static {
    MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8)
        .maxStringLength(100_000).build());
  }

  private ReportBody() {}

  /** Thrown for a body that is not a report; the message names what is wrong and repeats no input. */
  static final class InvalidReport extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidReport(String message) {
      super(message, null, false, false);
    }
  }

  static List<ReportedMatch> read(byte[] body, int maxMatches) throws InvalidReport {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidReport("The body is not one JSON document");
    } catch (IOException e) {
      throw new InvalidReport("The body could not be read");
    }
    if (root == null || !root.isArray()) {
      throw new InvalidReport("The body must be a JSON array of {\"token\", \"type\", \"url\", \"source\"} objects");
    }
    if (root.size() > maxMatches) {
      throw new InvalidReport("The report holds more than " + maxMatches + " matches; send them in several requests");
    }
    List<ReportedMatch> matches = new ArrayList<>(root.size());
    int index = 0;
    for (JsonNode n : root) {
      if (!n.isObject()) {
        throw new InvalidReport("Match " + index + " is not an object");
      }
      JsonNode token = n.get("token");
      if (token == null || !token.isTextual()) {
        throw new InvalidReport("Match " + index + " has no string 'token'");
      }
      matches.add(new ReportedMatch(token.textValue(), text(n, "type", index), text(n, "url", index),
          text(n, "source", index)));
      index++;
    }
    return matches;
  }

  private static String text(JsonNode n, String field, int index) throws InvalidReport {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new InvalidReport("Match " + index + " has a '" + field + "' that is not a string");
    }
    return v.textValue();
  }
}
