package dev.tokenkit.servlet;

import dev.tokenkit.VerifiedToken;
import dev.tokenkit.sharedsecret.SharedSecrets;
import dev.tokenkit.signature.SignatureOutcome;
import dev.tokenkit.signature.SignedRequest;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The filter's signature step for tokens with a {@code signatureSecretId}: reads the body (bounded) so its
 * {@code Content-Digest} can be checked and the application still gets it, verifies the RFC 9421 signature, and on
 * any failure answers 401 {@code invalid_token} with a fixed body and an {@code Accept-Signature} header saying what
 * to sign. Stateless and thread-safe.
 */
final class SignatureCheck {
  private static final Logger LOG = LoggerFactory.getLogger(SignatureCheck.class);
  /** Marks a request whose signature this filter verified, so forwards and error dispatches are not checked again
   * (their body was read already, and the nonce is spent). */
  private static final String VERIFIED = SignatureCheck.class.getName() + ".verified";

  /** The marker value: only this class creates it. */
  private record Verified(String tokenId) {}

  private SignatureCheck() {}

  /**
   * @return the request to hand on (its body replayable), or {@code null} when a problem was written
   */
  static HttpServletRequest verify(FilterSettings s, DispatcherType type, HttpServletRequest request,
      HttpServletResponse response, VerifiedToken token) throws IOException {
    if (request.getAttribute(VERIFIED) instanceof Verified v && v.tokenId().equals(token.id())) {
      return request;
    }
    String secretId = token.signatureSecretId();
    HttpServletRequest forward = request;
    byte[] body = null;
    if (hasBody(request)) {
      try {
        BufferedBodyRequest buffered = BufferedBodyRequest.read(request, s.maxSignedBodyBytes);
        forward = buffered;
        body = buffered.body();
      } catch (BufferedBodyRequest.TooLarge e) {
        s.writer.deny(type, response, Problem.BODY_TOO_LARGE);
        return null;
      }
    }
    SharedSecrets secrets = s.service.sharedSecrets();
    SignedRequest view = new ServletSignedRequest(request);
    SignatureOutcome outcome;
    try {
      outcome = secrets.verifyRequest(secretId, view, body);
    } catch (RuntimeException e) {
      LOG.warn("Signature verification failed unexpectedly; answering 503 ({})", e.getClass().getName());
      s.writer.deny(type, response, Problem.UNAVAILABLE);
      return null;
    }
    if (outcome.isVerified()) {
      request.setAttribute(VERIFIED, new Verified(token.id()));
      return forward;
    }
    LOG.debug("Signed request rejected for token {}: {}", token.id(), outcome.failure());
    if (type != DispatcherType.INCLUDE && !response.isCommitted()) {
      response.setHeader("Accept-Signature", secrets.acceptSignature(secretId, view, body));
    }
    s.writer.deny(type, response, Problem.INVALID_SIGNATURE);
    return null;
  }

  private static boolean hasBody(HttpServletRequest request) {
    return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
  }
}
