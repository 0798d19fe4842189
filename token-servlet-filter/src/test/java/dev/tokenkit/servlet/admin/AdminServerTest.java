package dev.tokenkit.servlet.admin;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh management servlet in real Jetty 12 for each test, with an HTTP client and an admin token. */
abstract class AdminServerTest {
  protected AdminTestServer server;
  protected HttpJson http;
  protected String admin;

  @BeforeEach
  void startServer() throws Exception {
    server = AdminTestServer.start();
    http = new HttpJson(server.base);
    admin = server.adminToken;
  }

  @AfterEach
  void stopServer() throws Exception {
    server.close();
  }
}
