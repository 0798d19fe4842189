package dev.tokenkit;

import java.util.List;
import java.util.Map;

/**
 * A partial edit of a token: only the fields that were set change (name, description, role, access, allowed IP
 * ranges, the shared secret requests must be signed with). Immutable and thread-safe.
 *
 * <pre>{@code
 * service.update(actor, id, TokenUpdate.builder().name("renamed").allowedIps(List.of("10.0.0.0/8")).build());
 * }</pre>
 */
public final class TokenUpdate {
  private final String name;
  private final boolean descriptionSet;
  private final String description;
  private final boolean roleSet;
  private final String role;
  private final Map<String, AccessLevel> access;
  private final List<String> allowedIps;
  private final boolean signatureSecretIdSet;
  private final String signatureSecretId;

  private TokenUpdate(Builder b) {
    this.name = b.name;
    this.descriptionSet = b.descriptionSet;
    this.description = b.description;
    this.roleSet = b.roleSet;
    this.role = b.role;
    this.access = b.access;
    this.allowedIps = b.allowedIps;
    this.signatureSecretIdSet = b.signatureSecretIdSet;
    this.signatureSecretId = b.signatureSecretId;
  }

  /**
   * A builder with nothing set.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the new name, or {@code null} to keep */
  public String name() {
    return name;
  }

  /** @return whether the description changes */
  public boolean descriptionSet() {
    return descriptionSet;
  }

  /** @return the new description (may be {@code null} to clear) */
  public String description() {
    return description;
  }

  /** @return whether the role changes */
  public boolean roleSet() {
    return roleSet;
  }

  /** @return the new role (may be {@code null} to clear) */
  public String role() {
    return role;
  }

  /** @return the new access, or {@code null} to keep */
  public Map<String, AccessLevel> access() {
    return access;
  }

  /** @return the new ranges, or {@code null} to keep */
  public List<String> allowedIps() {
    return allowedIps;
  }

  /** @return whether the required shared secret changes */
  public boolean signatureSecretIdSet() {
    return signatureSecretIdSet;
  }

  /** @return the new shared secret id (may be {@code null}: requests need no signature any more) */
  public String signatureSecretId() {
    return signatureSecretId;
  }

  /** Builds a {@link TokenUpdate}. Not thread-safe. */
  public static final class Builder {
    private String name;
    private boolean descriptionSet;
    private String description;
    private boolean roleSet;
    private String role;
    private Map<String, AccessLevel> access;
    private List<String> allowedIps;
    private boolean signatureSecretIdSet;
    private String signatureSecretId;

    private Builder() {}

    /**
     * @param n the new name; never {@code null}
     * @return this builder
     */
    public Builder name(String n) {
      this.name = java.util.Objects.requireNonNull(n, "name");
      return this;
    }

    /**
     * @param d the new description, {@code null} clears it
     * @return this builder
     */
    public Builder description(String d) {
      this.descriptionSet = true;
      this.description = d;
      return this;
    }

    /**
     * @param r the new role name, {@code null} clears it
     * @return this builder
     */
    public Builder role(String r) {
      this.roleSet = true;
      this.role = r;
      return this;
    }

    /**
     * @param a the new per-API access (replaces all grants); never {@code null}
     * @return this builder
     */
    public Builder access(Map<String, AccessLevel> a) {
      this.access = Map.copyOf(a);
      return this;
    }

    /**
     * @param cidrs the new ranges (replaces all); never {@code null}
     * @return this builder
     */
    public Builder allowedIps(List<String> cidrs) {
      this.allowedIps = List.copyOf(cidrs);
      return this;
    }

    /**
     * @param id the shared secret every request must be signed with, {@code null} to require no signature
     * @return this builder
     */
    public Builder signatureSecretId(String id) {
      this.signatureSecretIdSet = true;
      this.signatureSecretId = id;
      return this;
    }

    /** @return the update */
    public TokenUpdate build() {
      return new TokenUpdate(this);
    }
  }
}
