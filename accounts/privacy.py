"""What counts as a targeted search (Wet politiegegevens art. 8), in one place.

Personal data older than WPG_BROWSE_LIMIT_DAYS may be reached only by a targeted
search ("gerichte zoekvraag"), never by browsing. A targeted search names exactly one
of these, typed in full:

- a record's reference number (``M-2026-000123``; a shorter number is padded),
- a full address with house number (``Kerkstraat 12A``), compared exactly after
  normalisation, never as a prefix,
- a person's name together with the date of birth,
- a company's KvK number (8 digits).

Everything else is browsing and reaches only records within the browse limit: free
text, one letter, a prefix, wildcards, a theme word, a period, sorting by oldest,
paging, a click-through from a dashboard, an export, and later the API. A targeted
search reaches older records only with a purpose (a short reason, such as a case
number), which the access log keeps with the search.

In ``accounts`` because every app that lists personal data uses it; it knows no
domain: each list decides which of its fields a targeted search compares, with
:func:`address_normalised` for addresses. See docs/privacy.md.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.db import transaction
from django.db.models import CharField, Func, Value
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

REFERENCE = "reference"
ADDRESS = "address"
PERSON = "person"
COMPANY = "company"

KIND_LABELS = {
    REFERENCE: _("kenmerk"),
    ADDRESS: _("adres"),
    PERSON: _("naam en geboortedatum"),
    COMPANY: _("KvK-nummer"),
}

PURPOSE_MIN_LENGTH = 3
PURPOSE_MAX_LENGTH = 200

_REFERENCE_RE = re.compile(r"^([A-Z]{1,3})-(\d{4})-(\d{1,8})$")
_KVK_RE = re.compile(r"^\d{8}$")
# After normalisation: a street (at least two letters in a row, no wildcard characters),
# one space, a house number, and optionally a letter suffix (12A) or an addition (12-2).
_ADDRESS_RE = re.compile(
    r"^(?=[^%_*?,;]*[^\W\d_]{2})[^%_*?,;]+ \d{1,5}([A-Z]{1,2}|-[A-Z0-9]{1,4})?$"
)

# The same three steps in Python and in SQL, so a typed address and a stored one meet.
_ADDRESS_STEPS = (
    (r"\s+", " "),  # runs of spaces (and tabs) become one space
    (r"(\d) ?- ?", r"\1-"),  # "12 - 2" -> "12-2"
    (r"(\d)[ -]([A-Z]{1,2})$", r"\1\2"),  # "12 a", "12-a" -> "12A"
)


def normalise_reference(text: str) -> str:
    """``m-2026-12`` -> ``M-2026-000012``; anything that is no reference comes back stripped."""
    value = "".join((text or "").split()).upper()
    match = _REFERENCE_RE.match(value)
    if not match:
        return value
    prefix, year, number = match.groups()
    return f"{prefix}-{year}-{int(number):06d}"


def is_reference(text: str) -> bool:
    return bool(_REFERENCE_RE.match(normalise_reference(text)))


def normalise_address(text: str) -> str:
    """Upper case, single spaces, the house-number suffix joined to the number."""
    value = (text or "").strip().upper()
    for pattern, replacement in _ADDRESS_STEPS:
        value = re.sub(pattern, replacement, value)
    return value.strip()


def is_full_address(text: str) -> bool:
    return bool(_ADDRESS_RE.match(normalise_address(text)))


def normalise_coc_number(text: str) -> str:
    return re.sub(r"[\s.]", "", text or "")


def is_coc_number(text: str) -> bool:
    return bool(_KVK_RE.match(normalise_coc_number(text)))


def normalise_name(text: str) -> str:
    """Who a name names, the one rule for the targeted search and the repeat offence
    (``enforcement.offenders.offender_key``): lower case without diacritics, spaces or
    punctuation, so 'Jan de Vriës' and 'JAN  DE VRIES' are one name:
    'Café  d’Ancona-Vriës' → 'cafedanconavries'. An initial is not a name
    ('J. de Vries' → 'jdevries')."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if ch.isalnum()).casefold()


def address_normalised(expression) -> Func:
    """SQL for :func:`normalise_address` on a column: compare with ``=``, never a prefix."""
    value = Upper(Func(expression, function="BTRIM", output_field=CharField()))
    for pattern, replacement in _ADDRESS_STEPS:
        # PostgreSQL's regexp_replace writes a back reference as \1, like Python.
        args = [value, Value(pattern), Value(replacement)]
        if pattern == r"\s+":
            args.append(Value("g"))
        value = Func(*args, function="REGEXP_REPLACE", output_field=CharField())
    return Func(value, function="BTRIM", output_field=CharField())


