package dev.tokenkit.servlet.leaks;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** PEM ECDSA P-256 public keys. Stateless. */
final class EcKeys {
  private EcKeys() {}

  /**
   * Parses a {@code -----BEGIN PUBLIC KEY-----} text.
   *
   * @param id the key identifier, for the message
   * @param pem the text
   * @return the key
   * @throws IllegalArgumentException when it is not an ECDSA P-256 public key
   */
  static PublicKey parse(String id, String pem) {
    if (pem == null) {
      throw new IllegalArgumentException("Key '" + id + "' has no PEM text; give the 'key' of GitHub's document");
    }
    String body = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
        .replaceAll("\\s", "");
    try {
      PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder()
          .decode(body)));
      if (key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == 256) {
        return key;
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("Key '" + id + "' is not a PEM ECDSA public key (-----BEGIN PUBLIC KEY-----"
          + " with base64 DER); copy the 'key' value of GitHub's public-keys document", e);
    }
    throw new IllegalArgumentException("Key '" + id + "' is not an ECDSA P-256 key; GitHub signs with P-256");
  }
}
