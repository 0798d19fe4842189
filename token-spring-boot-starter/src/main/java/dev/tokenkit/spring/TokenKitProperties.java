package dev.tokenkit.spring;

import dev.tokenkit.servlet.UnmatchedPolicy;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code tokenkit.*} configuration properties of the Spring Boot starter. Bound once at start-up; not
 * thread-safe while being bound, read-only afterwards.
 *
 * <pre>
 * tokenkit.filter.apis.orders=/api/orders,/api/orders/**
 * tokenkit.filter.public-paths=/actuator/health
 * tokenkit.admin.bootstrap=true
 * </pre>
 */
@ConfigurationProperties(prefix = "tokenkit")
public class TokenKitProperties {
  private final Filter filter = new Filter();
  private final Admin admin = new Admin();
  private final Store store = new Store();
  private final Token token = new Token();
  private final Expiry expiry = new Expiry();
  private final Cache cache = new Cache();
  private final LastUse lastUse = new LastUse();
  private final Hashing hashing = new Hashing();

  /** @return the authentication filter settings */
  public Filter getFilter() {
    return filter;
  }

  /** @return the management API and console settings */
  public Admin getAdmin() {
    return admin;
  }

  /** @return the token store settings */
  public Store getStore() {
    return store;
  }

  /** @return the token format settings */
  public Token getToken() {
    return token;
  }

  /** @return the expiry policy settings */
  public Expiry getExpiry() {
    return expiry;
  }

  /** @return the verification cache settings */
  public Cache getCache() {
    return cache;
  }

  /** @return the last-use tracking settings */
  public LastUse getLastUse() {
    return lastUse;
  }

  /** @return the hashing settings */
  public Hashing getHashing() {
    return hashing;
  }

  /** The authentication filter ({@code tokenkit.filter.*}). */
  public static class Filter {
    /**
     * Path patterns per API name, comma-separated, e.g. tokenkit.filter.apis.orders=/api/orders,/api/orders/**.
     * The API name is what token grants refer to.
     */
    private Map<String, List<String>> apis = new LinkedHashMap<>();
    /** Path patterns that pass without a token, e.g. /actuator/health. The error page path is always public. */
    private List<String> publicPaths = new ArrayList<>();
    /**
     * What happens to paths no API or public pattern covers: DENY (404), AUTHENTICATE (any valid token) or PERMIT
     * (pass through). Default: DENY with the starter's own security chain or without Spring Security; PERMIT when
     * TokenKit is added to the application's own SecurityFilterChain (its rules decide the rest).
     */
    private UnmatchedPolicy unmatched;
    /** A second header that may carry the bare token, e.g. X-API-Key. */
    private String apiKeyHeader;
    /** CIDRs of reverse proxies whose X-Forwarded-For is trusted, e.g. 10.0.0.0/8. */
    private List<String> trustedProxies = new ArrayList<>();
    /**
     * Rejected tokens a client address may present per failure window before it gets 429 until the window ends
     * (0: no limit). See README "Failed authentications per client address".
     */
    private int maxFailedAuthentications = 0;
    /** The window of max-failed-authentications. */
    private Duration failedAuthenticationWindow = Duration.ofMinutes(1);
    /** How long each 429 for an address over its failures waits before it is sent. */
    private Duration failedAuthenticationDelay = Duration.ofMillis(250);

    public int getMaxFailedAuthentications() {
      return maxFailedAuthentications;
    }

    public void setMaxFailedAuthentications(int maxFailedAuthentications) {
      this.maxFailedAuthentications = maxFailedAuthentications;
    }

    public Duration getFailedAuthenticationWindow() {
      return failedAuthenticationWindow;
    }

    public void setFailedAuthenticationWindow(Duration failedAuthenticationWindow) {
      this.failedAuthenticationWindow = failedAuthenticationWindow;
    }

    public Duration getFailedAuthenticationDelay() {
      return failedAuthenticationDelay;
    }

    public void setFailedAuthenticationDelay(Duration failedAuthenticationDelay) {
      this.failedAuthenticationDelay = failedAuthenticationDelay;
    }

    public Map<String, List<String>> getApis() {
      return apis;
    }

    public void setApis(Map<String, List<String>> apis) {
      this.apis = apis;
    }

    public List<String> getPublicPaths() {
      return publicPaths;
    }

    public void setPublicPaths(List<String> publicPaths) {
      this.publicPaths = publicPaths;
    }

    public UnmatchedPolicy getUnmatched() {
      return unmatched;
    }

    public void setUnmatched(UnmatchedPolicy unmatched) {
      this.unmatched = unmatched;
    }

    public String getApiKeyHeader() {
      return apiKeyHeader;
    }

    public void setApiKeyHeader(String apiKeyHeader) {
      this.apiKeyHeader = apiKeyHeader;
    }

    public List<String> getTrustedProxies() {
      return trustedProxies;
    }

    public void setTrustedProxies(List<String> trustedProxies) {
      this.trustedProxies = trustedProxies;
    }
  }

  /** The management API and admin console ({@code tokenkit.admin.*}). */
  public static class Admin {
    /** Whether to mount the management API and admin console. */
    private boolean enabled = true;
    /** Where the management servlet is mounted; the console is at {path}/ and the API under {path}/api/. */
    private String path = "/admin";
    /**
     * On start, when no active token may manage tokens, issue one with the ADMIN role and print it once on a line
     * beginning "ADMIN TOKEN: " (standard output, never a log). Safe when several instances start at once.
     */
    private boolean bootstrap = false;
    /**
     * With Spring Security: an authority (e.g. ROLE_TOKEN_ADMIN) whose holders, signed in by the application's
     * own login, may use the management API and console. Empty: only tokens whose role manages tokens may.
     */
    private String authority;
    /**
     * With Spring Security: an authority (e.g. ROLE_TOKEN_AUDITOR) whose holders, signed in by the application's
     * own login, may list, view and audit every token through the management API and console, and change nothing.
     */
    private String readOnlyAuthority;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }

