package dev.tokenkit.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/**
 * A Spring Boot host application protected by TokenKit through Spring Security: no security configuration of its
 * own, so the starter's default chain applies. Settings in {@code application.properties}; on first start it prints
 * an admin token on a line beginning {@code ADMIN TOKEN: }.
 *
 * <pre>
 * ./mvnw -q -pl examples/spring-boot -am compile exec:java
 * curl -i localhost:8080/api/orders                        # 401 WWW-Authenticate: Bearer
 * curl -i localhost:8080/api/orders -H "Authorization: Bearer $ADMIN"
 * </pre>
 */
@SpringBootApplication
@EnableMethodSecurity
public class SampleApplication {
  /**
   * Starts the application.
   *
   * @param args Spring Boot arguments, e.g. {@code --server.port=9090}
   */
  public static void main(String[] args) {
    SpringApplication.run(SampleApplication.class, args);
  }
}
