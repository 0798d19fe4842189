package dev.tokenkit.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tokenkit.StoreUnavailableException;
import dev.tokenkit.sharedsecret.SharedSecret;
import dev.tokenkit.spi.SharedSecretStore;
import dev.tokenkit.spi.StoredSharedSecret;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** What only the JDBI shared-secret store must show: ciphertexts stay out of SQL exceptions; outages are typed. */
class JdbiSharedSecretStoreTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String CIPHER = "$aes-256-gcm$k1$NEVER-SHOW-THIS-CIPHERTEXT";

  @Test
  void failedStatementsNeverCarryBoundCiphertextsInTheirExceptionChain() {
    SharedSecretStore store = TestDatabases.h2Store().sharedSecrets().orElseThrow();
    store.insertSharedSecret(new StoredSharedSecret(new SharedSecret("ss_a", "billing", T0, T0, null, 0), CIPHER, null));
    StoredSharedSecret dupName = new StoredSharedSecret(new SharedSecret("ss_b", "billing", T0, T0, null, 0),
        CIPHER, CIPHER);
    StoredSharedSecret dupId = new StoredSharedSecret(new SharedSecret("ss_a", "other", T0, T0, null, 0), CIPHER,
        null);
    for (StoredSharedSecret s : List.of(dupName, dupId)) {
      Throwable thrown = catchThrowable(() -> store.insertSharedSecret(s));
      assertThat(thrown).isNotNull();
      StringWriter trace = new StringWriter();
      thrown.printStackTrace(new PrintWriter(trace));
      assertThat(trace.toString()).doesNotContain("NEVER-SHOW-THIS-CIPHERTEXT");
    }
  }

  @Test
  void anUnreachableDatabaseIsStoreUnavailableForSecretsAndNonces() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:tcp://127.0.0.1:1/nothing-listens-here");
    SharedSecretStore store = JdbiTokenStore.builder(ds).build().sharedSecrets().orElseThrow();
    assertThat(catchThrowable(() -> store.findSharedSecret("ss_a"))).isInstanceOf(StoreUnavailableException.class);
    assertThat(catchThrowable(() -> store.claimNonce("ss_a", "n", T0, T0)))
        .isInstanceOf(StoreUnavailableException.class);
  }
}
