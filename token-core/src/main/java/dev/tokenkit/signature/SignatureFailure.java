package dev.tokenkit.signature;

/** Why a signed request was rejected. Every reason maps to the same fixed 401 response in the filter. */
public enum SignatureFailure {
  /** No {@code Signature-Input} or no {@code Signature} header. */
  MISSING,
  /** The headers are not valid structured fields, a parameter has the wrong type, {@code created} is missing,
   * a component is duplicated, unsupported or absent from the request, or a required nonce is missing. */
  MALFORMED,
  /** No signature names the required key ({@code keyid}), or the key does not exist. */
  UNKNOWN_KEY,
  /** {@code alg} is present and not {@code hmac-sha256}. */
  UNSUPPORTED_ALGORITHM,
  /** {@code @method}, {@code @authority}, {@code @path}, {@code @query} (with a query) or
   * {@code content-digest} (with a body) is not covered. */
  INSUFFICIENT_COVERAGE,
  /** {@code created} is further from the verifier's clock than the allowed skew. */
  STALE,
  /** {@code expires} has passed. */
  EXPIRED,
  /** The {@code Content-Digest} header does not match the body, or is malformed. */
  DIGEST_MISMATCH,
  /** The signature value does not match (wrong secret, or the message was altered). */
  INVALID,
  /** The nonce was already used within the acceptance window. */
  REPLAYED
}
