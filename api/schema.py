"""What drf-spectacular needs to describe the API: the two ways in, and the one error
shape on every operation (docs/api.md, "Fouten")."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension

ERROR_SCHEMA = {
    "type": "object",
    "required": ["fout"],
    "properties": {
        "fout": {
            "type": "object",
            "required": ["code", "melding"],
            "properties": {
                "code": {"type": "string", "example": "niet_gevonden"},
                "melding": {"type": "string", "example": "Niet gevonden."},
                "velden": {
                    "type": "object",
                    "description": "Per veld de meldingen; 'algemeen' voor wat bij geen veld hoort.",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
            },
        }
    },
}
ERRORS = {
    "400": "De gegevens of filters zijn niet geldig (velden noemt de velden).",
    "401": "Geen, een onbekende, ingetrokken of verlopen API-sleutel.",
    "404": "Niet gevonden, of niet zichtbaar voor deze sleutel.",
    "405": "Deze methode is hier niet toegestaan.",
    "406": "Dit antwoordformaat wordt niet geleverd.",
    "429": "Te veel verzoeken met deze sleutel.",
}
WRITE_ERRORS = {
    "403": "Met de sessie van de webapplicatie: het CSRF-token ontbreekt of klopt niet.",
    "409": "Iemand anders heeft dit intussen gewijzigd.",
    "415": "Stuur de gegevens als JSON.",
    "422": "Deze Idempotency-Key is al gebruikt door een ander systeem of account.",
}


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ApiTokenAuthentication"
    name = "apiSleutel"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "Authorization: Bearer hh_…"}


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.SessionAuthentication"
    name = "sessie"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}


def add_error_responses(result, generator, request, public):
    """Postprocessing hook: the error shape under every error status an operation has."""
    result.setdefault("components", {}).setdefault("schemas", {})["Fout"] = ERROR_SCHEMA
    ref = {"$ref": "#/components/schemas/Fout"}
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            codes = dict(ERRORS)
            if method in ("post", "put", "patch", "delete"):
                codes |= WRITE_ERRORS
            responses = operation.setdefault("responses", {})
            for code, description in codes.items():
                responses.setdefault(
                    code,
                    {"description": description, "content": {"application/json": {"schema": ref}}},
                )
    return result
