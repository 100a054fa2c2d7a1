"""The Idempotency-Key header of the API's create endpoints, served by the offline
queue's mechanism (accounts.submissions): one record per (account, key), the first
answer again on a retry, the key refused when another token sent it."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions

from accounts.submissions import IDEMPOTENCY_HEADER, KeyReused, api_submission_once, idempotency_key
from api import errors

IDEMPOTENCY_PARAMETER = OpenApiParameter(
    IDEMPOTENCY_HEADER,
    str,
    location=OpenApiParameter.HEADER,
    required=False,
    description="Eigen sleutel van dit verzoek (bijv. een UUID): een herhaling met dezelfde "
    "sleutel maakt niets nieuws en geeft het eerste antwoord terug.",
)


def once(request, *, create, replay):
    try:
        key = idempotency_key(request.headers.get(IDEMPOTENCY_HEADER))
    except ValueError:
        raise exceptions.ValidationError(
            {IDEMPOTENCY_HEADER: ["Gebruik hoogstens 255 leesbare tekens."]}
        ) from None
    token = request.auth if getattr(request.auth, "pk", None) else None
    try:
        return api_submission_once(
            user=request.user,
            token=token,
            key=key,
            path=request.path,
            create=create,
            replay=replay,
        )
    except KeyReused:
        raise errors.KeyReused from None
