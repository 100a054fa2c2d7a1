"""Read-only queries of violations: repeats, lists, the offence catalogue search."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from accounts import privacy
from enforcement import permissions as perms
from enforcement.models import Offence, Violation
from enforcement.offenders import offender_key
from enforcement.selectors.areas import area_with_descendants

SORTS = {
    "-date": ("-committed_on", "-id"),
    "date": ("committed_on", "id"),
    "reference": ("reference",),
    "-reference": ("-reference",),
    "offence": ("offence__code", "-committed_on"),
}


def offender_repeats(
    *,
    key: str,
    offence: Offence,
    on: dt.date,
    window_days: int,
    exclude_pk: int | None = None,
) -> list[Violation]:
    """Earlier violations by the same offender (``enforcement.offenders.offender_key``) in
    the offence's group (an offence without a group is a group of its own), within the
    window before ``on``. Of every team: the escalation is the offender's, not the team's."""
    if not key:
        return []
    since = on - dt.timedelta(days=window_days)
    qs = Violation.objects.filter(
        offender__match_key=key, committed_on__gte=since, committed_on__lte=on
    )
    if offence.group_id:
        qs = qs.filter(offence__group_id=offence.group_id)
    else:
        qs = qs.filter(offence_id=offence.pk)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return list(qs.select_related("offence", "intervention").order_by("-committed_on", "-id"))


def address_history(
    *,
    address: str,
    on: dt.date,
    window_days: int,
    not_key: str = "",
    exclude_pk: int | None = None,
    limit: int = 20,
) -> list[Violation]:
    """Earlier violations by others at the same address within the window: information
    for the boa ("eerder op dit adres"), never a reason to escalate."""
    if not address.strip():
        return []
    since = on - dt.timedelta(days=window_days)
    qs = Violation.objects.filter(
        address__iexact=address.strip(), committed_on__gte=since, committed_on__lte=on
    )
    if not_key:
        qs = qs.exclude(offender__match_key=not_key)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return list(
        qs.select_related("offence", "intervention").order_by("-committed_on", "-id")[:limit]
    )


def offence_search(*, q: str = "", limit: int = 50) -> QuerySet[Offence]:
    qs = Offence.objects.filter(active=True)
    for word in q.split()[:5]:
        qs = qs.filter(Q(code__istartswith=word) | Q(description__icontains=word))
    return qs.order_by("code")[:limit]


def browse_since() -> dt.date:
    """Oldest date that lists show without a targeted search (Wpg art. 8)."""
    return privacy.browse_limit_date()


def violation_search(
    *, user, q: str = "", person: str = "", date_of_birth: dt.date | None = None
) -> privacy.TargetedSearch | None:
    """The targeted search in a violation list request (accounts.privacy): a full reference
    in the search box; for roles that may see personal data, the offender's full address,
    KvK number, or name together with date of birth."""
    if perms.can_view_personal_data(user):
        found = privacy.targeted_search(
            text=person, name=person, date_of_birth=date_of_birth, kinds=PERSONAL_KINDS
        )
        if found is not None:
            return found
    return privacy.targeted_search(text=q, kinds={privacy.REFERENCE})


PERSONAL_KINDS = frozenset({privacy.ADDRESS, privacy.PERSON, privacy.COMPANY})


def _targeted_filter(qs: QuerySet, search: privacy.TargetedSearch) -> QuerySet:
    if search.kind == privacy.REFERENCE:
        return qs.filter(Q(reference=search.value) | Q(incident__reference=search.value))
    # Offenders are found by their identity key (enforcement.offenders), so the
    # targeted search and the repeat offence agree on who a person is.
    if search.kind == privacy.PERSON:
        key = offender_key(kind="person", name=search.value, date_of_birth=search.date_of_birth)
        return qs.filter(offender__match_key=key)
    if search.kind == privacy.COMPANY:
        # The number itself, not the key: a sole trader is registered as a person
        # and still has a KvK number.
        return qs.filter(offender__coc_number=search.value)
    return qs.annotate(
        address_key=privacy.address_normalised("address"),
        offender_address_key=privacy.address_normalised("offender__address"),
    ).filter(Q(address_key=search.value) | Q(offender_address_key=search.value))


def violation_list(
    *,
    user,
    intervention_id: int | None = None,
    theme_id: int | None = None,
    area_id: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    q: str = "",
    person: str = "",
    date_of_birth: dt.date | None = None,
    purpose: str = "",
    mine: bool = False,
    sort: str = "-date",
    older: bool | None = None,
) -> QuerySet[Violation]:
    """Visible violations. Older than WPG_BROWSE_LIMIT_DAYS only through a targeted search
    (``violation_search``) with a purpose. Anything else (words, a feitcode, a name
    without date of birth, a partial address) narrows the list within the limit.
    ``older=True`` drops the limit for the view's "are there older ones?" question."""
    qs = perms.violations_visible_to(user)
    search = violation_search(user=user, q=q, person=person, date_of_birth=date_of_birth)
    reach = privacy.reach(search, purpose)
    term = q.strip()
    person = person.strip() if perms.can_view_personal_data(user) else ""
    if search is not None:
        qs = _targeted_filter(qs, search)
    if term and (search is None or search.kind != privacy.REFERENCE):
        qs = qs.filter(
            Q(reference__iexact=term)
            | Q(incident__reference__iexact=term)
            | Q(offence__code__iexact=term)
            | Q(offence__description__icontains=term)
        )
    if person and (search is None or search.kind == privacy.REFERENCE):
        # Not a targeted search (a name without date of birth, a partial address):
        # an exact match, and only within the browse limit.
        qs = qs.filter(
            Q(offender__name__iexact=person)
            | Q(offender__address__iexact=person)
            | Q(address__iexact=person)
        )
    if not (reach.older_allowed if older is None else older):
        qs = qs.filter(committed_on__gte=browse_since())
    if intervention_id:
        qs = qs.filter(intervention_id=intervention_id)
    if theme_id:
        # The incident's theme, as the management figures count violations per theme.
        qs = qs.filter(incident__theme_id=theme_id)
    if area_id:
        # The incident's area, kept on the violation by the database (migration 0016).
        qs = qs.filter(area_id__in=area_with_descendants(area_id).values("pk"))
    if date_from:
        qs = qs.filter(committed_on__gte=date_from)
    if date_to:
        qs = qs.filter(committed_on__lte=date_to)
    if mine:
        qs = qs.filter(recorded_by=user)
    return qs.select_related("offence", "intervention", "incident", "recorded_by").order_by(
        *SORTS.get(sort, SORTS["-date"])
    )


def violation_detail(*, user, pk: int) -> Violation:
    from django.shortcuts import get_object_or_404

    qs = perms.violations_visible_to(user).select_related(
        "offence",
        "intervention",
        "proposed_intervention",
        "incident",
        "offender",
        "recorded_by",
        "strategy",
    )
    return get_object_or_404(qs, pk=pk)
