package dev.tokenkit.servlet;

import dev.tokenkit.AccessLevel;
import dev.tokenkit.AuthContext;
import dev.tokenkit.AuthOutcome;
import dev.tokenkit.FailureReason;
import dev.tokenkit.IpAddress;
import dev.tokenkit.VerifiedToken;
import dev.tokenkit.servlet.internal.Credentials;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The filter's authentication step for a routed request: reads the one credential, resolves the client address
 * once, asks the {@link dev.tokenkit.TokenService} and either lets the request through as an
 * {@link AuthenticatedRequest} or answers with the matching {@link Problem}. Stateless and thread-safe.
 */
final class TokenCheck {
  private static final Logger LOG = LoggerFactory.getLogger(TokenCheck.class);

  private TokenCheck() {}

  /**
   * @param api the API of the path, or {@code null} for any valid token ({@link UnmatchedPolicy#AUTHENTICATE})
   * @param level the access the method needs
   */
  static void authenticate(FilterSettings s, DispatcherType type, HttpServletRequest request,
      HttpServletResponse response, FilterChain chain, String api, AccessLevel level)
      throws IOException, ServletException {
    Credentials.Result credential = s.clients.credential(request);
    if (credential.status() == Credentials.Status.INVALID) {
      s.writer.deny(type, response, Problem.INVALID_REQUEST);
      return;
    }
    if (credential.status() == Credentials.Status.NONE) {
      s.writer.deny(type, response, Problem.NO_CREDENTIALS);
      return;
    }
    IpAddress clientIp = s.clients.clientIp(request);
    long blockedFor = s.failures == null ? 0 : s.failures.blockedForSeconds(clientIp);
    AuthContext context = new AuthContext(clientIp, api, api == null ? null : level, Credentials.requestInfo(request));
    if (blockedFor > 0) {
      context = context.withoutUnknownIdReads(); // a flooder must not use up the shared unknown-id read budget
    }
    AuthOutcome outcome;
    try {
      outcome = s.service.authenticate(credential.token(), context);
    } catch (RuntimeException e) {
      LOG.warn("Token authentication failed unexpectedly; answering 503 ({})", e.getClass().getName());
      s.writer.deny(type, response, Problem.UNAVAILABLE);
      return;
    }
    // answered after the core saw the token, so a canary presented by a blocked address still raises its alarm
    if (blockedFor > 0) {
      tooManyFailures(s, type, request, response, blockedFor);
      return;
    }
    if (outcome instanceof AuthOutcome.Verified verified) {
      VerifiedToken token = verified.token();
      if (s.rateLimits != null && !RateLimitHeaders.allow(s, type, response, s.rateLimits.check(token))) {
        return;
      }
      HttpServletRequest checked = request;
      if (token.signatureSecretId() != null) {
        checked = SignatureCheck.verify(s, type, request, response, token);
        if (checked == null) {
          return;
        }
      }
      if (token.hasUsageQuota() && !tookUse(s, type, response, token)) {
        return;
      }
      request.setAttribute(TokenAuthFilter.VERIFIED_TOKEN_ATTRIBUTE, token);
      if (token.isDeprecatedSecret() && !response.isCommitted()) {
        DeprecationHeaders.add(response, s.clock.instant(), token.deprecatedUntil());
      }
      HandlerCall.invoke(s.writer, chain, new AuthenticatedRequest(checked, token, s.principalName), response);
      return;
    }
    LOG.debug("Request rejected: {}", outcome.reason());
    if (s.failures != null && countsAsFailure(outcome.reason())) {
      s.failures.recordFailure(clientIp);
    }
    s.writer.deny(type, response, problemFor(outcome));
  }

  /** A token that was presented and not accepted; not a lack of access, an address rule or a store outage. */
  private static boolean countsAsFailure(FailureReason reason) {
    return reason != FailureReason.INSUFFICIENT_ACCESS && reason != FailureReason.IP_NOT_ALLOWED
        && reason != FailureReason.STORE_UNAVAILABLE;
  }

  /** 429 for an address over its failure budget: after the delay on a timer when the request can go async. */
  private static void tooManyFailures(FilterSettings s, DispatcherType type, HttpServletRequest request,
      HttpServletResponse response, long retryAfterSeconds) throws IOException {
    if (type == DispatcherType.REQUEST && request.isAsyncSupported() && !s.failures.delay().isZero()) {
      AsyncContext async = request.startAsync();
      async.setTimeout(s.failures.delay().toMillis() + 30_000);
      if (s.failures.later(() -> answerLater(s, async, retryAfterSeconds))) {
        return;
      }
      answerLater(s, async, retryAfterSeconds);
      return;
    }
    if (type == DispatcherType.INCLUDE) {
      return;
    }
    s.writer.tooManyFailures(response, retryAfterSeconds);
  }

  private static void answerLater(FilterSettings s, AsyncContext async, long retryAfterSeconds) {
    try {
      s.writer.tooManyFailures((HttpServletResponse) async.getResponse(), retryAfterSeconds);
    } catch (IOException | RuntimeException e) {
      LOG.debug("Could not send the delayed 429 ({})", e.getClass().getSimpleName());
    } finally {
      try {
        async.complete();
      } catch (RuntimeException e) {
        LOG.debug("Could not complete the delayed 429 ({})", e.getClass().getSimpleName());
      }
    }
  }

  /** Takes one use of the token's quota; answers 429 when none is left and 503 when the store is down. */
  private static boolean tookUse(FilterSettings s, DispatcherType type, HttpServletResponse response,
      VerifiedToken token) throws IOException {
    try {
      if (s.service.consumeUse(token)) {
        return true;
      }
      s.writer.deny(type, response, Problem.QUOTA_EXHAUSTED);
    } catch (RuntimeException e) {
      LOG.warn("Usage quota check failed; answering 503 ({})", e.getClass().getName());
      s.writer.deny(type, response, Problem.UNAVAILABLE);
    }
    return false;
  }

  private static Problem problemFor(AuthOutcome rejected) {
    switch (rejected.reason()) {
      case INSUFFICIENT_ACCESS:
        return Problem.INSUFFICIENT_SCOPE;
      case STORE_UNAVAILABLE:
        return Problem.UNAVAILABLE;
      default:
        return Problem.INVALID_TOKEN; // the reason is not revealed
    }
  }
}
