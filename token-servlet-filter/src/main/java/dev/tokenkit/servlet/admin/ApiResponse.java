package dev.tokenkit.servlet.admin;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON response: status, optional body and optional {@code Location}.
 *
 * @param status the HTTP status
 * @param body the JSON body, or {@code null} for none (204)
 * @param location a path below the mount for the {@code Location} header, or {@code null}
 */
record ApiResponse(int status, JsonNode body, String location) {
  static ApiResponse ok(JsonNode body) {
    return new ApiResponse(200, body, null);
  }

  static ApiResponse created(JsonNode body, String location) {
    return new ApiResponse(201, body, location);
  }

  static ApiResponse noContent() {
    return new ApiResponse(204, null, null);
  }
}
