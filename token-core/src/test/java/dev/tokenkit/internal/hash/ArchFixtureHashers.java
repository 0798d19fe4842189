package dev.tokenkit.internal.hash;

import dev.tokenkit.spi.SecretHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/** Deliberately bad (and one good) hashers that prove the secret-comparison rules can fail. Never production code. */
final class ArchFixtureHashers {
  private ArchFixtureHashers() {}

  abstract static class Base implements SecretHasher {
    @Override
    public String algorithm() {
      return "fixture";
    }

    @Override
    public String hash(byte[] token) {
      return "$fixture$" + new String(token, StandardCharsets.US_ASCII);
    }
  }

  /** Compares with String.equals: early exit, timing leak. */
  static final class StringEqualsHasher extends Base {
    @Override
    public boolean verify(byte[] token, String storedHash) {
      return hash(token).equals(storedHash);
    }
  }

  /** Compares with Arrays.equals: early exit, timing leak. */
  static final class ArraysEqualsHasher extends Base {
    @Override
    public boolean verify(byte[] token, String storedHash) {
      return Arrays.equals(hash(token).getBytes(StandardCharsets.US_ASCII),
          storedHash.getBytes(StandardCharsets.US_ASCII));
    }
  }

  /** Compares in constant time. */
  static final class ConstantTimeHasher extends Base {
    @Override
    public boolean verify(byte[] token, String storedHash) {
      return MessageDigest.isEqual(hash(token).getBytes(StandardCharsets.US_ASCII),
          storedHash.getBytes(StandardCharsets.US_ASCII));
    }
  }
}
