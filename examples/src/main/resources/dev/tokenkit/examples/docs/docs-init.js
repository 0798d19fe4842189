// Starts Swagger UI on the management API's OpenAPI document. A file of its own (not an inline script) so that
// /docs/ runs under the same Content-Security-Policy as the admin console (script-src 'self').
window.ui = SwaggerUIBundle({
  url: '/admin/api/openapi.json',
  dom_id: '#swagger-ui',
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
  validatorUrl: null,
  persistAuthorization: false
});
