package dev.tokenkit.jdbi;

/** Client IPs as stored: address literals fit easily; anything longer is cut so a write never fails on it. */
final class ClientIps {
  static final int MAX = 128;

  private ClientIps() {}

  static String fit(String ip) {
    return ip == null || ip.length() <= MAX ? ip : ip.substring(0, MAX);
  }
}
