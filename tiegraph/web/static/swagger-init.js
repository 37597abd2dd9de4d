// Swagger UI over this server's /openapi.json, served locally (no CDN, no inline script).
(function () {
  'use strict';
  var el = document.getElementById('swagger-ui');
  if (!el || typeof SwaggerUIBundle === 'undefined') return;
  window.ui = SwaggerUIBundle({ url: el.dataset.openapi, dom_id: '#swagger-ui', deepLinking: true });
})();
