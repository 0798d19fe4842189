package dev.tokenkit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathGuardTest {

  @ParameterizedTest
  @ValueSource(strings = {"/", "/api/orders", "/api/orders/", "/api/orders/42", "/api/orders/%C3%A9", "/a%20b",
      "/api/orders.json", "/api/...", "/api/.well-known"})
  void plainRawPathsAreAccepted(String raw) {
    assertThat(PathGuard.isSafeRaw(raw)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "api/orders", "/api/orders;jsessionid=1", "/public/..;/api", "/public/%2e%2e/api",
      "/public/%2E%2E/api", "/public/.%2e/api", "/api%2forders", "/api%2Forders", "/api%5corders", "/api%5Corders",
      "/api/orders%00", "/api/orders%0d%0a", "/api/orders%7f", "/api/%25%32%65", "/api/%3b", "/api//orders", "//api",
      "/api/./orders", "/api/../orders", "/api/orders/.", "/api/orders/..", "/api\\orders", "/api/%c0%ae",
      "/api/%C1%9C", "/api/%zz", "/api/%2", "/api/%", "/api/ orders", "/api/\torders", "/api/orders\u00e9",
      "/api/\u0000"})
  void ambiguousRawPathsAreRejected(String raw) {
    assertThat(PathGuard.isSafeRaw(raw)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/api/orders", "/api/orders/", "/api/caf\u00e9", "/a b", "/api/\ud83d\ude00"})
  void plainDecodedPathsAreAccepted(String path) {
    assertThat(PathGuard.isSafeDecoded(path)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "api", "/api;x", "/api\\x", "/api/%2e", "/api//x", "/api/./x", "/api/../x", "/api/..",
      "/api/x\u0000", "/api/x\r\n", "/api/\u007f", "/api/\u0085", "/api/\ufffd", "/api/\ud83d", "/api/\ude00x"})
  void ambiguousDecodedPathsAreRejected(String path) {
    assertThat(PathGuard.isSafeDecoded(path)).isFalse();
  }
}
