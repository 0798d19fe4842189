/**
 * Test support for hosts and store authors ({@code dev.tokenkit:token-testkit}, test scope):
 * {@link dev.tokenkit.testkit.TokenStoreContract}, the contract every {@link dev.tokenkit.spi.TokenStore} passes;
 * {@link dev.tokenkit.testkit.LeakCanary}, which fails a test when a secret shows up in logs, exceptions or
 * responses; {@link dev.tokenkit.testkit.ForwardingTokenStore}, a store decorator to build test doubles around a
 * real store; and {@link dev.tokenkit.testkit.StoreFixtures}.
 *
 * <p>Adding this artifact changes nothing else in a test suite: it carries no logging configuration, no
 * {@code junit-platform.properties} and no automatically registered JUnit extension.
 */
package dev.tokenkit.testkit;
