"""Read-only queries of violations: repeats, lists, the offence catalogue search."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from enforcement import permissions as perms
from enforcement.models import Offence, Violation

SORTS = {
    "-date": ("-committed_on", "-id"),
    "date": ("committed_on", "id"),
    "reference": ("reference",),
    "-reference": ("-reference",),
    "offence": ("offence__code", "-committed_on"),
}


def repeat_violations(
    *,
    name: str = "",
    date_of_birth: dt.date | None = None,
    coc_number: str = "",
    offender_address: str = "",
    address: str = "",
    on: dt.date | None = None,
    exclude_pk: int | None = None,
) -> list[Violation]:
    """Earlier violations by the same person (name + date of birth) or company (CoC
    number), or at the same address, within settings.REPEAT_OFFENCE_WINDOW_DAYS."""
    on = on or timezone.localdate()
    since = on - dt.timedelta(days=settings.REPEAT_OFFENCE_WINDOW_DAYS)
    match = Q()
    if name.strip() and date_of_birth:
        match |= Q(offender__name__iexact=name.strip(), offender__date_of_birth=date_of_birth)
    if coc_number.strip():
        match |= Q(offender__coc_number=coc_number.strip())
    if offender_address.strip():
        match |= Q(offender__address__iexact=offender_address.strip())
    if address.strip():
        match |= Q(address__iexact=address.strip())
    if not match:
        return []
    qs = Violation.objects.filter(match, committed_on__gte=since, committed_on__lte=on)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return list(qs.select_related("offence", "intervention").order_by("-committed_on", "-id")[:20])


def offence_search(*, q: str = "", limit: int = 50) -> QuerySet[Offence]:
    qs = Offence.objects.filter(active=True)
    for word in q.split()[:5]:
        qs = qs.filter(Q(code__istartswith=word) | Q(description__icontains=word))
    return qs.order_by("code")[:limit]


def browse_since() -> dt.date:
    """Oldest date that lists show without a targeted search (Wpg art. 8)."""
    return timezone.localdate() - dt.timedelta(days=settings.WPG_BROWSE_LIMIT_DAYS)


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
    mine: bool = False,
    sort: str = "-date",
) -> QuerySet[Violation]:
    """Visible violations. Older than WPG_BROWSE_LIMIT_DAYS only through a targeted search:
    an exact reference number, or (for roles that may see personal data) the offender's
    exact name, address or CoC number."""
    qs = perms.violations_visible_to(user)
    term = q.strip()
    person = person.strip() if perms.can_view_personal_data(user) else ""
    targeted = False
    if term:
        by_reference = Q(reference__iexact=term) | Q(incident__reference__iexact=term)
        targeted = Violation.objects.filter(by_reference).exists()
        qs = qs.filter(
            by_reference | Q(offence__code__iexact=term) | Q(offence__description__icontains=term)
        )
    if person:
        targeted = True
        qs = qs.filter(
            Q(offender__name__iexact=person)
            | Q(offender__address__iexact=person)
            | Q(offender__coc_number=person)
            | Q(address__iexact=person)
        )
    if not targeted:
        qs = qs.filter(committed_on__gte=browse_since())
    if intervention_id:
        qs = qs.filter(intervention_id=intervention_id)
    if theme_id:
        # The incident's theme, as the management figures count violations per theme.
        qs = qs.filter(incident__theme_id=theme_id)
    if area_id:
        qs = qs.filter(incident__area_id=area_id)
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
        "offence", "intervention", "proposed_intervention", "incident", "offender", "recorded_by"
    )
    return get_object_or_404(qs, pk=pk)
