package dev.tokenkit;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to issue: name, owner, role, per-API access, expiry, allowed IP ranges and, optionally, the shared secret
 * every request of the token must be signed with. Validated by
 * {@link TokenService#issue(Actor, IssueRequest)}. Immutable and thread-safe.
 *
 * <pre>{@code
 * IssueRequest req = IssueRequest.builder("ci-deploy", "alice")
 *     .role("READONLY")
 *     .access(Map.of("orders", AccessLevel.FULL))
 *     .expiration(Expiration.months(3))
 *     .allowedIps(List.of("203.0.113.0/24"))
 *     .build();
 * }</pre>
 */
public final class IssueRequest {
  private final String name;
  private final String owner;
  private final String description;
  private final String role;
  private final Map<String, AccessLevel> access;
  private final Expiration expiration;
  private final List<String> allowedIps;
  private final String signatureSecretId;
  private final boolean canary;

  private IssueRequest(Builder b) {
    this.name = b.name;
    this.owner = b.owner;
    this.description = b.description;
    this.role = b.role;
    this.access = b.access;
    this.expiration = b.expiration;
    this.allowedIps = b.allowedIps;
    this.signatureSecretId = b.signatureSecretId;
    this.canary = b.canary;
  }

  /**
   * A builder.
   *
   * @param name the token name, unique per owner; never {@code null}
   * @param owner the owner; never {@code null}
   * @return the builder
   */
  public static Builder builder(String name, String owner) {
    return new Builder(name, owner);
  }

  /** @return the name */
  public String name() {
    return name;
  }

  /** @return the owner */
  public String owner() {
    return owner;
  }

  /** @return the description, or {@code null} */
  public String description() {
    return description;
  }

  /** @return the role name, or {@code null} */
  public String role() {
    return role;
  }

  /** @return the per-API access, possibly empty */
  public Map<String, AccessLevel> access() {
    return access;
  }

  /** @return the expiration, or {@code null} for the policy default */
  public Expiration expiration() {
    return expiration;
  }

  /** @return the allowed IP ranges as CIDR texts, possibly empty */
  public List<String> allowedIps() {
    return allowedIps;
  }

  /** @return the id of the shared secret requests must be signed with, or {@code null} for none */
  public String signatureSecretId() {
    return signatureSecretId;
  }

  /** @return whether the token is a canary (never accepted; every presentation audited) */
  public boolean canary() {
    return canary;
  }

  /** Builds an {@link IssueRequest}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private final String owner;
    private String description;
    private String role;
    private Map<String, AccessLevel> access = Map.of();
    private Expiration expiration;
    private List<String> allowedIps = List.of();
    private String signatureSecretId;
    private boolean canary;

    private Builder(String name, String owner) {
      this.name = Objects.requireNonNull(name, "name");
      this.owner = Objects.requireNonNull(owner, "owner");
    }

    /**
     * @param d a description, or {@code null}
     * @return this builder
     */
    public Builder description(String d) {
      this.description = d;
      return this;
    }

    /**
     * @param r a registered role name, or {@code null} for none
     * @return this builder
     */
    public Builder role(String r) {
      this.role = r;
      return this;
    }

    /**
     * @param a API name (or {@code *}) to level; never {@code null}
     * @return this builder
     */
    public Builder access(Map<String, AccessLevel> a) {
      this.access = Map.copyOf(a);
      return this;
    }

    /**
     * @param e the expiration, or {@code null} for the policy default
     * @return this builder
     */
    public Builder expiration(Expiration e) {
      this.expiration = e;
      return this;
    }

    /**
     * @param cidrs allowed client ranges; empty means anywhere; never {@code null}
     * @return this builder
     */
    public Builder allowedIps(List<String> cidrs) {
      this.allowedIps = List.copyOf(cidrs);
      return this;
    }

    /**
     * Requires every request authenticated with the token to be signed (RFC 9421 {@code hmac-sha256}) with this
     * shared secret.
     *
     * @param id an existing shared secret's id ({@code ss_...}), or {@code null} for none
     * @return this builder
     */
    public Builder signatureSecretId(String id) {
      this.signatureSecretId = id;
      return this;
    }

    /**
     * Makes the token a canary (honeytoken): a token that exists only to be stolen. It is never accepted; any
     * presentation of it gets the ordinary invalid-token answer and, at once, a
     * {@link AuditEventType#CANARY_TRIGGERED} event with the client IP, method, path and user agent.
     *
     * <pre>{@code
     * IssueRequest.builder("aws-prod-backup", "canaries").canary(true).build();
     * }</pre>
     *
     * @param isCanary whether the token is a canary (default {@code false})
     * @return this builder
     */
    public Builder canary(boolean isCanary) {
      this.canary = isCanary;
      return this;
    }

    /** @return the request */
    public IssueRequest build() {
      return new IssueRequest(this);
    }
  }
}
