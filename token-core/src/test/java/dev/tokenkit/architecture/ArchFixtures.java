package dev.tokenkit.architecture;

import java.security.SecureRandom;
import java.sql.Connection;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/** Deliberately bad (and one good) classes that prove the architecture rules can fail. Never production code. */
final class ArchFixtures {
  private ArchFixtures() {}

  static final class TalksJdbc {
    Connection connection;
  }

  static final class UsesUtilRandom {
    int roll() {
      return new Random().nextInt(62);
    }
  }

  static final class UsesThreadLocalRandom {
    int roll() {
      return ThreadLocalRandom.current().nextInt(62);
    }
  }

  static final class UsesMathRandom {
    double roll() {
      return Math.random();
    }
  }

  static final class UsesSecureRandom {
    private final SecureRandom random = new SecureRandom();

    int roll() {
      return random.nextInt(62);
    }
  }
}
