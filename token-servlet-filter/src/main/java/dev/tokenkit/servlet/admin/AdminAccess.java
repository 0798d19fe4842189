package dev.tokenkit.servlet.admin;

import dev.tokenkit.Actor;
import dev.tokenkit.AuthContext;
import dev.tokenkit.AuthOutcome;
import dev.tokenkit.FailureReason;
import dev.tokenkit.InsufficientScopeException;
import dev.tokenkit.IpAddress;
import dev.tokenkit.ManagementOperation;
import dev.tokenkit.ManagementScope;
import dev.tokenkit.TokenService;
import dev.tokenkit.VerifiedToken;
import dev.tokenkit.servlet.TokenAuthFilter;
import dev.tokenkit.servlet.internal.ClientRules;
import dev.tokenkit.servlet.internal.Credentials;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Decides whether a request may use the management API, and as which {@link Actor}.
 *
 * <p>The token is the filter's {@link VerifiedToken} request attribute when the filter ran, otherwise the one
 * credential read and authenticated here by the filter's {@link ClientRules} (the same parser: two credentials,
 * such as a {@code Basic} and a {@code Bearer} header, are a 400; the configured API-key header counts). The
 * client address comes from the same rules. Management rights are the token's
 * {@link VerifiedToken#managementScope()} or the host's check, which returns the signed-in user as an {@link Actor}
 * with its {@link ManagementScope}. Self-rotation needs only a valid token. Thread-safe.
 */
final class AdminAccess {
  /** The request attribute under which the authentication filter leaves the verified token. */
  static final String VERIFIED_TOKEN_ATTRIBUTE = TokenAuthFilter.VERIFIED_TOKEN_ATTRIBUTE;

  /** The management scope of a token that may only rotate itself: no management operation. */
  static final ManagementScope NOTHING = ManagementScope.builder().build();

  /**
   * The outcome: an actor (with the verified token when a token was presented), or a refusal with its challenge
   * header value (or {@code null}).
   */
  record Decision(Actor actor, VerifiedToken token, HttpProblem refusal, String challenge) {
    static Decision allow(Actor actor, VerifiedToken token) {
      return new Decision(actor, token, null, null);
    }

    static Decision deny(HttpProblem refusal, String challenge) {
      return new Decision(null, null, refusal, challenge);
    }

    boolean allowed() {
      return actor != null;
    }
  }

  private final TokenService tokens;
  private final Function<HttpServletRequest, Actor> hostCheck;
  private final ClientRules clients;

  AdminAccess(TokenService tokens, Function<HttpServletRequest, Actor> hostCheck, ClientRules clients) {
    this.tokens = tokens;
    this.hostCheck = hostCheck;
    this.clients = clients;
  }

  /** A host check that gives full rights to the requests a predicate accepts (the older {@code accessCheck}). */
  static Function<HttpServletRequest, Actor> fullRightsFor(Predicate<HttpServletRequest> check) {
    return req -> check.test(req) ? new Actor(hostUser(req), null) : null;
  }

  /**
   * Decides a request.
   *
   * @param req the request
   * @param selfRotation whether the call is the self-rotation, which any valid token may make
   * @return the decision
   */
  Decision decide(HttpServletRequest req, boolean selfRotation) {
    IpAddress clientIp = clients.clientIp(req);
    String ip = clientIp == null ? null : clientIp.toString();
    VerifiedToken token = null;
    FailureReason failure = null;
    if (req.getAttribute(VERIFIED_TOKEN_ATTRIBUTE) instanceof VerifiedToken verified) {
      token = verified;
    } else {
      Credentials.Result credential = clients.credential(req);
      if (credential.status() == Credentials.Status.INVALID) {
        return Decision.deny(new HttpProblem(400, "invalid-request", "Invalid request",
            "Send exactly one admin token, once, in one place: 'Authorization: Bearer <token>'"),
            "Bearer error=\"invalid_request\"");
      }
      if (credential.status() == Credentials.Status.PRESENT) {
        AuthOutcome outcome = tokens.authenticate(credential.token(), new AuthContext(clientIp, null, null,
            Credentials.requestInfo(req)));
        if (outcome.isVerified()) {
          token = outcome.token();
        } else {
          failure = outcome.reason();
        }
      }
    }
    if (token != null && (token.managesTokens() || selfRotation)) {
      ManagementScope scope = token.managesTokens() ? token.managementScope() : NOTHING;
      return Decision.allow(new Actor(token.owner() + " (token " + token.id() + ")", ip, scope), token);
    }
    Actor host = hostCheck == null ? null : hostCheck.apply(req);
    if (host != null) {
      return Decision.allow(host.ip() == null ? host.withIp(ip) : host, null);
    }
    if (token != null) {
      String missing = "a management scope";
      try { // audits the refusal like every other scope refusal
        tokens.requireScope(new Actor(token.owner() + " (token " + token.id() + ")", ip, NOTHING),
            operationOf(req), null);
      } catch (InsufficientScopeException e) {
        missing = e.missing();
      }
      return Decision.deny(HttpProblem.insufficientScope("This token may not manage tokens (missing " + missing
          + "); use a token whose role manages tokens (e.g. ADMIN) and whose own grants do not set '"
          + ManagementScope.MANAGEMENT_API + "' or '*' to NONE"), "Bearer error=\"insufficient_scope\"");
    }
    if (failure == FailureReason.STORE_UNAVAILABLE) {
      return Decision.deny(new HttpProblem(503, "store-unavailable", "Token store unavailable",
          "The token store cannot be reached; retry later"), null);
    }
    if (failure != null) {
      return Decision.deny(new HttpProblem(401, "invalid-token", "Unauthorized",
          "The presented token is not valid (unknown, wrong, expired, disabled, revoked or not allowed from this "
              + "address); present an active admin token"), "Bearer error=\"invalid_token\"");
    }
    return Decision.deny(new HttpProblem(401, "unauthorized", "Unauthorized",
        "Send an admin token as 'Authorization: Bearer <token>'"), "Bearer");
  }

  /** The operation a refused request asked for, for the audit trail. */
  private static ManagementOperation operationOf(HttpServletRequest req) {
    String method = req.getMethod();
    if (method.equals("GET") || method.equals("HEAD")) {
      String info = req.getPathInfo() == null ? "" : req.getPathInfo();
      return info.startsWith("/api/audit") ? ManagementOperation.AUDIT
          : info.startsWith("/api/tokens/") ? ManagementOperation.VIEW : ManagementOperation.LIST;
    }
    if (method.equals("PATCH") || method.equals("PUT")) {
      return ManagementOperation.EDIT;
    }
    if (method.equals("DELETE")) {
      return req.getRequestURI().endsWith("/quota") ? ManagementOperation.EDIT : ManagementOperation.DELETE;
    }
    String uri = req.getRequestURI();
    String last = uri.substring(uri.lastIndexOf('/') + 1);
    for (ManagementOperation op : ManagementOperation.writes()) {
      if (op.code().equals(last)) {
        return op;
      }
    }
    return ManagementOperation.ISSUE;
  }

  private static String hostUser(HttpServletRequest req) {
    Principal p = req.getUserPrincipal();
    if (p != null && p.getName() != null) {
      return p.getName();
    }
    String user = req.getRemoteUser();
    return user != null ? user : "host-authenticated user";
  }

}
