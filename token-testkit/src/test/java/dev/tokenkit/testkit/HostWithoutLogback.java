package dev.tokenkit.testkit;

/**
 * What a host suite whose SLF4J backend is not logback does with LeakCanary; run by {@link TestkitFootprintTest}
 * in a class loader without logback. Public for that loader; not a test itself.
 */
public final class HostWithoutLogback {
  private HostWithoutLogback() {}

  /**
   * Starts a canary.
   *
   * @return what {@code LeakCanary.start()} threw
   * @throws AssertionError when it started
   */
  public static Throwable startFailure() {
    try {
      LeakCanary.start().close();
    } catch (RuntimeException | LinkageError e) {
      return e;
    }
    throw new AssertionError("LeakCanary started without logback");
  }

  /**
   * Runs the store contract's fixtures and a forwarding store without logback: the kit itself needs no backend.
   *
   * @return the number of tokens listed
   */
  public static Integer kitWorks() {
    dev.tokenkit.spi.TokenStore store = new ForwardingTokenStore(new dev.tokenkit.memory.InMemoryTokenStore()) {};
    store.insert(StoreFixtures.storedToken(StoreFixtures.newId(), "alice", "ci", StoreFixtures.T0, null,
        dev.tokenkit.TokenStatus.ACTIVE));
    return store.list(dev.tokenkit.TokenQuery.all(), StoreFixtures.T0).items().size();
  }
}
