// Herald's Swagger UI: the OpenAPI document of this Herald (/api-doc), not the WebJar's example on the internet
window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: "/api-doc",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: "StandaloneLayout",
    // no validator badge: it would send the document to validator.swagger.io
    validatorUrl: null
  });
};
