"""The API's documentation page: Swagger UI from the vendored drf-spectacular-sidecar
assets (no CDN) and a static start script (no inline script, the site's CSP)."""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET


@require_GET
def api_docs(request):
    return render(request, "api/docs.html", {"schema_url": reverse("api:schema")})
