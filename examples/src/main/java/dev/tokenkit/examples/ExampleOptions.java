package dev.tokenkit.examples;

import java.nio.file.Path;
import java.util.List;

/**
 * Command-line options of the example server.
 *
 * @param port the HTTP port (default 8080; 0 picks a free one)
 * @param jdbcUrl the PostgreSQL (or other) JDBC URL from {@code --db}, or {@code null}
 * @param inMemory whether {@code --in-memory} was given
 * @param dataDir where the default H2 file database lives ({@code --data-dir}, default {@code ./data})
 * @param resetAdmin whether {@code --reset-admin} was given
 */
public record ExampleOptions(int port, String jdbcUrl, boolean inMemory, Path dataDir, boolean resetAdmin) {

  /** The usage text printed for {@code --help} and bad options. */
  public static final String USAGE = String.join(System.lineSeparator(),
      "Usage: java -jar examples/target/tokenkit-example.jar [options]",
      "  --port <n>          HTTP port (default 8080)",
      "  --db <jdbc-url>     use this database, e.g. jdbc:postgresql://localhost:5432/app?user=app&password=secret",
      "                      (several instances may share one PostgreSQL database)",
      "  --in-memory         keep tokens in memory only (lost on exit)",
      "  --data-dir <dir>    directory of the default H2 file database (default ./data)",
      "  --reset-admin       revoke the bootstrap admin token and print a new one",
      "  --help              show this text");

  /**
   * Parses the arguments.
   *
   * @param args the command line
   * @return the options
   * @throws IllegalArgumentException with a message saying what is wrong and how to fix it
   */
  public static ExampleOptions parse(String... args) {
    int port = 8080;
    String db = null;
    boolean inMemory = false;
    boolean reset = false;
    Path dataDir = Path.of("data");
    List<String> list = List.of(args);
    for (int i = 0; i < list.size(); i++) {
      String a = list.get(i);
      switch (a) {
        case "--port" -> port = parsePort(value(list, ++i, a));
        case "--db" -> db = value(list, ++i, a);
        case "--in-memory" -> inMemory = true;
        case "--data-dir" -> dataDir = Path.of(value(list, ++i, a));
        case "--reset-admin" -> reset = true;
        default -> {
          if (a.startsWith("--port=")) {
            port = parsePort(a.substring(7));
          } else if (a.startsWith("--db=")) {
            db = a.substring(5);
          } else if (a.startsWith("--data-dir=")) {
            dataDir = Path.of(a.substring(11));
          } else {
            throw new IllegalArgumentException("unknown option '" + a + "'");
          }
        }
      }
    }
    if (db != null && inMemory) {
      throw new IllegalArgumentException("--db and --in-memory exclude each other; choose one");
    }
    if (db != null && !db.startsWith("jdbc:")) {
      throw new IllegalArgumentException("--db needs a JDBC URL such as jdbc:postgresql://localhost:5432/app");
    }
    return new ExampleOptions(port, db, inMemory, dataDir, reset);
  }

  private static String value(List<String> args, int i, String option) {
    if (i >= args.size() || args.get(i).startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args.get(i);
  }

  private static int parsePort(String text) {
    try {
      int p = Integer.parseInt(text);
      if (p < 0 || p > 65535) {
        throw new NumberFormatException();
      }
      return p;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--port needs a number from 0 to 65535, got '" + text + "'");
    }
  }

  /**
   * The JDBC URL of the store to use: {@code --db}, else the private, embedded H2 file database under the data
   * directory (see {@link PrivateH2Database}); {@code null} with {@code --in-memory}.
   *
   * @return the URL or {@code null}
   */
  public String effectiveJdbcUrl() {
    if (inMemory) {
      return null;
    }
    if (jdbcUrl != null) {
      return jdbcUrl;
    }
    return PrivateH2Database.jdbcUrl(dataDir);
  }
}
