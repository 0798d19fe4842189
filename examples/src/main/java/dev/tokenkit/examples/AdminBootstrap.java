package dev.tokenkit.examples;

import dev.tokenkit.Actor;
import dev.tokenkit.DuplicateTokenException;
import dev.tokenkit.Expiration;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.IssuedToken;
import dev.tokenkit.Token;
import dev.tokenkit.TokenQuery;
import dev.tokenkit.TokenService;
import dev.tokenkit.TokenStatus;
import java.io.PrintStream;
import java.util.List;

/**
 * Makes sure an administrator can get in: on first start with an empty store, issues an ADMIN token and prints it
 * once on a line starting {@code ADMIN TOKEN: }; later starts only say how to get a new one
 * ({@code --reset-admin}, which revokes the previous bootstrap token and prints a new one).
 */
public final class AdminBootstrap {
  /** The owner of bootstrap admin tokens. */
  public static final String OWNER = "bootstrap-admin";
  /** The line prefix of the printed token. */
  public static final String LINE_PREFIX = "ADMIN TOKEN: ";

  private static final Actor ACTOR = Actor.of("example-bootstrap");

  private AdminBootstrap() {}

  /**
   * Runs the bootstrap.
   *
   * @param tokens the service
   * @param reset whether to revoke the bootstrap token and print a new one
   * @param out where the token line goes (the console, never a log)
   * @return the new token's id, or {@code null} when none was issued
   */
  public static String run(TokenService tokens, boolean reset, PrintStream out) {
    boolean empty = tokens.list(TokenQuery.all().withLimit(1)).items().isEmpty();
    if (!empty && !reset) {
      out.println("Admin token: already issued (it is shown only once). To revoke it and print a new one, "
          + "restart with --reset-admin");
      return null;
    }
    int revoked = reset ? tokens.revokeAll(ACTOR, OWNER) : 0;
    // names are unique per owner and revoked tokens keep theirs: number the bootstrap tokens
    int previous = tokens.list(TokenQuery.all().withOwner(OWNER).withLimit(TokenQuery.MAX_LIMIT)).items().size();
    String name = "admin-" + (previous + 1);
    IssuedToken issued;
    try {
      issued = tokens.issue(ACTOR, IssueRequest.builder(name, OWNER).role("ADMIN")
          .description("Bootstrap administrator token of the example server").expiration(Expiration.never()).build());
    } catch (DuplicateTokenException e) {
      // another instance sharing the database issued it at the same moment; that one printed it
      out.println("Admin token: issued by another instance sharing this database (it is shown only once there). "
          + "To revoke it and print a new one, restart with --reset-admin");
      return null;
    }
    if (reset) {
      out.println("Revoked " + revoked + " previous bootstrap admin token(s).");
    }
    out.println(LINE_PREFIX + issued.secret().reveal());
    out.println("Keep it safe: it is not shown again. Use it as 'Authorization: Bearer <token>' and in the console "
        + "at /admin/.");
    return issued.token().id();
  }

  /**
   * The active bootstrap tokens (for tests).
   *
   * @param tokens the service
   * @return the tokens
   */
  static List<Token> active(TokenService tokens) {
    return tokens.list(TokenQuery.all().withOwner(OWNER).withStatus(TokenStatus.ACTIVE)).items();
  }
}
