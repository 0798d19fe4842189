package dev.tokenkit.servlet;

import jakarta.servlet.ServletContainerInitializer;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/** Embedded Jetty 12 (ee10) with its default URI compliance and error handling. */
final class JettyContainer implements ServletContainer {
  private final Server server = new Server();
  private final ServerConnector connector = new ServerConnector(server);
  private final ContextHandlerCollection contexts = new ContextHandlerCollection();

  JettyContainer() {
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(contexts);
  }

  @Override
  public void deploy(String contextPath, ServletContainerInitializer initializer, Map<Integer, String> errorPages) {
    ServletContextHandler context = new ServletContextHandler(contextPath.isEmpty() ? "/" : contextPath);
    context.addServletContainerInitializer(initializer);
    ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
    errorPages.forEach(errors::addErrorPage);
    context.setErrorHandler(errors);
    contexts.addHandler(context);
  }

  @Override
  public void start() throws Exception {
    server.start();
  }

  @Override
  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public String name() {
    return "Jetty " + Server.getVersion();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