    public boolean isBootstrap() {
      return bootstrap;
    }

    public void setBootstrap(boolean bootstrap) {
      this.bootstrap = bootstrap;
    }

    public String getAuthority() {
      return authority;
    }

    public void setAuthority(String authority) {
      this.authority = authority;
    }

    public String getReadOnlyAuthority() {
      return readOnlyAuthority;
    }

    public void setReadOnlyAuthority(String readOnlyAuthority) {
      this.readOnlyAuthority = readOnlyAuthority;
    }
  }

  /** The token store ({@code tokenkit.store.*}). */
  public static class Store {
    /**
     * AUTO: a JdbiTokenStore on the application's DataSource when token-jdbi is on the classpath and a DataSource
     * exists, otherwise in memory; JDBC: the JdbiTokenStore (fails at start without one); MEMORY: in memory.
     */
    private StoreType type = StoreType.AUTO;
    /** Prefix of TokenKit's table names. */
    private String tablePrefix = "tokenkit_";
    /** Whether to create or upgrade TokenKit's tables at start (set false with Flyway or Liquibase). */
    private boolean migrate = true;

    public StoreType getType() {
      return type;
    }

    public void setType(StoreType type) {
      this.type = type;
    }

    public String getTablePrefix() {
      return tablePrefix;
    }

    public void setTablePrefix(String tablePrefix) {
      this.tablePrefix = tablePrefix;
    }

    public boolean isMigrate() {
      return migrate;
    }

    public void setMigrate(boolean migrate) {
      this.migrate = migrate;
    }
  }

  /** The token format ({@code tokenkit.token.*}). */
  public static class Token {
    /** Prefix of issued tokens: lowercase letters and digits, e.g. acme. */
    private String prefix = "tk";

    public String getPrefix() {
      return prefix;
    }

    public void setPrefix(String prefix) {
      this.prefix = prefix;
    }
  }

  /** The expiry policy ({@code tokenkit.expiry.*}). */
  public static class Expiry {
    /** Offered expiry choices as ISO-8601 periods, e.g. P3M,P6M,P1Y. */
    private List<Period> choices = new ArrayList<>(List.of(Period.ofMonths(3), Period.ofMonths(6),
        Period.ofMonths(12)));
    /** The default expiry (ISO-8601 period, e.g. P6M); one of the choices. */
    private Period defaultPeriod = Period.ofMonths(6);
    /** The longest lifetime issuance and regeneration accept (ISO-8601 period, e.g. P1Y); none by default. */
    private Period maxLifetime;
    /** Whether tokens that never expire may be issued (ignored when max-lifetime is set). */
    private boolean allowNever = true;

    public List<Period> getChoices() {
      return choices;
    }

    public void setChoices(List<Period> choices) {
      this.choices = choices;
    }

    public Period getDefault() {
      return defaultPeriod;
    }

    public void setDefault(Period defaultPeriod) {
      this.defaultPeriod = defaultPeriod;
    }

    public Period getMaxLifetime() {
      return maxLifetime;
    }

    public void setMaxLifetime(Period maxLifetime) {
      this.maxLifetime = maxLifetime;
    }

    public boolean isAllowNever() {
      return allowNever;
    }

    public void setAllowNever(boolean allowNever) {
      this.allowNever = allowNever;
    }
  }

  /** The verification cache ({@code tokenkit.cache.*}). */
  public static class Cache {
    /** Lifetime of verified-token cache entries: the backstop for missed change events. */
    private Duration ttl = Duration.ofSeconds(30);

    public Duration getTtl() {
      return ttl;
    }

    public void setTtl(Duration ttl) {
      this.ttl = ttl;
    }
  }

  /** Last-use tracking ({@code tokenkit.last-use.*}). */
  public static class LastUse {
    /** Write-behind interval: at most one store write per token per interval. */
    private Duration flushInterval = Duration.ofSeconds(10);

    public Duration getFlushInterval() {
      return flushInterval;
    }

    public void setFlushInterval(Duration flushInterval) {
      this.flushInterval = flushInterval;
    }
  }

  /** Hashing ({@code tokenkit.hashing.*}). */
  public static class Hashing {
    /**
     * A server-side secret of at least 32 bytes (UTF-8) for HMAC-SHA256 token hashes, e.g. from an environment
     * variable; plain SHA-256 without it. Existing SHA-256 hashes keep working and are upgraded on use.
     */
    private String pepper;
    /** The id stored with hashes made with the pepper, so a new pepper can be introduced later. */
    private String pepperKeyId = "p1";

    public String getPepper() {
      return pepper;
    }

    public void setPepper(String pepper) {
      this.pepper = pepper;
    }

    public String getPepperKeyId() {
      return pepperKeyId;
    }

    public void setPepperKeyId(String pepperKeyId) {
      this.pepperKeyId = pepperKeyId;
    }

    @Override
    public String toString() {
      return "Hashing[pepper=" + (pepper == null ? "none" : "(redacted)") + ", pepperKeyId=" + pepperKeyId + "]";
    }
  }
}
