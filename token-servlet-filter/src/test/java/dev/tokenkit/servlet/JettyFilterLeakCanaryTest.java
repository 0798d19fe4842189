package dev.tokenkit.servlet;

import dev.tokenkit.testsupport.RecordingStore;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.IssueRequest;
import dev.tokenkit.internal.TokenCodec;
import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.spi.TokenStore;
import dev.tokenkit.testkit.LeakCanary;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Leak canary through a real Jetty 12: every token of the fixture (and every wrong secret sent) is registered, each
 * kind of answer the filter gives is provoked, and no response body, response header or TokenKit log event (at
 * TRACE) may contain any of them. Jetty's own loggers are left alone: a container may trace request headers.
 */
class JettyFilterLeakCanaryTest extends FilterTestBase {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  protected ServletContainer newContainer() {
    return new JettyContainer();
  }

  @Override
  protected TokenStore newStore() {
    return new InMemoryTokenStore();
  }

  @Test
  void noAnswerOrTokenKitLogLineEverContainsAPresentedSecret() throws Exception {
    try (LeakCanary canary = LeakCanary.start("dev.tokenkit")) {
      for (String t : List.of(ordersToken, readerToken, adminToken, officeToken, disabledToken, revokedToken,
          rotatedOldToken, rotatedNewToken)) {
        canary.registerSecret(t);
      }
      String wrong = canary.registerSecret(TokenCodec.newToken("tk", ordersTokenId, RANDOM));
      String uncached = canary.registerSecret(tokens.issue(ADMIN, IssueRequest.builder("uncached", "gina").build())
          .secret().reveal());
      List<HttpResponse<String>> answers = new ArrayList<>();

      answers.add(get("/api/orders", bearer(ordersToken)));
      answers.add(get("/api/orders", bearer(wrong)));
      answers.add(get("/api/orders", bearer(wrong)));
      answers.add(get("/api/orders", bearer(revokedToken)));
      answers.add(get("/api/orders", bearer(disabledToken)));
      answers.add(get("/api/orders", bearer(officeToken)));
      answers.add(send("POST", "/api/orders", bearer(readerToken)));
      answers.add(get("/api/orders", bearer(rotatedOldToken)));
      answers.add(get("/api/orders", bearer(ordersToken.substring(0, ordersToken.length() - 1))));
      answers.add(get("/api/orders", bearer(ordersToken + "x")));
      answers.add(get("/api/orders", "Authorization", "Bearer " + ordersToken, "X-API-Key", readerToken));
      answers.add(get("/api/orders", "X-API-Key", ordersToken + "!"));
      answers.add(get("/api/orders", "Authorization", "Basic " + ordersToken));
      answers.add(get("/api/orders?access_token=" + ordersToken));
      answers.add(get("/webxml/api/orders?access_token=" + wrong));
      answers.add(get("/webxml/api/orders?access_token=" + ordersToken + "&access_token=" + readerToken));
      answers.add(get("/api/orders/%2e%2e/x", bearer(ordersToken)));
      answers.add(get("/unmatched/path", bearer(adminToken)));
      answers.add(get("/proxied/api/orders", "Authorization", "Bearer " + officeToken,
          "X-Forwarded-For", ordersToken + ", 10.0.0.1"));
      store.down.set(true);
      answers.add(get("/api/orders", bearer(uncached)));
      store.down.set(false);

      for (HttpResponse<String> r : answers) {
        canary.inspect(r.request().method() + " " + r.uri().getRawPath() + " -> " + r.statusCode() + " body",
            r.body());
        canary.inspect(r.request().method() + " " + r.uri().getRawPath() + " -> " + r.statusCode() + " headers",
            r.headers().map());
      }
      assertThat(answers).extracting(HttpResponse::statusCode).contains(200, 400, 401, 403, 503);
      assertThat(canary.events()).as("TokenKit logged something (e.g. the outage)").isNotEmpty();
      canary.assertNoLeaks();
    }
  }
}
