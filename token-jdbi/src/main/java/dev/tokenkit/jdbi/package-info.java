/**
 * The SQL token store for production: {@link dev.tokenkit.jdbi.JdbiTokenStore} on jdbi3-core, tested on H2 2.x
 * and PostgreSQL 15.
 *
 * <p>Schema: versioned migration scripts in the jar at {@code classpath:db/tokenkit} (Flyway naming,
 * {@code ${tablePrefix}} placeholder), or the built-in idempotent
 * {@link dev.tokenkit.jdbi.JdbiTokenStore#migrate()}. Multi-node cache invalidation: a change sequence written in
 * the same transaction as each change, polled by every node, plus PostgreSQL {@code LISTEN/NOTIFY}.
 *
 * <pre>{@code
 * JdbiTokenStore store = JdbiTokenStore.builder(dataSource).build();
 * store.migrate();
 * TokenService tokens = TokenService.builder().store(store).build();
 * }</pre>
 */
package dev.tokenkit.jdbi;
