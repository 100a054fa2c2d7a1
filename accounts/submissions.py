"""One create, however often the form is sent (issue 10 finding 7, issue 15).

Every create form carries a submission key, issued with the form
(``{% submission_key %}``, a hidden field). A create view decorated with
:func:`submission_once` claims ``(user, key)`` in the same transaction in which it
saves the record; a second POST with the same key (a double tap, the browser
resending, the device's offline queue sent again, or two requests racing) waits
for the first, then gets the first answer again: a redirect to the same record
(JSON for the offline queue) instead of a second record. A submission that did
not create anything (a form with errors, a refusal) gives its key back.

The same table tells a queued form which record an earlier queued form created
(:func:`submission_object`): a violation on an incident that waited on the device,
the end of a shift whose start waited.

A key is kept only as long as a form with it can still arrive (:func:`retention`); the
daily beat job ``accounts.tasks.submissions_delete_expired`` deletes older ones.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid

from django import forms
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Submission

FIELD = "submission_key"
_CREATED = "_submission_created"
DELETE_BATCH = 5000


class _KeyForm(forms.Form):
    submission_key = forms.UUIDField(required=False)


def request_key(request: HttpRequest) -> uuid.UUID | None:
    """The POST's submission key, validated (None when absent or not a UUID)."""
    form = _KeyForm(request.POST)
    return form.cleaned_data[FIELD] if form.is_valid() else None


def new_key() -> str:
    return str(uuid.uuid4())


def created(request: HttpRequest, obj=None, *, url: str = "", label: str = "") -> None:
    """Tell :func:`submission_once` what this submission created (and where it is shown).

    Needed where the view does not answer with a redirect (an htmx fragment), and
    wherever a later queued form looks the record up by this key."""
    setattr(request, _CREATED, {"obj": obj, "url": url, "label": label})


def submission_object(*, user, key: uuid.UUID | None, model):
    """The ``model`` record that ``user``'s submission with ``key`` created, or None."""
    if key is None or not getattr(user, "is_authenticated", False):
        return None
    done = (
        Submission.objects.filter(
            user=user, key=key, content_type=ContentType.objects.get_for_model(model)
        )
        .values_list("object_id", flat=True)
        .first()
    )
    return model._default_manager.filter(pk=done).first() if done is not None else None


def _is_queued(request: HttpRequest) -> bool:
    from accounts import offline  # offline builds on this module

    return offline.is_queued(request)


def _is_json(response: HttpResponse) -> bool:
    return response.get("Content-Type", "").startswith("application/json")


def _succeeded(request: HttpRequest, response: HttpResponse) -> bool:
    if getattr(request, _CREATED, None) is not None:
        return True
    if 300 <= response.status_code < 400 and response.has_header("Location"):
        return True
    if response.has_header("HX-Redirect"):
        return True
    return _is_queued(request) and response.status_code in (200, 201) and _is_json(response)


def _replay(request: HttpRequest, done: Submission) -> HttpResponse:
    from accounts import offline  # offline builds on this module

    url = done.url or request.path
    if offline.shows_messages(request):
        messages.info(request, _("Dit formulier was al verstuurd; het is één keer opgeslagen."))
    if offline.is_queued(request):
        return JsonResponse({"ok": True, "url": url, "reference": done.label}, status=200)
    if request.headers.get("HX-Request"):
        response = HttpResponse("")
        response["HX-Redirect"] = url
        return response
    return redirect(url)


def _record(claim: Submission, info: dict, response) -> None:
    obj = info.get("obj")
    claim.url = (info.get("url") or (response.get("Location") if response else "") or "")[:500]
    if not claim.url and response is not None and response.has_header("HX-Redirect"):
        claim.url = response["HX-Redirect"][:500]
    claim.label = str(info.get("label") or "")[:100]
    if obj is not None and obj.pk is not None:
        claim.content_type = ContentType.objects.get_for_model(type(obj))
        claim.object_id = obj.pk
    claim.save(update_fields=["url", "label", "content_type", "object_id"])


