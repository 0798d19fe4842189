package dev.tokenkit.servlet;

import jakarta.servlet.ServletContainerInitializer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.descriptor.web.ErrorPage;

/**
 * Embedded Tomcat 10.1 with its default connector settings, hardened as docs/token-servlet-filter.md recommends:
 * the error report valve shows neither the message nor the server version, because Tomcat's default report
 * repeats the rejected request line of requests it refuses before any filter runs.
 */
final class TomcatContainer implements ServletContainer {
  private final Tomcat tomcat = new Tomcat();
  private final Path baseDir;

  TomcatContainer() throws Exception {
    baseDir = Files.createTempDirectory("tomcat-test");
    tomcat.setBaseDir(baseDir.toString());
    tomcat.setHostname("127.0.0.1");
    tomcat.setPort(0);
    tomcat.getConnector().setProperty("address", "127.0.0.1");
    ErrorReportValve errors = new ErrorReportValve();
    errors.setShowReport(false);
    errors.setShowServerInfo(false);
    tomcat.getHost().getPipeline().addValve(errors);
  }

  /**
   * Lets TRACE through to filters and servlets. Tomcat's connector refuses TRACE itself by default
   * ({@code allowTrace="false"}); hosts that switch it on rely on the filter alone.
   *
   * @return this container
   */
  TomcatContainer allowingTrace() {
    tomcat.getConnector().setAllowTrace(true);
    return this;
  }

  @Override
  public void deploy(String contextPath, ServletContainerInitializer initializer, Map<Integer, String> errorPages) {
    Context context = tomcat.addContext(contextPath, baseDir.toString());
    context.addServletContainerInitializer(initializer, null);
    errorPages.forEach((code, location) -> {
      ErrorPage page = new ErrorPage();
      page.setErrorCode(code);
      page.setLocation(location);
      context.addErrorPage(page);
    });
  }

  @Override
  public void start() throws Exception {
    tomcat.start();
  }

  @Override
  public int port() {
    return tomcat.getConnector().getLocalPort();
  }

  @Override
  public String name() {
    return "Tomcat " + org.apache.catalina.util.ServerInfo.getServerNumber();
  }

  @Override
  public void close() throws Exception {
    tomcat.stop();
    tomcat.destroy();
  }
}
