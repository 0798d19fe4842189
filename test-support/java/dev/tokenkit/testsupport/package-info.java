/**
 * TokenKit's own shared test support, compiled into the test classes of each module that declares the
 * build-helper plugin (see the root pom) and never packaged: {@link dev.tokenkit.testsupport.SuiteLeakGuard}, the
 * suite-wide log leak guard, and {@link dev.tokenkit.testsupport.RecordingStore}, a store double. What hosts and
 * store authors reuse lives in {@code token-testkit} instead.
 */
package dev.tokenkit.testsupport;
