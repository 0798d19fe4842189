package dev.tokenkit.bootstrap;

import dev.tokenkit.Actor;
import dev.tokenkit.DuplicateTokenException;
import dev.tokenkit.Expiration;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.IssuedToken;
import dev.tokenkit.Page;
import dev.tokenkit.Role;
import dev.tokenkit.Token;
import dev.tokenkit.TokenQuery;
import dev.tokenkit.TokenService;
import dev.tokenkit.TokenStatus;
import java.io.PrintStream;
import java.util.List;
import java.util.Objects;

/**
 * Makes sure an administrator can get in: when no active token may manage tokens, issues one with the
 * {@code ADMIN} role (owner {@value #OWNER}, no expiry) and prints it once on a line starting
 * {@value #LINE_PREFIX}; it is never printed or logged again. Later runs only say that one exists and how to get a
 * new one. With {@code reset}, the previous bootstrap tokens are revoked and a new one is printed.
 *
 * <p>Safe when several instances start at once on one database: bootstrap tokens are numbered ({@code admin-1},
 * {@code admin-2}, ...) and names are unique per owner, so of instances racing for the same name exactly one
 * issues (and prints) the token; the others say that another instance did. Stateless and thread-safe.
 *
 * <pre>{@code
 * AdminBootstrap.run(tokens, false, "restart with --reset-admin", System.out);
 * }</pre>
 */
public final class AdminBootstrap {
  /** The owner of bootstrap admin tokens: {@value}. */
  public static final String OWNER = "bootstrap-admin";
  /** The line prefix of the printed token: {@value}. */
  public static final String LINE_PREFIX = "ADMIN TOKEN: ";

  private static final Actor ACTOR = Actor.of("tokenkit-bootstrap");

  /** What a run did. */
  public enum Outcome {
    /** A new admin token was issued and printed. */
    ISSUED,
    /** An active token that manages tokens already exists; nothing was issued. */
    ALREADY_PRESENT,
    /** Another instance sharing the store issued the token at the same moment (and printed it there). */
    ISSUED_ELSEWHERE
  }

  private AdminBootstrap() {}

  /**
   * Runs the bootstrap.
   *
   * @param tokens the service; never {@code null}
   * @param reset whether to revoke the previous bootstrap tokens and print a new one
   * @param resetHint how the operator asks for a reset in this host, e.g. {@code "restart with --reset-admin"};
   *     printed when a token exists already; never {@code null}
   * @param out where the token line goes (the console, never a log); never {@code null}
   * @return what happened
   * @throws dev.tokenkit.StoreUnavailableException when the store cannot be reached
   */
  public static Outcome run(TokenService tokens, boolean reset, String resetHint, PrintStream out) {
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(resetHint, "resetHint");
    Objects.requireNonNull(out, "out");
    int revoked = reset ? tokens.revokeAll(ACTOR, OWNER) : 0;
    // Names are unique per owner and revoked tokens keep theirs: number the bootstrap tokens. Count BEFORE
    // looking for a manager: an instance that counts before another's token is committed also looked before it,
    // so both try the same name and exactly one wins; one that counts after it sees that token below.
    int previous = tokens.list(TokenQuery.all().withOwner(OWNER).withLimit(TokenQuery.MAX_LIMIT)).items().size();
    if (!reset && hasActiveManager(tokens)) {
      out.println("Admin token: one already exists (a token is shown only once). To revoke the bootstrap token and "
          + "print a new one, " + resetHint);
      return Outcome.ALREADY_PRESENT;
    }
    IssuedToken issued;
    try {
      issued = tokens.issue(ACTOR, IssueRequest.builder("admin-" + (previous + 1), OWNER).role(Role.ADMIN.name())
          .description("Bootstrap administrator token").expiration(Expiration.never()).build());
    } catch (DuplicateTokenException e) {
      out.println("Admin token: issued by another instance sharing this store (it is shown only once there). To "
          + "revoke it and print a new one, " + resetHint);
      return Outcome.ISSUED_ELSEWHERE;
    }
    if (reset) {
      out.println("Revoked " + revoked + " previous bootstrap admin token(s).");
    }
    out.println(LINE_PREFIX + issued.secret().reveal());
    out.println("Keep it safe: it is not shown again. Use it as 'Authorization: Bearer <token>' and in the admin "
        + "console.");
    return Outcome.ISSUED;
  }

  /**
   * The active bootstrap tokens.
   *
   * @param tokens the service; never {@code null}
   * @return the tokens, newest first
   */
  public static List<Token> active(TokenService tokens) {
    return tokens.list(TokenQuery.all().withOwner(OWNER).withStatus(TokenStatus.ACTIVE)).items();
  }

  /** Whether any active (not expired) token has a role that manages tokens; bootstrap tokens are looked at first. */
  private static boolean hasActiveManager(TokenService tokens) {
    if (!active(tokens).isEmpty()) {
      return true;
    }
    TokenQuery query = TokenQuery.all().withStatus(TokenStatus.ACTIVE).withLimit(TokenQuery.MAX_LIMIT);
    while (true) {
      Page<Token> page = tokens.list(query);
      for (Token t : page.items()) {
        Role role = t.role() == null ? null : tokens.roles().get(t.role());
        if (role != null && role.managesTokens()) {
          return true;
        }
      }
      if (page.nextCursor() == null) {
        return false;
      }
      query = query.withCursor(page.nextCursor());
    }
  }
}
