package dev.tokenkit.servlet.internal;

import dev.tokenkit.IpAddress;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Objects;

/**
 * How the client of a request is identified: its one credential ({@link Credentials}) and its address
 * ({@link ClientIpResolver}). Built once from the filter's configuration and used by the filter and, through
 * {@code ManagementServlet.Builder.authentication(filter)}, by the management API. Immutable and thread-safe.
 */
public final class ClientRules {
  /** {@code Authorization: Bearer} only, the socket peer as the client address. */
  public static final ClientRules DEFAULT =
      new ClientRules(new Credentials(null, null), new ClientIpResolver(List.of(), "X-Forwarded-For", false));

  private final Credentials credentials;
  private final ClientIpResolver clientIp;

  /**
   * @param credentials the credential parser; never {@code null}
   * @param clientIp the client-address resolver; never {@code null}
   */
  public ClientRules(Credentials credentials, ClientIpResolver clientIp) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.clientIp = Objects.requireNonNull(clientIp, "clientIp");
  }

  /**
   * Reads the request's one credential.
   *
   * @param request the request
   * @return what was found; never {@code null}
   */
  public Credentials.Result credential(HttpServletRequest request) {
    return credentials.read(request);
  }

  /**
   * Resolves the request's client address.
   *
   * @param request the request
   * @return the address, or {@code null} when unknown
   */
  public IpAddress clientIp(HttpServletRequest request) {
    return clientIp.resolve(request);
  }
}
