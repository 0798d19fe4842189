package dev.tokenkit.servlet.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenkit.ConcurrentUpdateException;
import dev.tokenkit.DuplicateTokenException;
import dev.tokenkit.ExpiryPolicyException;
import dev.tokenkit.IllegalTransitionException;
import dev.tokenkit.InsufficientScopeException;
import dev.tokenkit.InvalidInputException;
import dev.tokenkit.StoreUnavailableException;
import dev.tokenkit.TokenKitException;
import dev.tokenkit.TokenNotFoundException;
import dev.tokenkit.sharedsecret.DuplicateSharedSecretException;
import dev.tokenkit.sharedsecret.KeyRingNotConfiguredException;
import dev.tokenkit.sharedsecret.SharedSecretNotFoundException;
import dev.tokenkit.servlet.internal.ProblemTypes;
import java.util.Map;

/**
 * Maps core exceptions to HTTP problems and renders RFC 9457 {@code application/problem+json} bodies.
 *
 * <p>Core exception messages name ids, names and fields only (never a secret or hash), so they are used as the
 * problem detail. Unexpected exceptions never reach this class' output: the servlet turns them into a fixed 500.
 */
final class Problems {
  private Problems() {}

  /**
   * The problem for a core exception.
   *
   * @param e the exception
   * @return the problem
   */
  static HttpProblem of(TokenKitException e) {
    if (e instanceof InvalidInputException invalid) {
      return HttpProblem.invalid(invalid.fieldErrors());
    }
    if (e instanceof ExpiryPolicyException) {
      // 400 like any other invalid field, so a form can show the message next to the expiry choice
      return new HttpProblem(400, "expiry-not-allowed", "Expiry not allowed by the policy", e.getMessage(),
          Map.of("expiration", e.getMessage()));
    }
    if (e instanceof InsufficientScopeException) {
      return HttpProblem.insufficientScope(e.getMessage());
    }
    if (e instanceof TokenNotFoundException) {
      return new HttpProblem(404, "token-not-found", "Token not found", e.getMessage());
    }
    if (e instanceof DuplicateTokenException) {
      return new HttpProblem(409, "duplicate-token", "Token already exists", e.getMessage(),
          Map.of("name", e.getMessage()));
    }
    if (e instanceof IllegalTransitionException) {
      return new HttpProblem(409, "illegal-transition", "Not allowed in the token's current status", e.getMessage());
    }
    if (e instanceof ConcurrentUpdateException) {
      return new HttpProblem(409, "concurrent-update", "Token changed concurrently", e.getMessage());
    }
    if (e instanceof SharedSecretNotFoundException) {
      return new HttpProblem(404, "shared-secret-not-found", "Shared secret not found", e.getMessage());
    }
    if (e instanceof DuplicateSharedSecretException) {
      return new HttpProblem(409, "duplicate-shared-secret", "Shared secret already exists", e.getMessage(),
          Map.of("name", e.getMessage()));
    }
    if (e instanceof KeyRingNotConfiguredException) {
      return new HttpProblem(409, "shared-secrets-not-configured", "Shared secrets are not configured",
          e.getMessage());
    }
    if (e instanceof StoreUnavailableException) {
      return new HttpProblem(503, "store-unavailable", "Token store unavailable",
          "The token store cannot be reached; retry later");
    }
    return new HttpProblem(400, "rejected", "Request rejected", e.getMessage());
  }

  /**
   * The problem body; its {@code type} is {@code urn:tokenkit:problem:<code>} ({@link ProblemTypes}).
   *
   * @param mapper the JSON mapper
   * @param p the problem
   * @return the JSON object
   */
  static ObjectNode body(ObjectMapper mapper, HttpProblem p) {
    ObjectNode n = mapper.createObjectNode();
    n.put("type", ProblemTypes.of(p.type()));
    n.put("title", p.title());
    n.put("status", p.status());
    if (p.detail() != null) {
      n.put("detail", p.detail());
    }
    if (p.error() != null) {
      n.put("error", p.error());
    }
    if (!p.fieldErrors().isEmpty()) {
      ArrayNode errors = n.putArray("errors");
      p.fieldErrors().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(en -> {
        ObjectNode err = errors.addObject();
        err.put("field", en.getKey());
        err.put("detail", en.getValue());
      });
    }
    return n;
  }
}
