package dev.tokenkit.servlet.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI 3.1 document of the management API, a JSON resource shipped in the jar. Each response sets
 * {@code servers} to the servlet's mount so that tools such as Swagger UI call the right URLs. Thread-safe.
 */
final class OpenApiDocument {
  static final String RESOURCE = "/dev/tokenkit/servlet/admin/openapi.json";

  private final ObjectMapper mapper;
  private final ObjectNode document;

  OpenApiDocument(ObjectMapper mapper) {
    this.mapper = mapper;
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath; the jar is incomplete");
      }
      this.document = (ObjectNode) mapper.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /**
   * The document for one mount.
   *
   * @param mountPath the context path plus servlet path, e.g. {@code /admin}
   * @return a copy with {@code servers} set
   */
  ObjectNode forMount(String mountPath) {
    ObjectNode copy = document.deepCopy();
    copy.putArray("servers").addObject().put("url", mountPath.isEmpty() ? "/" : mountPath)
        .put("description", "this management API");
    return copy;
  }

  ObjectMapper mapper() {
    return mapper;
  }
}
