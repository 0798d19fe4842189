package dev.tokenkit.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jazzer fuzz target for credential extraction (Authorization: Bearer, X-API-Key, query parameter). Corpus:
 * {@code src/test/resources/dev/tokenkit/servlet/internal/CredentialsFuzzTestInputs/<method>/}.
 */
class CredentialsFuzzTest {
  private static final Credentials HEADER_AND_QUERY = new Credentials("X-API-Key", "api_key");
  private static final Credentials BEARER_ONLY = new Credentials(null, null);

  @FuzzTest(maxDuration = "2m")
  void authorizationHeadersYieldOneB64TokenOrNothingOrInvalid(FuzzedDataProvider data) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    List<String> authorization = new ArrayList<>();
    int count = data.consumeInt(0, 2);
    for (int i = 0; i < count; i++) {
      authorization.add(data.consumeString(200));
    }
    headers.put("Authorization", authorization);
    if (data.consumeBoolean()) {
      headers.put("X-API-Key", List.of(data.consumeString(100)));
    }
    String query = data.consumeBoolean() ? data.consumeString(200) : null;
    String remaining = data.consumeRemainingAsString();
    if (!remaining.isEmpty()) {
      authorization.add(0, "Bearer " + remaining); // the well-formed shape, to steer the fuzzer
      authorization.subList(1, authorization.size()).clear();
    }

    for (Credentials credentials : List.of(HEADER_AND_QUERY, BEARER_ONLY)) {
      Credentials.Result r = credentials.read(HeaderOnlyRequest.of("10.0.0.1", headers, query));
      assertThat(r).isNotNull();
      if (r.status() == Credentials.Status.PRESENT) {
        assertThat(Credentials.isB64Token(r.token())).as("a returned credential is a b64token").isTrue();
        assertThat(r.token().length()).isBetween(1, Credentials.MAX_LENGTH);
        String all = String.join("\n", authorization) + "\n" + headers.getOrDefault("X-API-Key", List.of())
            + "\n" + query;
        assertThat(all).as("the credential comes from the request").contains(r.token());
      } else {
        assertThat(r.token()).isNull();
      }
    }
    if (authorization.size() == 1 && authorization.get(0).startsWith("Bearer ")) {
      String token = authorization.get(0).substring(7);
      if (Credentials.isB64Token(token)) {
        Credentials.Result r = BEARER_ONLY.read(HeaderOnlyRequest.of("10.0.0.1", headers, query));
        assertThat(r.status()).isEqualTo(Credentials.Status.PRESENT);
        assertThat(r.token()).isEqualTo(token);
      }
    }
  }
}
