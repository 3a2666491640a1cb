/* Swagger UI over the workspace's own OpenAPI schema (served locally, no CDN). */
"use strict";
window.SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: false });
