package dev.tokenkit.servlet.admin;

import java.net.URI;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** A real Jetty 12 (ee10) on a free loopback port with one root context that the test fills in. */
final class LocalJetty implements AutoCloseable {
  private final Server server;
  final HttpJson http;

  private LocalJetty(Server server, HttpJson http) {
    this.server = server;
    this.http = http;
  }

  static LocalJetty start(Consumer<ServletContextHandler> setup) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    setup.accept(context);
    server.setHandler(context);
    server.start();
    return new LocalJetty(server, new HttpJson(URI.create("http://127.0.0.1:" + connector.getLocalPort())));
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
