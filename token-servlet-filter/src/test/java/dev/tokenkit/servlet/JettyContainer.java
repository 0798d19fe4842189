package dev.tokenkit.servlet;

import jakarta.servlet.ServletContainerInitializer;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * Embedded Jetty 12 (ee10) with its default URI compliance, hardened as docs/token-servlet-filter.md recommends:
 * the server-level error handler (requests the container rejects before any filter runs) writes fixed text,
 * because Jetty's default error page repeats the request URI.
 */
final class JettyContainer implements ServletContainer {
  private final Server server = new Server();
  private final ServerConnector connector = new ServerConnector(server);
  private final ContextHandlerCollection contexts = new ContextHandlerCollection();

  JettyContainer() {
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(contexts);
    server.setErrorHandler(new FixedTextErrorHandler());
  }

  /** Answers container-level errors with the status only. */
  static final class FixedTextErrorHandler extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
        Callback callback) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
      response.write(true, BufferUtil.toBuffer("HTTP error " + code + "\n"), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
      fields.put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
      return BufferUtil.toBuffer("HTTP error " + status + "\n");
    }
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
