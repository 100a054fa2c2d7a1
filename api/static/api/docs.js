// Starts Swagger UI on the API documentation page (api/templates/api/docs.html).
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || !window.SwaggerUIBundle) {
    return;
  }
  window.SwaggerUIBundle({
    url: root.getAttribute("data-schema-url"),
    domNode: root,
    deepLinking: true,
    // No requests to validator.swagger.io (the site's CSP allows only its own origin).
    validatorUrl: null,
  });
})();
