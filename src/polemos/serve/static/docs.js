// Swagger UI over this server's own OpenAPI document; everything is loaded from this server.
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
