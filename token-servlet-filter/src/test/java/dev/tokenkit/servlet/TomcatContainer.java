package dev.tokenkit.servlet;

import jakarta.servlet.ServletContainerInitializer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ErrorPage;

/** Embedded Tomcat 10.1 with its default connector settings. */
final class TomcatContainer implements ServletContainer {
  private final Tomcat tomcat = new Tomcat();
  private final Path baseDir;

  TomcatContainer() throws Exception {
    baseDir = Files.createTempDirectory("tomcat-test");
    tomcat.setBaseDir(baseDir.toString());
    tomcat.setHostname("127.0.0.1");
    tomcat.setPort(0);
    tomcat.getConnector().setProperty("address", "127.0.0.1");
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