def _once(*, user, key: uuid.UUID, path: str, run, replay, token=None):
    """Claim ``(user, key)``, then ``run()`` -> ``(response, info or None)``; a claimed key
    gets ``replay(done)`` instead. ``info`` None: nothing was created, the key is given back."""
    with transaction.atomic():
        try:
            # A second request with this key waits here until the first commits
            # (then: replay) or rolls back (then: it goes ahead itself).
            with transaction.atomic():
                claim = Submission.objects.create(user=user, key=key, path=path[:300], token=token)
        except IntegrityError:
            return replay(Submission.objects.get(user=user, key=key))
        response, info = run()
        if info is None:
            claim.delete()
            return response
        _record(claim, info, response)
        return response


def submission_once(view):
    """Decorate a create view: one record per (user, submission key), the first answer again."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if request.method != "POST" or not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        key = request_key(request)
        if key is None:
            return view(request, *args, **kwargs)

        def run():
            response = view(request, *args, **kwargs)
            if not _succeeded(request, response):
                return response, None
            return response, getattr(request, _CREATED, None) or {}

        return _once(
            user=request.user,
            key=key,
            path=request.path,
            run=run,
            replay=lambda done: _replay(request, done),
        )

    wrapper.submission_once = True
    return wrapper


def retention() -> dt.timedelta:
    """How long a claimed key is kept: the longest time a device may hold a form.

    The server refuses a device time older than ``OFFLINE_MAX_AGE_DAYS``
    (``accounts.offline.max_age``), and a device clock may run ahead by
    ``FUTURE_TOLERANCE``. A form sent again after this has its device time refused
    anyway, so its key can no longer prevent a second record."""
    from accounts import offline  # offline builds on this module

    return offline.max_age() + offline.FUTURE_TOLERANCE


def submissions_delete_expired(*, batch_size: int = DELETE_BATCH) -> int:
    """Delete the keys older than :func:`retention`; returns how many.

    In batches of ``batch_size``, each its own short transaction, so the claims of
    forms arriving meanwhile never wait on a long delete. Running it twice is harmless."""
    cutoff = timezone.now() - retention()
    deleted = 0
    while True:
        batch = list(
            Submission.objects.filter(created_at__lt=cutoff)
            .order_by()
            .values_list("pk", flat=True)[:batch_size]
        )
        if not batch:
            return deleted
        with transaction.atomic():
            Submission.objects.filter(pk__in=batch).delete()
        deleted += len(batch)
        if len(batch) < batch_size:
            return deleted


# --- the API's Idempotency-Key (api/, docs/api.md) ------------------------------------

IDEMPOTENCY_HEADER = "Idempotency-Key"
_IDEMPOTENCY_NAMESPACE = uuid.UUID("6f1f3a52-6c1e-4a8e-9a57-3d4c8f0b7e21")


class KeyReused(Exception):
    """The Idempotency-Key was used by another token or account: refused, never replayed."""


def idempotency_key(value: str | None) -> uuid.UUID | None:
    """The header as a submission key: a UUID as it is, any other text (1-255 printable
    characters) mapped to one; None when absent. ValueError when unusable."""
    value = (value or "").strip()
    if not value:
        return None
    if len(value) > 255 or not value.isprintable():
        raise ValueError(value)
    try:
        return uuid.UUID(value)
    except ValueError:
        return uuid.uuid5(_IDEMPOTENCY_NAMESPACE, value)


def api_submission_once(*, user, token, key: uuid.UUID | None, path: str, create, replay):
    """An API create, once per key: ``create()`` -> ``(response, obj or None)``;
    a retry with the same key gets ``replay(obj)`` (the first record, never a second).
    The same key from another token (or account) raises KeyReused."""
    if key is None:
        return create()[0]
    if Submission.objects.filter(key=key).exclude(user=user).exists():
        raise KeyReused

    def run():
        response, obj = create()
        return response, (None if obj is None else {"obj": obj})

    def again(done: Submission):
        if done.token_id != getattr(token, "pk", None):
            raise KeyReused
        obj = None
        if done.content_type_id is not None:
            model = done.content_type.model_class()
            obj = model._default_manager.filter(pk=done.object_id).first()
        return replay(obj)

    return _once(user=user, key=key, path=path, run=run, replay=again, token=token)
