package dev.tokenkit.signature;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One signature chosen from a request's {@code Signature-Input} and {@code Signature} headers, with its parameters
 * checked for type. Immutable.
 */
final class SignatureInput {
  /** The longest nonce accepted (stores keep nonces up to this length). */
  static final int MAX_NONCE = 256;

  final String label;
  final List<String> components;
  final String serializedParams;
  final Long created;
  final Long expires;
  final String nonce;
  final String keyId;
  final String alg;
  final byte[] signature;

  private SignatureInput(String label, StructuredFields.InnerList list, byte[] signature) {
    this.label = label;
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (StructuredFields.Item item : list.items()) {
      if (!(item.value() instanceof String name) || !item.params().isEmpty()) {
        throw new IllegalArgumentException("component identifiers are strings without parameters");
      }
      if (!name.equals(name.toLowerCase(Locale.ROOT)) || name.isEmpty()) {
        throw new IllegalArgumentException("component names are lowercase");
      }
      if (!seen.add(name)) {
        throw new IllegalArgumentException("duplicate component");
      }
      names.add(name);
    }
    this.components = List.copyOf(names);
    Map<String, Object> p = list.params();
    this.created = typed(p, "created", Long.class);
    this.expires = typed(p, "expires", Long.class);
    this.nonce = typed(p, "nonce", String.class);
    this.keyId = typed(p, "keyid", String.class);
    this.alg = typed(p, "alg", String.class);
    if (nonce != null && (nonce.isEmpty() || nonce.length() > MAX_NONCE)) {
      throw new IllegalArgumentException("a nonce has 1 to " + MAX_NONCE + " characters");
    }
    this.serializedParams = StructuredFields.serialize(list);
    this.signature = signature;
  }

  private static <T> T typed(Map<String, Object> params, String key, Class<T> type) {
    Object v = params.get(key);
    if (v == null) {
      return null;
    }
    if (!type.isInstance(v)) {
      throw new IllegalArgumentException("parameter " + key + " has the wrong type");
    }
    return type.cast(v);
  }

  /**
   * Chooses the signature to check: the first label in {@code Signature-Input} whose {@code keyid} is the
   * required one.
   *
   * @return the signature, or {@code null} when no label names the key
   * @throws IllegalArgumentException when the headers or the chosen member are malformed
   */
  static SignatureInput choose(List<String> inputLines, List<String> signatureLines, String requiredKeyId) {
    Map<String, Object> inputs = StructuredFields.parseDictionary(inputLines);
    Map<String, Object> signatures = StructuredFields.parseDictionary(signatureLines);
    for (Map.Entry<String, Object> e : inputs.entrySet()) {
      if (e.getValue() instanceof StructuredFields.InnerList list
          && requiredKeyId.equals(list.params().get("keyid"))) {
        Object sig = signatures.get(e.getKey());
        if (!(sig instanceof StructuredFields.Item item) || !(item.value() instanceof byte[] bytes)) {
          throw new IllegalArgumentException("no Signature member for the label");
        }
        return new SignatureInput(e.getKey(), list, bytes);
      }
    }
    return null;
  }
}
