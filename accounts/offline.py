"""The server's side of the offline queue (issue 15), kept domain-free.

A form that the device stored while there was no connection is sent later by
static/js/queue-core.js with the header ``X-HH-Offline: 1``. Such a request gets
JSON instead of a page: ``201 {"ok": true, "url": ...}`` when the record was
saved (or had been saved already under the same submission key, which
``accounts.submissions`` deduplicates: ``200``), and
``422 {"ok": false, "message": ..., "errors": {field: [...]}}`` when the server
refuses it. The device removes an item only on ``"ok": true``.

Pages a boa needs in the street are marked with :func:`offline_page`; the
service worker keeps a copy of those (and only those) per user.
"""

from __future__ import annotations

import datetime as dt
import functools

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import submissions

HEADER = "X-HH-Offline"
# Sent with HEADER when the page itself sends a form while it seems online (to learn
# whether the network holds): the answer is JSON, but the page shows the usual messages
# (a refusal: at the form's fields, without loading the page again).
LIVE_HEADER = "X-HH-Live"
CACHE_HEADER = "X-HH-Offline-Page"
USER_HEADER = "X-HH-User"
FUTURE_TOLERANCE = dt.timedelta(minutes=2)


def is_queued(request: HttpRequest) -> bool:
    """True for a form the device's queue sends (it wants JSON, not a page)."""
    return request.headers.get(HEADER) == "1"


def shows_messages(request: HttpRequest) -> bool:
    """True when the next page the boa sees should show the view's success message."""
    return not is_queued(request) or request.headers.get(LIVE_HEADER) == "1"


def offline_page(view=None, *, when=None):
    """Mark a page the service worker may keep for this user to open without a connection
    (``when(request)`` narrows it to some variants, e.g. a list of one's own records)."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if (
                request.method == "GET"
                and response.status_code == 200
                and request.user.is_authenticated
                and (when is None or when(request))
            ):
                response[CACHE_HEADER] = "1"
                response[USER_HEADER] = str(request.user.pk)
            return response

        return wrapper

    return decorate(view) if view is not None else decorate


def confirmed(
    request: HttpRequest, *, url: str, reference: str = "", created: bool = True, obj=None
) -> HttpResponse:
    """The record is on the server: JSON for the queue, the usual redirect otherwise.

    ``obj`` is what the submission created: recorded under its submission key
    (``accounts.submissions``), so a form queued after it can refer to it."""
    submissions.created(request, obj, url=url, label=reference)
    if is_queued(request):
        return JsonResponse(
            {"ok": True, "url": url, "reference": reference}, status=201 if created else 200
        )
    return redirect(url)


def form_errors(form) -> dict[str, list[str]]:
    """Error messages per field name as the browser knows them (prefixed for formsets)."""
    errors: dict[str, list[str]] = {}
    subforms = getattr(form, "forms", None)
    if subforms is not None:  # a formset
        for sub in subforms:
            for name, messages in sub.errors.items():
                key = sub.add_prefix(name) if name != "__all__" else "__all__"
                errors.setdefault(key, []).extend(messages)
        non_form = list(form.non_form_errors())
        if non_form:
            errors.setdefault("__all__", []).extend(non_form)
        return errors
    for name, messages in form.errors.items():
        key = form.add_prefix(name) if name != "__all__" else "__all__"
        errors.setdefault(key, []).extend(messages)
    return errors


def refused(
    request: HttpRequest, *, form=None, message: str = "", status: int = 422
) -> JsonResponse:
    """The server will not save this item: its messages, so the boa can correct the form.

    The page shows them at the form's fields: the form the boa just sent (a live submit)
    or the queued item opened again from the queue page."""
    if not message:
        live = request.headers.get(LIVE_HEADER) == "1"
        message = (
            _("Nog niet opgeslagen. Controleer de velden hieronder.")
            if live
            else _("De server heeft deze registratie niet opgeslagen.")
        )
    return JsonResponse(
        {
            "ok": False,
            "message": message,
            "errors": form_errors(form) if form is not None else {},
        },
        status=status,
    )


def max_age() -> dt.timedelta:
    return dt.timedelta(days=settings.OFFLINE_MAX_AGE_DAYS)


def check_recorded_at(value: dt.datetime) -> None:
    """When the boa pressed save on the device: not in the future, not days old."""
    now = timezone.now()
    if value > now + FUTURE_TOLERANCE:
        raise forms.ValidationError(
            _("Het tijdstip van vastleggen op het toestel ligt in de toekomst."), code="future"
        )
    if value < now - max_age():
        raise forms.ValidationError(
            _(
                "Dit is meer dan %(days)d dagen geleden op het toestel vastgelegd; "
                "registreer het opnieuw."
            )
            % {"days": settings.OFFLINE_MAX_AGE_DAYS},
            code="too_old",
        )


class RecordedAtField(forms.DateTimeField):
    """Hidden: the moment the form was stored on the device (ISO 8601 with offset)."""

    widget = forms.HiddenInput
    default_error_messages = {"invalid": gettext_lazy("Ongeldig tijdstip van vastleggen.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            parsed = value
        else:
            try:
                parsed = dt.datetime.fromisoformat(str(value).strip())
            except ValueError as exc:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc
        if timezone.is_naive(parsed):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed

    def validate(self, value):
        super().validate(value)
        if value is not None:
            check_recorded_at(value)


class RecordedAtForm(forms.Form):
    """The device time of a form without a form class of its own."""

    recorded_at = RecordedAtField()


def request_recorded_at(request: HttpRequest) -> tuple[dt.datetime | None, list[str]]:
    """(recorded_at, errors) of a POST, validated."""
    form = RecordedAtForm(request.POST)
    if form.is_valid():
        return form.cleaned_data["recorded_at"], []
    return None, [m for messages in form.errors.values() for m in messages]
