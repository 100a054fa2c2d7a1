"""Read-only queries on incidents: the filtered list, nearby history, recent use."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery
from django.db.models import Q, QuerySet
from django.db.models.functions import Upper
from django.utils import timezone

from accounts import privacy
from accounts.roles import Capability as C
from accounts.roles import has_capability
from enforcement import extensions, geo, permissions
from enforcement.models import Incident, Violation
from enforcement.selectors.areas import area_with_descendants

SORTS = {
    "-occurred_at": ("-occurred_at", "-id"),
    "occurred_at": ("occurred_at", "id"),
    "-priority": ("-priority", "-occurred_at", "-id"),
    "reference": ("reference",),
    "-reference": ("-reference",),
}
DEFAULT_SORT = "-occurred_at"
# What an incident list can compare exactly: its reference and its address.
TARGETED_KINDS = frozenset({privacy.REFERENCE, privacy.ADDRESS})


@dataclass
class IncidentFilter:
    theme_id: int | None = None
    area_id: int | None = None
    status: str = ""
    source: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    scope: str = ""  # "", "mine", "team"
    q: str = ""
    address: str = ""
    sort: str = DEFAULT_SORT
    purpose: str = ""

    @property
    def search(self) -> privacy.TargetedSearch | None:
        """The targeted search in the address field or the search box (accounts.privacy)."""
        return privacy.targeted_search(
            text=self.address, kinds=TARGETED_KINDS
        ) or privacy.targeted_search(text=self.q, kinds=TARGETED_KINDS)

    @property
    def reach(self) -> privacy.Reach:
        return privacy.reach(self.search, self.purpose)

    @property
    def targeted(self) -> bool:
        return self.search is not None

    def as_detail(self) -> dict:
        return {
            k: (v.isoformat() if isinstance(v, dt.date) else v)
            for k, v in self.__dict__.items()
            if v not in (None, "")
        }


browse_limit_start = privacy.browse_limit_start


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _visible_for_list(user) -> QuerySet:
    """``incidents_visible_to(user)`` written so the planner can use the team indexes.

    For a team member "own team OR reported/registered by me" equals "own team OR
    one of my few incidents outside the team"; without the OR on user columns,
    PostgreSQL walks (team, theme, occurred_at) in order and stops at the page.
    """
    if (
        not user.team_id
        or has_capability(user, C.INCIDENT_VIEW_ALL)
        or not has_capability(user, C.INCIDENT_VIEW_TEAM)
    ):
        return permissions.incidents_visible_to(user)
    outside = Incident.objects.exclude(team_id=user.team_id)
    extra_ids = list(
        outside.filter(reported_by=user)
        .values_list("pk", flat=True)
        .union(outside.filter(registered_by=user).values_list("pk", flat=True))
    )
    where = Q(team_id=user.team_id)
    if extra_ids:
        where |= Q(pk__in=extra_ids)
    return Incident.objects.filter(where)


def _targeted_filter(qs: QuerySet, search: privacy.TargetedSearch) -> QuerySet:
    if search.kind == privacy.REFERENCE:
        return qs.filter(reference=search.value)
    return qs.annotate(address_key=privacy.address_normalised("address")).filter(
        address_key=search.value
    )


def incident_list(*, user, filters: IncidentFilter, older: bool | None = None) -> QuerySet:
    """Incidents ``user`` may see that match ``filters``, sorted, not yet paginated.

    Records older than WPG_BROWSE_LIMIT_DAYS only for a targeted search with a purpose
    (accounts.privacy; Wpg art. 8: no browsing of old data). ``older=True`` drops the
    limit for one question the view asks ("are there older ones?"), never for a list.
    """
    qs = _visible_for_list(user)
    f = filters
    search = f.search
    if f.theme_id:
        qs = qs.filter(theme_id=f.theme_id)
    if f.area_id:
        qs = qs.filter(area_id__in=area_with_descendants(f.area_id).values("pk"))
    if f.status:
        qs = qs.filter(status=f.status)
    if f.source:
        qs = qs.filter(source=f.source)
    if f.date_from:
        qs = qs.filter(occurred_at__gte=_day_start(f.date_from))
    if f.date_to:
        qs = qs.filter(occurred_at__lt=_day_start(f.date_to + dt.timedelta(days=1)))
    if f.scope == "mine":
        qs = qs.filter(Q(reported_by=user) | Q(registered_by=user))
    elif f.scope == "team":
        qs = qs.filter(team_id=user.team_id) if user.team_id else qs.none()
    if search is not None:
        qs = _targeted_filter(qs, search)
    # Words and a partial address are browsing: they narrow the list within the limit.
    if f.q.strip() and privacy.targeted_search(text=f.q, kinds=TARGETED_KINDS) is None:
        qs = qs.filter(
            search_vector=SearchQuery(f.q.strip(), config="dutch", search_type="websearch")
        )
    if f.address.strip() and privacy.targeted_search(text=f.address, kinds=TARGETED_KINDS) is None:
        qs = qs.filter(address__istartswith=f.address.strip())
    if not (f.reach.older_allowed if older is None else older):
        qs = qs.filter(occurred_at__gte=browse_limit_start())
    return qs.select_related("theme", "category", "area", "reported_by").order_by(
        *SORTS.get(f.sort, SORTS[DEFAULT_SORT])
    )


# --- nearby history ----------------------------------------------------------------


@dataclass
class Nearby:
    incidents: list = field(default_factory=list)
    violations: list = field(default_factory=list)
    open_cases: dict = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.incidents or self.violations)

    @property
    def case_links(self) -> list[tuple[str, str]]:
        """Open cases holding any of the nearby incidents, each once."""
        links: list[tuple[str, str]] = []
        for incident in self.incidents:
            for link in self.open_cases.get(incident.pk, []):
                if tuple(link) not in links:
                    links.append(tuple(link))
        return links


def incidents_nearby(
    *,
    user,
    latitude: float | None = None,
    longitude: float | None = None,
    address: str = "",
    exclude_id: int | None = None,
    radius_m: float = 50,
    weeks: int = 12,
    limit: int = 20,
) -> Nearby:
    """Earlier incidents and violations at the same address or within ``radius_m`` metres.

    A bounding box on the (latitude, longitude) index selects candidates; the
    exact distance then decides. Only records ``user`` may see.
    """
    address = address.strip()
    has_point = latitude is not None and longitude is not None
    if not has_point and not address:
        return Nearby()
    since = timezone.now() - dt.timedelta(weeks=weeks)
    where = Q()
    if has_point:
        dlat = radius_m / 111_320
        dlon = radius_m / (111_320 * max(math.cos(math.radians(latitude)), 0.01))
        where |= Q(
            latitude__gte=latitude - dlat,
            latitude__lte=latitude + dlat,
            longitude__gte=longitude - dlon,
            longitude__lte=longitude + dlon,
        )
    if address:
        where |= Q(address_upper=address.upper())
    qs = (
        _visible_for_list(user)
        .annotate(address_upper=Upper("address"))
        .filter(where, occurred_at__gte=since)
        .select_related("theme")
        .only("reference", "occurred_at", "address", "latitude", "longitude", "theme__name")
        .order_by("-occurred_at", "-id")
    )
    if exclude_id:
        qs = qs.exclude(pk=exclude_id)
    found = []
    for incident in qs[: limit * 5]:
        same_address = bool(address) and incident.address.upper() == address.upper()
        distance = None
        if has_point and incident.latitude is not None:
            distance = geo.distance_m(latitude, longitude, incident.latitude, incident.longitude)
        if same_address or (distance is not None and distance <= radius_m):
            incident.distance_m = None if distance is None else round(distance)
            found.append(incident)
        if len(found) >= limit:
            break
    ids = [i.pk for i in found]
    violation_where = Q(incident_id__in=ids)
    if address:
        violation_where |= Q(address=address)
    violations = list(
        permissions.violations_visible_to(user)
        .filter(violation_where, committed_on__gte=since.date())
        .select_related("offence", "intervention")
        .only("reference", "committed_on", "incident_id", "offence__code", "intervention__name")
        .order_by("-committed_on", "-id")[:limit]
    )
    open_cases = {}
    provider = extensions.get(extensions.OPEN_CASES)
    if provider is not None and ids:
        open_cases = provider.for_incidents(incident_ids=ids, user=user)
    return Nearby(incidents=found, violations=violations, open_cases=open_cases)


# --- recent use and home -----------------------------------------------------------


def recent_theme_ids(*, user, limit: int = 50) -> list[int]:
    """Themes this user registered most recently first (distinct, in order)."""
    rows = (
        Incident.objects.filter(registered_by=user)
        .order_by("-created_at")
        .values_list("theme_id", flat=True)[:limit]
    )
    return _distinct_in_order(rows)


def recent_category_ids(*, user, limit: int = 50) -> list[int]:
    rows = (
        Incident.objects.filter(registered_by=user, category__isnull=False)
        .order_by("-created_at")
        .values_list("category_id", flat=True)[:limit]
    )
    return _distinct_in_order(rows)


def _distinct_in_order(ids) -> list[int]:
    """Each id once, where it first comes (the most recent first)."""
    return list(dict.fromkeys(ids))


def my_recent_incidents(*, user, limit: int = 5) -> list[Incident]:
    """The newest incidents this user reported or registered.

    Not one query with ``reported_by OR registered_by``: PostgreSQL cannot serve that
    OR's order from an index and walks the whole time index instead (810 ms on 2
    million incidents). The newest ``limit`` of each side come from their own index
    (``incident_reporter_time``, ``incident_registrar_time``), and the union of those
    at most 2 x ``limit`` ids is ordered again.
    """
    order = ("-occurred_at", "-id")
    # Only what lies within the Wpg browse limit (a home panel is browsing).
    recent = Incident.objects.filter(occurred_at__gte=browse_limit_start())
    reported = recent.filter(reported_by=user).order_by(*order).values("id")[:limit]
    registered = recent.filter(registered_by=user).order_by(*order).values("id")[:limit]
    ids = [row["id"] for row in reported.union(registered)]
    return list(
        Incident.objects.filter(id__in=ids).select_related("theme").order_by(*order)[:limit]
    )


def team_new_incidents(*, user, limit: int = 10) -> list[Incident]:
    if not user.team_id:
        return []
    return list(
        Incident.objects.filter(
            team_id=user.team_id,
            status=Incident.Status.NEW,
            occurred_at__gte=browse_limit_start(),
        )
        .select_related("theme", "reported_by")
        .order_by("-occurred_at", "-id")[:limit]
    )


def violations_of_incident(*, user, incident: Incident) -> list[Violation]:
    return list(
        permissions.violations_visible_to(user)
        .filter(incident=incident)
        .select_related("offence", "intervention")
        .order_by("-committed_on", "-id")
    )
