"""The Idempotency-Key header of the API's create endpoints, served by the offline
queue's mechanism (accounts.submissions): one record per (account, key), the first
answer again on a retry, the key refused when another token sent it."""

from __future__ import annotations

from django.utils.translation import gettext as _
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
            {IDEMPOTENCY_HEADER: [_("Gebruik hoogstens 255 leesbare tekens.")]}
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


class IdempotentCreate:
    """A view whose POST creates through :func:`once` (the offline queue's mechanism);
    flagged as accounts.submissions flags its create views, for the project's check
    that every create is guarded (tests/test_submission_once.py)."""

    @classmethod
    def as_view(cls, **initkwargs):
        view = super().as_view(**initkwargs)
        view.submission_once = True
        return view
