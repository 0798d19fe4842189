package dev.tokenkit.servlet.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenkit.Actor;
import dev.tokenkit.VerifiedToken;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;

/**
 * One authenticated management API call: the request, its path parameters, its JSON body and the acting caller.
 * Used by one thread.
 */
final class ApiCall {
  private final HttpServletRequest request;
  private final Map<String, String> params;
  private final Actor actor;
  private final VerifiedToken token;
  private final ObjectMapper mapper;
  private final JsonNode body;
  private final String mountPath;

  ApiCall(HttpServletRequest request, Map<String, String> params, Actor actor, VerifiedToken token,
      ObjectMapper mapper, JsonNode body, String mountPath) {
    this.token = token;
    this.mountPath = mountPath;
    this.request = request;
    this.params = Map.copyOf(params);
    this.actor = actor;
    this.mapper = mapper;
    this.body = body;
  }

  /** @return who acts, for the audit trail */
  Actor actor() {
    return actor;
  }

  /** @return the token the caller presented, or {@code null} for a host-authenticated caller */
  VerifiedToken token() {
    return token;
  }

  /** @return the context path plus servlet path, e.g. {@code /admin} */
  String mountPath() {
    return mountPath;
  }

  /** @return the JSON mapper */
  ObjectMapper mapper() {
    return mapper;
  }

  /**
   * A path parameter.
   *
   * @param name the template name, e.g. {@code id}
   * @return the decoded value
   */
  String param(String name) {
    String v = params.get(name);
    if (v == null) {
      throw new IllegalStateException("route has no parameter " + name);
    }
    return v;
  }

  /**
   * A query parameter; blank counts as absent.
   *
   * @param name the name
   * @return the value or {@code null}
   */
  String query(String name) {
    String v = request.getParameter(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  /**
   * The JSON body; an empty body reads as {@code {}}.
   *
   * @return the body object
   */
  ObjectNode body() {
    return body instanceof ObjectNode o ? o : mapper.createObjectNode();
  }
}
