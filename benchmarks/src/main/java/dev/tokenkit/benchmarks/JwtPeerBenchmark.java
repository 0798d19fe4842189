package dev.tokenkit.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * (5) The peers a user would pick instead of API tokens: an HS256 JWT with comparable claims ({@code sub}, a
 * {@code role}, a {@code scope} of {@code orders:read}, {@code iat}, {@code exp} in 180 days), parsed and verified
 * by nimbus-jose-jwt and by jjwt. Each side does what an application must do per request: parse, check the
 * MAC, check expiry and read the subject and scope. Verifier and parser are built once in setup (their best
 * case). Both libraries are given the same 256-bit key and the same token.
 *
 * <p>JMH state, one instance per trial; both verifiers are thread-safe. Run alone with
 * {@code java -jar benchmarks/target/benchmarks.jar JwtPeerBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JwtPeerBenchmark {
  private String jwt;
  private MACVerifier nimbusVerifier;
  private JwtParser jjwtParser;

  /**
   * Signs one token and builds both verifiers.
   *
   * @throws JOSEException never with a 256-bit key
   * @throws ParseException never for a token this method signed
   */
  @Setup
  public void setUp() throws JOSEException, ParseException {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Instant now = Instant.now();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .subject("alice")
        .claim("role", "READONLY")
        .claim("scope", "orders:read")
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofDays(180))))
        .build();
    SignedJWT signed = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    signed.sign(new MACSigner(key));
    jwt = signed.serialize();
    nimbusVerifier = new MACVerifier(key);
    SecretKey jjwtKey = Keys.hmacShaKeyFor(key);
    jjwtParser = Jwts.parser().verifyWith(jjwtKey).build();
    if (nimbusHs256ParseVerify() == null || jjwtHs256ParseVerify() == null) {
      throw new IllegalStateException("peer token did not verify; check the key and claims");
    }
  }

  /**
   * nimbus-jose-jwt: parse, verify HS256, check {@code exp}, read {@code sub} and {@code scope}.
   *
   * @return the scope (consumed by JMH), or {@code null} when rejected
   * @throws ParseException never for the fixture token
   * @throws JOSEException never for the fixture token
   */
  @Benchmark
  public String nimbusHs256ParseVerify() throws ParseException, JOSEException {
    SignedJWT parsed = SignedJWT.parse(jwt);
    if (!parsed.verify(nimbusVerifier)) {
      return null;
    }
    JWTClaimsSet claims = parsed.getJWTClaimsSet();
    Date exp = claims.getExpirationTime();
    if (exp == null || !exp.after(new Date()) || claims.getSubject() == null) {
      return null;
    }
    return claims.getStringClaim("scope");
  }

  /**
   * jjwt: parse, verify HS256 and check {@code exp} (jjwt checks it itself), read {@code sub} and {@code scope}.
   *
   * @return the scope (consumed by JMH), or {@code null} when rejected
   */
  @Benchmark
  public String jjwtHs256ParseVerify() {
    Claims claims = jjwtParser.parseSignedClaims(jwt).getPayload();
    if (claims.getSubject() == null) {
      return null;
    }
    return claims.get("scope", String.class);
  }
}
