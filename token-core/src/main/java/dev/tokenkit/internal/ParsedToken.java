package dev.tokenkit.internal;

/**
 * A token that passed the format check: its prefix, id and ASCII bytes (for hashing).
 *
 * @param prefix the accepted prefix it carries
 * @param id the public id
 * @param bytes the whole token's ASCII bytes
 */
public record ParsedToken(String prefix, String id, byte[] bytes) {
  @Override
  public String toString() {
    return "ParsedToken[prefix=" + prefix + ", id=" + id + ", secret=redacted]";
  }
}
