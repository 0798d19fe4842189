package dev.tokenkit.signature;

import java.util.Objects;

/**
 * The result of verifying a signed request: verified, or the reason it was not. Immutable and thread-safe.
 *
 * @param failure why verification failed, or {@code null} when it succeeded
 * @param label the signature label that was checked, or {@code null} when none could be chosen
 * @param previousSecret whether the previous secret of a rotation (during its overlap) verified it
 */
public record SignatureOutcome(SignatureFailure failure, String label, boolean previousSecret) {
  /**
   * A success.
   *
   * @param label the label checked
   * @param previousSecret whether the rotated-out secret matched
   * @return the outcome
   */
  public static SignatureOutcome verified(String label, boolean previousSecret) {
    return new SignatureOutcome(null, Objects.requireNonNull(label, "label"), previousSecret);
  }

  /**
   * A failure.
   *
   * @param failure the reason; never {@code null}
   * @param label the label checked, or {@code null}
   * @return the outcome
   */
  public static SignatureOutcome failed(SignatureFailure failure, String label) {
    return new SignatureOutcome(Objects.requireNonNull(failure, "failure"), label, false);
  }

  /**
   * Whether the signature verified.
   *
   * @return {@code true} on success
   */
  public boolean isVerified() {
    return failure == null;
  }
}