@dataclass(frozen=True)
class TargetedSearch:
    """One targeted search: what kind, and the normalised value to compare exactly."""

    kind: str
    value: str
    date_of_birth: dt.date | None = None

    def __str__(self) -> str:
        if self.kind == PERSON and self.date_of_birth:
            return f"{self.value}, {self.date_of_birth:%d-%m-%Y}"
        return self.value

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self.kind])

    def as_detail(self) -> dict:
        detail = {"kind": self.kind, "value": self.value}
        if self.date_of_birth:
            detail["date_of_birth"] = self.date_of_birth.isoformat()
        return detail


def targeted_search(
    *,
    text: str = "",
    name: str = "",
    date_of_birth: dt.date | None = None,
    kinds: frozenset[str] | set[str] = frozenset(KIND_LABELS),
) -> TargetedSearch | None:
    """The targeted search in what was typed, or None when it is browsing.

    ``text`` is one search box (a reference, a full address or a KvK number); ``name``
    with ``date_of_birth`` names a person. ``kinds`` are those the list can compare.
    """
    if PERSON in kinds and date_of_birth and len(normalise_name(name)) >= 2:
        return TargetedSearch(PERSON, normalise_name(name), date_of_birth)
    text = (text or "").strip()
    if not text:
        return None
    if REFERENCE in kinds and is_reference(text):
        return TargetedSearch(REFERENCE, normalise_reference(text))
    if COMPANY in kinds and is_coc_number(text):
        return TargetedSearch(COMPANY, normalise_coc_number(text))
    if ADDRESS in kinds and is_full_address(text):
        return TargetedSearch(ADDRESS, normalise_address(text))
    return None


def clean_purpose(text: str) -> str:
    """A purpose counts when it says something (a case number is enough)."""
    value = " ".join((text or "").split())[:PURPOSE_MAX_LENGTH]
    return value if len(value) >= PURPOSE_MIN_LENGTH else ""


def purpose_field() -> forms.CharField:
    """The form field every list with a targeted search shows for its purpose."""
    return forms.CharField(
        label=_("Doel van de zoekvraag"),
        required=False,
        max_length=PURPOSE_MAX_LENGTH,
        help_text=_("Nodig om gegevens ouder dan de bladergrens te zien, bijv. een zaaknummer."),
    )


@dataclass(frozen=True)
class Reach:
    """How far back one list request may reach."""

    search: TargetedSearch | None = None
    purpose: str = ""

    @property
    def older_allowed(self) -> bool:
        return self.search is not None and bool(self.purpose)

    @property
    def needs_purpose(self) -> bool:
        return self.search is not None and not self.purpose


def reach(search: TargetedSearch | None, purpose: str = "") -> Reach:
    return Reach(search=search, purpose=clean_purpose(purpose) if search else "")


def browse_limit_start() -> dt.datetime:
    """The oldest moment that browsing reaches (Wpg art. 8)."""
    return timezone.now() - dt.timedelta(days=settings.WPG_BROWSE_LIMIT_DAYS)


def browse_limit_date() -> dt.date:
    """The oldest day that browsing reaches, for records dated by day."""
    return timezone.localdate() - dt.timedelta(days=settings.WPG_BROWSE_LIMIT_DAYS)


def browse_context(reach: Reach, *, older_hidden: bool = False) -> dict:
    """What templates/accounts/_browse_limit_note.html needs, as ``browse``."""
    return {
        "reach": reach,
        "days": settings.WPG_BROWSE_LIMIT_DAYS,
        "start": browse_limit_start(),
        "older_hidden": older_hidden,
    }


def reach_search_logged(
    reach: Reach, *, actor, object_type: str, found, request=None, extra: dict | None = None
):
    """The access-log row of a list request's targeted search, if it made one, else None.

    ``found`` is what the request shows (a page of records), read only when logged."""
    if reach.search is None:
        return None
    return targeted_search_logged(
        actor=actor,
        object_type=object_type,
        search=reach.search,
        purpose=reach.purpose,
        found=[obj.pk for obj in found],
        older_included=reach.older_allowed,
        request=request,
        extra=extra,
    )


def targeted_search_logged(
    *,
    actor,
    object_type: str,
    search: TargetedSearch,
    purpose: str,
    found: list[int],
    older_included: bool,
    request=None,
    extra: dict | None = None,
):
    """A targeted search is itself processing of personal data: one access-log row, with
    the purpose in ``detail["purpose"]`` (the yearly audit reads it from there)."""
    from accounts.models import AccessLogEntry
    from accounts.services import access_log_record

    with transaction.atomic():
        return access_log_record(
            actor=actor,
            action=AccessLogEntry.Action.SEARCH,
            object_type=object_type,
            object_repr=f"{search.label}: {search}"[:200],
            detail={
                "targeted": search.as_detail(),
                "purpose": purpose,
                "older_included": older_included,
                "found": found[:100],
                "rows": len(found),
                **(extra or {}),
            },
            request=request,
        )
