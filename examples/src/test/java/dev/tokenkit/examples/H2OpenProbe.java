package dev.tokenkit.examples;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Another process trying to open the example's H2 database: {@code java H2OpenProbe <url> <user> <password>} prints
 * {@code OPENED} or {@code REFUSED <H2 error code>}. Run by {@link PrivateH2DatabaseTest}; not a test itself.
 */
public final class H2OpenProbe {
  private H2OpenProbe() {}

  /**
   * Tries to connect.
   *
   * @param args URL, user, password
   */
  public static void main(String[] args) {
    try (Connection c = DriverManager.getConnection(args[0], args[1], args[2])) {
      c.createStatement().execute("SELECT 1");
      System.out.println("OPENED");
    } catch (SQLException e) {
      System.out.println("REFUSED " + e.getErrorCode());
    }
  }
}
