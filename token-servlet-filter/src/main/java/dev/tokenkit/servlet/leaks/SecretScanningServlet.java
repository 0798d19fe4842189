package dev.tokenkit.servlet.leaks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenkit.Actor;
import dev.tokenkit.ConcurrentUpdateException;
import dev.tokenkit.LeakAction;
import dev.tokenkit.LeakReport;
import dev.tokenkit.LeakVerdict;
import dev.tokenkit.StoreUnavailableException;
import dev.tokenkit.TokenService;
import dev.tokenkit.servlet.internal.ProblemTypes;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiver of GitHub's secret scanning partner program: GitHub POSTs a JSON array of
 * {@code {"token", "type", "url", "source"}} matches, signed with ECDSA P-256 / SHA-256 over the raw body (base64 DER
 * in {@code Github-Public-Key-Signature}, key named by {@code Github-Public-Key-Identifier}). Every reported text that
 * is the secret of a live TokenKit token is revoked (or disabled) through {@link TokenService#reportLeak}, audited as
 * {@code LEAK_REPORTED} with URL and source, and the audit listeners hear of it; the answer is GitHub's feedback
 * format, {@code [{"token_hash", "token_type", "label": "true_positive" | "false_positive"}]}.
 *
 * <p>Mount it <em>outside</em> token authentication (GitHub sends no token): a servlet mapping more specific than the
 * management servlet's, and a public path in the filter's route rules. Refusals never reach the store: 405 for
 * another method, 415 for a body that is not JSON, 413 above the size limit, 401 when the signature is missing,
 * malformed, made with an unknown key or wrong, 409 for a body accepted before within the replay window, 400 for a
 * body that is not a report; 429 with {@code Retry-After} when the store cannot be reached (the report is not
 * remembered, so GitHub's retry is handled). Never a 5xx; no reported token is ever logged or answered (the feedback
 * names tokens by SHA-256 unless {@link Builder#feedbackWithRawTokens(boolean)} is set). Thread-safe.
 *
 * <pre>{@code
 * SecretScanningServlet leaks = SecretScanningServlet.builder(tokens)
 *     .keys(SecretScanningKeys.fromDocument(() -> fetchGitHubKeys(), Duration.ofHours(1)))
 *     .action(LeakAction.REVOKE)
 *     .build();
 * context.addServlet(new ServletHolder(leaks), "/admin/api/leaks/github");   // outside the filter's routes
 * }</pre>
 */
public final class SecretScanningServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(SecretScanningServlet.class);
  /** The header naming the signing key. */
  public static final String KEY_IDENTIFIER_HEADER = "Github-Public-Key-Identifier";
  /** The header carrying the base64 DER ECDSA signature of the raw body. */
  public static final String SIGNATURE_HEADER = "Github-Public-Key-Signature";

  private final transient TokenService tokens;
  private final transient SecretScanningKeys keys;
  private final LeakAction action;
  private final boolean rawTokens;
  private final int maxBodyBytes;
  private final int maxMatches;
  private final String reporter;
  private final transient ReplayGuard replays;

  private SecretScanningServlet(Builder b) {
    this.tokens = b.tokens;
    this.keys = b.keys;
    this.action = b.action;
    this.rawTokens = b.rawTokens;
    this.maxBodyBytes = b.maxBodyBytes;
    this.maxMatches = b.maxMatches;
    this.reporter = b.reporter;
    this.replays = new ReplayGuard(b.clock, b.replayWindow, b.replayMemory);
  }

  /**
   * A builder; {@link Builder#keys(SecretScanningKeys)} is required.
   *
   * @param tokens the service whose tokens are reported; never {@code null}
   * @return the builder
   */
  public static Builder builder(TokenService tokens) {
    return new Builder(tokens);
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    try {
      handle(req, resp);
    } catch (IOException | RuntimeException e) { // never a 5xx, never a stack trace
      LOG.warn("Secret scanning report could not be handled ({})", e.getClass().getName());
      if (!resp.isCommitted()) {
        resp.reset();
        problem(resp, 400, "invalid-report", "The report could not be read; send it again");
      }
    }
  }

  private void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    if (!"POST".equals(req.getMethod())) {
      resp.setHeader("Allow", "POST");
      problem(resp, 405, "method-not-allowed", "Secret scanning reports are sent with POST");
      return;
    }
    String type = req.getContentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      problem(resp, 415, "unsupported-media-type", "Send the report as Content-Type: application/json");
      return;
    }
    byte[] body = readBody(req);
    if (body == null) {
      problem(resp, 413, "payload-too-large", "The report is larger than " + maxBodyBytes + " bytes; split it");
      return;
    }
    if (!signatureValid(req, body)) {
      problem(resp, 401, "invalid-signature", "The report needs a valid " + SIGNATURE_HEADER + " (base64 DER ECDSA "
          + "P-256 SHA-256 over the raw body) made with the key named by " + KEY_IDENTIFIER_HEADER);
      return;
    }
    List<ReportedMatch> matches;
    try {
      matches = ReportBody.read(body, maxMatches);
    } catch (ReportBody.InvalidReport e) {
      problem(resp, 400, "invalid-report", e.getMessage());
      return;
    }
    String digest = HexFormat.of().formatHex(sha256(body));
    ReplayGuard.Claim claim = replays.claim(digest);
    if (claim != ReplayGuard.Claim.FIRST) {
      problem(resp, claim == ReplayGuard.Claim.REPLAY ? 409 : 429, claim == ReplayGuard.Claim.REPLAY
          ? "replayed-report" : "too-many-reports", claim == ReplayGuard.Claim.REPLAY
          ? "This report was received before; a report is handled once" : "Too many reports; send it again later");
      return;
    }
    ArrayNode feedback;
    try {
      feedback = judge(matches, new Actor(reporter + " secret scanning", req.getRemoteAddr()));
    } catch (StoreUnavailableException | ConcurrentUpdateException e) {
      replays.release(digest);
      LOG.warn("Token store unavailable while handling a secret scanning report of {} matches", matches.size());
      resp.setHeader("Retry-After", "30");
      problem(resp, 429, "store-unavailable", "The token store cannot be reached; send the report again later");
      return;
    }
    resp.setStatus(200);
    resp.setHeader("Cache-Control", "no-store");
    resp.setContentType("application/json");
    resp.setCharacterEncoding("UTF-8");
    resp.getOutputStream().write(ReportBody.MAPPER.writeValueAsBytes(feedback));
  }

  private ArrayNode judge(List<ReportedMatch> matches, Actor actor) {
    ArrayNode out = ReportBody.MAPPER.createArrayNode();
    Map<String, LeakVerdict> seen = new HashMap<>();
    int revoked = 0;
    int truePositives = 0;
    for (ReportedMatch m : matches) {
      LeakVerdict v = seen.get(m.token);
      if (v == null) {
        v = tokens.reportLeak(actor, m.token, new LeakReport(reporter, m.source, m.url), action);
        seen.put(m.token, v);
        revoked += v.changed() ? 1 : 0;
        truePositives += v.truePositive() ? 1 : 0;
      }
      ObjectNode item = out.addObject();
      if (rawTokens) {
        item.put("token_raw", m.token);
      } else {
        item.put("token_hash", HexFormat.of().formatHex(sha256(m.token.getBytes(StandardCharsets.UTF_8))));
      }
      item.put("token_type", m.type);
      item.put("label", v.truePositive() ? "true_positive" : "false_positive");
    }
    LOG.info("Secret scanning report: {} matches, {} of our tokens, {} {}", matches.size(), truePositives, revoked,
        action == LeakAction.REVOKE ? "revoked" : "disabled");
    return out;
  }

  private boolean signatureValid(HttpServletRequest req, byte[] body) {
    String keyId = req.getHeader(KEY_IDENTIFIER_HEADER);
    String signature = req.getHeader(SIGNATURE_HEADER);
    if (keyId == null || signature == null || keyId.isEmpty() || keyId.length() > 200 || signature.length() > 400) {
      return false;
    }
    Optional<PublicKey> key = keys.key(keyId);
    if (key.isEmpty()) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(key.get());
      verifier.update(body);
      return verifier.verify(Base64.getDecoder().decode(signature.strip()));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false; // malformed base64 or DER
    }
  }

  /** The body, or {@code null} when it is larger than the limit. */
  private byte[] readBody(HttpServletRequest req) throws IOException {
    long declared = req.getContentLengthLong();
    if (declared > maxBodyBytes) {
      return null;
    }
    try (InputStream in = req.getInputStream()) {
      byte[] body = in.readNBytes(maxBodyBytes + 1);
      return body.length > maxBodyBytes ? null : body;
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static void problem(HttpServletResponse resp, int status, String code, String detail) throws IOException {
    resp.setStatus(status);
    resp.setHeader("Cache-Control", "no-store");
    resp.setContentType(ProblemTypes.CONTENT_TYPE);
    resp.setCharacterEncoding("UTF-8");
    ObjectNode n = ReportBody.MAPPER.createObjectNode();
    n.put("type", ProblemTypes.of(code));
    n.put("title", code.replace('-', ' '));
    n.put("status", status);
    n.put("detail", detail);
    resp.getOutputStream().write(ReportBody.MAPPER.writeValueAsBytes(n));
  }

  /** Builds a {@link SecretScanningServlet}. Setters validate at once; not thread-safe. */
  public static final class Builder {
    private final TokenService tokens;
    private SecretScanningKeys keys;
    private LeakAction action = LeakAction.REVOKE;
    private boolean rawTokens;
    private int maxBodyBytes = 4 * 1024 * 1024;
    private int maxMatches = 10_000;
    private Duration replayWindow = Duration.ofHours(24);
    private int replayMemory = 100_000;
    private String reporter = "github";
    private Clock clock = Clock.systemUTC();

    private Builder(TokenService tokens) {
      this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    /**
     * Where the signing keys come from (required).
     *
     * @param k the keys, e.g. {@link SecretScanningKeys#fromDocument}
     * @return this builder
     */
    public Builder keys(SecretScanningKeys k) {
      this.keys = Objects.requireNonNull(k, "keys");
      return this;
    }

    /**
     * What happens to a reported live token (default {@link LeakAction#REVOKE}).
     *
     * @param a revoke or disable
     * @return this builder
     */
    public Builder action(LeakAction a) {
      this.action = Objects.requireNonNull(a, "action");
      return this;
    }

    /**
     * Whether the feedback names tokens by their raw text ({@code token_raw}) instead of their SHA-256
     * ({@code token_hash}, the default). GitHub accepts either; the hash never sends a secret back.
     *
     * @param raw {@code true} for {@code token_raw}
     * @return this builder
     */
    public Builder feedbackWithRawTokens(boolean raw) {
      this.rawTokens = raw;
      return this;
    }

    /**
     * Limits: the largest body (default 4 MiB; larger gets 413) and the most matches in one report (default
     * 10,000; more gets 400).
     *
     * @param bytes at least 1,024
     * @param matches at least 1
     * @return this builder
     */
    public Builder limits(int bytes, int matches) {
      if (bytes < 1024 || matches < 1) {
        throw new IllegalArgumentException("limits must be at least 1024 bytes and 1 match, got " + bytes + " and "
            + matches);
      }
      this.maxBodyBytes = bytes;
      this.maxMatches = matches;
      return this;
    }

    /**
     * How long an accepted report body is remembered to refuse its replay (default 24 hours), and how many bodies at
     * most (default 100,000).
     *
     * @param window a positive duration
     * @param bodies at least 1
     * @return this builder
     */
    public Builder replayWindow(Duration window, int bodies) {
      Objects.requireNonNull(window, "window");
      if (window.isNegative() || window.isZero() || bodies < 1) {
        throw new IllegalArgumentException("replayWindow must be positive and remember at least one body, got "
            + window + " and " + bodies);
      }
      this.replayWindow = window;
      this.replayMemory = bodies;
      return this;
    }

    /**
     * The reporter's name in the audit trail (default {@code github}).
     *
     * @param name lower-case letters, digits or '-', 1 to 40 characters
     * @return this builder
     */
    public Builder reporter(String name) {
      if (name == null || !name.matches("[a-z0-9-]{1,40}")) {
        throw new IllegalArgumentException("reporter must be 1 to 40 lower-case letters, digits or '-'");
      }
      this.reporter = name;
      return this;
    }

    /**
     * The clock of the replay window (default UTC system clock).
     *
     * @param c the clock
     * @return this builder
     */
    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /**
     * Builds the servlet.
     *
     * @return the servlet
     * @throws IllegalStateException when no keys were set
     */
    public SecretScanningServlet build() {
      if (keys == null) {
        throw new IllegalStateException("keys are required: keys(SecretScanningKeys.fromDocument(fetcher, maxAge)) "
            + "with GitHub's public-keys document, or SecretScanningKeys.configured(Map.of(id, pem))");
      }
      return new SecretScanningServlet(this);
    }
  }
}
