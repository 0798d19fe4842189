package dev.tokenkit.internal;

import dev.tokenkit.Role;
import dev.tokenkit.Token;
import dev.tokenkit.VerifiedToken;
import java.time.Instant;

/**
 * Creates {@link VerifiedToken}s for the verification path. The only implementation is private to
 * {@code VerifiedToken}, and {@code TokenService} hands it to its {@link Authenticator}; code outside TokenKit can
 * neither reach it nor write another (it has no constructor to call).
 */
public interface VerifiedTokenFactory {

  /**
   * The verified form of a stored token: effective access = the role's grants overridden by the token's own.
   *
   * @param token the token's metadata
   * @param role its role, or {@code null} for none or an unknown one
   * @return the verified token
   */
  VerifiedToken verified(Token token, Role role);

  /**
   * The verified form of a stored token that may carry a usage quota.
   *
   * @param token the token's metadata
   * @param role its role, or {@code null}
   * @param usageQuota whether the stored token has a usage quota
   * @return the verified token
   */
  VerifiedToken verified(Token token, Role role, boolean usageQuota);

  /**
   * A copy marking the presented secret as a rotated-out one, valid until {@code until}.
   *
   * @param token the verified token
   * @param until the end of the grace period
   * @return the copy
   */
  VerifiedToken deprecated(VerifiedToken token, Instant until);
}
