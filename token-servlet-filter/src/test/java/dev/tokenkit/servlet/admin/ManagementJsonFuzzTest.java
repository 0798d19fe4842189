package dev.tokenkit.servlet.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenkit.Actor;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.TokenKitException;
import dev.tokenkit.TokenQuery;
import dev.tokenkit.TokenService;
import dev.tokenkit.memory.InMemoryTokenStore;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jazzer fuzz target for the management API's JSON reading: arbitrary bytes as the body of each operation, read by
 * {@link JsonBody} and {@link JsonInput} and applied to a real in-memory {@link TokenService}. Every input is either
 * accepted or refused with a 4xx problem (400, 413 or 415 for the body itself) whose rendered body holds no markup
 * and no credential-like run of the input. Corpus:
 * {@code src/test/resources/dev/tokenkit/servlet/admin/ManagementJsonFuzzTestInputs/<method>/} (the last byte of
 * a corpus file picks the operation: 0 issue, 1 update, 2 rotate, 3 regenerate, 4 revoke all, 5 disable).
 */
class ManagementJsonFuzzTest {
  private static final Pattern CREDENTIAL_RUN = Pattern.compile("[A-Za-z0-9_]{24,}");
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Actor ACTOR = Actor.system();
  /** A fresh service every 1,000 inputs keeps a long session's memory (tokens, audit events) bounded. */
  private static final int INPUTS_PER_SERVICE = 1000;
  private static TokenService tokens;
  private static int inputs;

  @FuzzTest(maxDuration = "2m")
  void everyBodyIsAcceptedOrAClear4xxThatRepeatsNothing(FuzzedDataProvider data) {
    int operation = data.consumeInt(0, 5);
    byte[] body = data.consumeRemainingAsBytes();
    if (inputs++ % INPUTS_PER_SERVICE == 0) {
      if (tokens != null) {
        tokens.close();
      }
      tokens = TokenService.builder().store(new InMemoryTokenStore()).build();
    }
    String id = tokens.issue(ACTOR, IssueRequest.builder("target", "fuzz-owner").build()).token().id();
    try {
      apply(operation, id, body);
    } catch (HttpProblem p) {
      assertThat(p.status()).as("a refused body is 400, 413 or 415").isIn(Set.of(400, 413, 415));
      assertRepeatsNothing(body, p);
    } catch (TokenKitException e) {
      HttpProblem p = Problems.of(e);
      assertThat(p.status()).as("a refused change is a 4xx: %s", e.getClass().getName()).isBetween(400, 499);
      assertRepeatsNothing(body, p);
    } finally {
      tokens.list(TokenQuery.all().withLimit(TokenQuery.MAX_LIMIT)).items().forEach(t -> tokens.delete(ACTOR, t.id()));
    }
  }

  private static void apply(int operation, String id, byte[] bytes) {
    ObjectNode body = (ObjectNode) JsonBody.parse(bytes);
    JsonInput in = new JsonInput();
    switch (operation) {
      case 0 -> tokens.issue(ACTOR, in.issueRequest(body));
      case 1 -> tokens.update(ACTOR, id, in.tokenUpdate(body));
      case 2 -> tokens.rotate(ACTOR, id, in.grace(body));
      case 3 -> tokens.regenerate(ACTOR, id, in.regenerateExpiration(body));
      case 4 -> tokens.revokeAll(ACTOR, in.owner(body, null));
      default -> {
        in.unknownFields(body, Set.of());
        in.throwIfInvalid();
        tokens.disable(ACTOR, id);
      }
    }
  }

  private static void assertRepeatsNothing(byte[] input, HttpProblem p) {
    String rendered;
    try {
      rendered = MAPPER.writeValueAsString(Problems.body(MAPPER, p));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError("a problem body must always render", e);
    }
    assertThat(rendered).as("no markup in a problem body").doesNotContain("<").doesNotContain(">");
    Matcher m = CREDENTIAL_RUN.matcher(new String(input, StandardCharsets.UTF_8));
    while (m.find()) {
      assertThat(rendered).as("a credential-like run of the input is not repeated").doesNotContain(m.group());
    }
  }
}
