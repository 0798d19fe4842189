package dev.tokenkit.servlet.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenkit.TokenService;
import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.servlet.internal.ProblemTypes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The served OpenAPI 3.1 document matches the servlet's router exactly, and is internally consistent. */
class OpenApiDocumentTest {
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  private static AdminTestServer server;
  private static JsonNode doc;

  @BeforeAll
  static void load() throws Exception {
    server = AdminTestServer.start();
    doc = new HttpJson(server.base).get("/admin/api/openapi.json", null).json();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static Set<String> served() {
    ManagementServlet servlet = ManagementServlet.builder(server.tokens).build();
    Set<String> out = new TreeSet<>();
    servlet.routes().forEach(r -> out.add(r.method() + " " + r.template()));
    return out;
  }

  private static Set<String> documented() {
    Set<String> out = new TreeSet<>();
    doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
      if (METHODS.contains(m)) {
        out.add(m.toUpperCase() + " " + p.getKey());
      }
    }));
    return out;
  }

  @Test
  void everyServedRouteIsDocumented() {
    Set<String> missing = new TreeSet<>(served());
    missing.removeAll(documented());
    assertThat(missing).as("routes served but not in openapi.json").isEmpty();
  }

  @Test
  void everyDocumentedRouteIsServed() {
    Set<String> extra = new TreeSet<>(documented());
    extra.removeAll(served());
    assertThat(extra).as("routes in openapi.json that the servlet does not serve").isEmpty();
    assertThat(documented()).hasSizeGreaterThanOrEqualTo(15);
  }

  @Test
  void theDocumentIsOpenApi31WithUniqueOperationIdsAndErrorResponses() {
    assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
    Set<String> ids = new HashSet<>();
    doc.get("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(m -> {
      if (!METHODS.contains(m.getKey())) {
        return;
      }
      JsonNode op = m.getValue();
      String where = m.getKey() + " " + p.getKey();
      assertThat(ids.add(op.get("operationId").asText())).as("unique operationId at %s", where).isTrue();
      List<String> codes = new ArrayList<>();
      op.get("responses").fieldNames().forEachRemaining(codes::add);
      assertThat(codes).as("responses of %s", where).anyMatch(c -> c.startsWith("2"));
      if (!p.getKey().equals(ManagementServlet.OPENAPI_PATH)) {
        assertThat(codes).as("responses of %s", where).contains("401", "403");
      }
      if (m.getKey().equals("post") || m.getKey().equals("patch")) {
        assertThat(codes).as("responses of %s", where).contains("415");
      }
    }));
  }

  @Test
  void everyPathParameterIsDeclared() {
    Pattern param = Pattern.compile("\\{([^}]+)}");
    doc.get("paths").fields().forEachRemaining(p -> {
      Matcher m = param.matcher(p.getKey());
      while (m.find()) {
        String name = m.group(1);
        boolean declared = false;
        for (JsonNode prm : p.getValue().path("parameters")) {
          JsonNode resolved = prm.has("$ref") ? resolve(prm.get("$ref").asText()) : prm;
          declared |= name.equals(resolved.path("name").asText()) && "path".equals(resolved.path("in").asText());
        }
        assertThat(declared).as("parameter %s of %s", name, p.getKey()).isTrue();
      }
    });
  }

  @Test
  void everyReferenceResolves() {
    List<String> refs = new ArrayList<>();
    collectRefs(doc, refs);
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(resolve(ref).isMissingNode()).as("unresolved $ref %s", ref).isFalse();
    }
  }

  private static JsonNode resolve(String ref) {
    assertThat(ref).startsWith("#/");
    return doc.at(ref.substring(1));
  }

  private static void collectRefs(JsonNode n, List<String> out) {
    if (n.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = n.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals("$ref")) {
          out.add(e.getValue().asText());
        } else {
          collectRefs(e.getValue(), out);
        }
      }
    } else if (n.isArray()) {
      n.forEach(c -> collectRefs(c, out));
    }
  }

  @Test
  void theRouterIsTheSameForEveryBuilderConfiguration() {
    ManagementServlet bare = ManagementServlet.builder(TokenService.builder().store(new InMemoryTokenStore()).build())
        .build();
    Set<String> routes = new TreeSet<>();
    bare.routes().forEach(r -> routes.add(r.method() + " " + r.template()));
    assertThat(routes).isEqualTo(served());
  }

  @Test
  void theDocumentedProblemTypeIsTheOneServedByTheApiAndTheFilter() {
    Pattern type = Pattern.compile(doc.at("/components/schemas/Problem/properties/type/pattern").asText());
    HttpJson http = new HttpJson(server.base);
    String unauthorized = http.get("/admin/api/tokens", null).json().get("type").asText();
    String notFound = http.get("/admin/api/tokens/nope", server.adminToken).json().get("type").asText();
    assertThat(List.of(unauthorized, notFound, ProblemTypes.of("ambiguous-path")))
        .allSatisfy(t -> assertThat(type.matcher(t).matches()).as(t).isTrue());
    assertThat(unauthorized).isEqualTo("urn:tokenkit:problem:unauthorized");
  }
}
