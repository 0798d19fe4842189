package dev.tokenkit;

import dev.tokenkit.spi.SecretHasher;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A host's own hasher for tests: delegates to a real one and counts verifications. Like most custom hashers it does
 * not say what a check costs ({@link SecretHasher#isExpensiveToVerify()} keeps its default, {@code true}); a test
 * that needs a cheap one overrides it.
 */
class CountingHasher implements SecretHasher {
  final SecretHasher delegate;
  final AtomicInteger verifications = new AtomicInteger();

  CountingHasher(SecretHasher delegate) {
    this.delegate = delegate;
  }

  @Override
  public String algorithm() {
    return delegate.algorithm();
  }

  @Override
  public String hash(byte[] token) {
    return delegate.hash(token);
  }

  @Override
  public boolean verify(byte[] token, String storedHash) {
    verifications.incrementAndGet();
    return delegate.verify(token, storedHash);
  }

  @Override
  public boolean isCurrent(String storedHash) {
    return delegate.isCurrent(storedHash);
  }
}
