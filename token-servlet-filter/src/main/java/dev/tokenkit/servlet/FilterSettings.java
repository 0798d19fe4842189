package dev.tokenkit.servlet;

import dev.tokenkit.TokenService;
import dev.tokenkit.ratelimit.RateLimits;
import dev.tokenkit.servlet.internal.ClientRules;
import dev.tokenkit.servlet.internal.FailedAuthentications;
import java.time.Clock;

/** The immutable configuration of one {@link TokenAuthFilter}, shared by all requests. Thread-safe. */
final class FilterSettings {
  final TokenService service;
  final RouteRules rules;
  final ClientRules clients;
  final ProblemWriter writer;
  final PrincipalName principalName;
  final Clock clock;
  final boolean rejectTrace;
  final int maxSignedBodyBytes;
  /** Failed authentications per client address, or {@code null} when not limited. */
  final FailedAuthentications failures;
  /** {@code null} when no rate limits apply. */
  final RateLimits rateLimits;

  FilterSettings(TokenService service, RouteRules rules, ClientRules clients, ProblemWriter writer,
      PrincipalName principalName, Clock clock, boolean rejectTrace, int maxSignedBodyBytes,
      FailedAuthentications failures, RateLimits rateLimits) {
    this.service = service;
    this.rules = rules;
    this.clients = clients;
    this.writer = writer;
    this.principalName = principalName;
    this.clock = clock;
    this.rejectTrace = rejectTrace;
    this.maxSignedBodyBytes = maxSignedBodyBytes;
    this.failures = failures;
    this.rateLimits = rateLimits;
  }
}
