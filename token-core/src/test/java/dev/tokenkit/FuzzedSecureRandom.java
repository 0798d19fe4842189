package dev.tokenkit;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;

/**
 * A {@link SecureRandom} whose bytes come from the fuzzer, so fuzz targets can drive token generation through the
 * real {@code SecureRandom}-only code path. Test code only: it is as predictable as the fuzzer's input.
 */
final class FuzzedSecureRandom extends SecureRandom {
  private static final long serialVersionUID = 1L;

  FuzzedSecureRandom(FuzzedDataProvider data) {
    super(new Spi(data), null);
  }

  private static final class Spi extends SecureRandomSpi {
    private static final long serialVersionUID = 1L;
    private final transient FuzzedDataProvider data;
    private long counter;

    Spi(FuzzedDataProvider data) {
      this.data = data;
    }

    @Override
    protected void engineSetSeed(byte[] seed) {
      // the fuzzer is the seed
    }

    @Override
    protected void engineNextBytes(byte[] bytes) {
      byte[] fuzzed = data.consumeBytes(bytes.length);
      for (int i = 0; i < bytes.length; i++) {
        // once the input is used up, keep going deterministically (a counter) so generation still terminates
        bytes[i] = i < fuzzed.length ? fuzzed[i] : (byte) (counter++ * 31 + 7);
      }
    }

    @Override
    protected byte[] engineGenerateSeed(int numBytes) {
      byte[] out = new byte[numBytes];
      engineNextBytes(out);
      return out;
    }
  }
}
