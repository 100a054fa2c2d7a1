"""The REST API's framework settings (api/, docs/api.md), read by config.settings:
Django REST framework (token or session, one Dutch error shape, cursor pagination, a rate
limit per token) and drf-spectacular's schema (assets from the sidecar package)."""


def rest_framework(*, rate: str, page_size: int) -> dict:
    return {
        "DEFAULT_AUTHENTICATION_CLASSES": [
            "api.authentication.ApiTokenAuthentication",
            "api.authentication.SessionAuthentication",
        ],
        "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
        "DEFAULT_THROTTLE_CLASSES": ["api.throttling.TokenRateThrottle"],
        "DEFAULT_THROTTLE_RATES": {"token": rate},
        "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
        "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
        "DEFAULT_PAGINATION_CLASS": "api.pagination.Cursor",
        "PAGE_SIZE": page_size,
        "EXCEPTION_HANDLER": "api.errors.exception_handler",
        "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
        "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    }


SPECTACULAR_SETTINGS = {
    "TITLE": "Handhaving OOV API",
    "DESCRIPTION": "REST-API voor systemen van de gemeente en partners (docs/api.md).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "IncidentStatusEnum": "enforcement.models.Incident.Status",
        "CaseStatusEnum": "cases.models.CaseStatus",
    },
}
