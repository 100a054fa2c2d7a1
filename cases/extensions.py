"""What cases provides to enforcement's screens (enforcement.extensions.OPEN_CASES)."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlencode

from django.urls import reverse

from cases import permissions as perms
from cases.models import OPEN_STATUSES, Case


class OpenCases:
    def for_incidents(
        self, *, incident_ids: Iterable[int], user
    ) -> dict[int, list[tuple[str, str]]]:
        """incident id -> [(url, label)] of open cases the user may see (one query)."""
        ids = list(incident_ids)
        if not ids:
            return {}
        through = Case.incidents.through
        rows = through.objects.filter(
            incident_id__in=ids,
            case__in=perms.cases_visible_to(user, Case.objects.filter(status__in=OPEN_STATUSES)),
        ).values_list("incident_id", "case_id", "case__reference", "case__title")
        out: dict[int, list[tuple[str, str]]] = {}
        for incident_id, case_id, ref, title in rows:
            out.setdefault(incident_id, []).append(
                (reverse("cases:detail", args=[case_id]), f"{ref} {title}")
            )
        return out

    def open_url(self, *, user, incident_ids: Iterable[int] = ()) -> str | None:
        """The 'open case' form preset with these incidents; None when the user may not open one."""
        if not perms.can_open_case(user):
            return None
        ids = list(incident_ids)
        url = reverse("cases:open")
        if len(ids) == 1:
            return f"{url}?{urlencode({'incident': ids[0]})}"
        if ids:
            return f"{url}?{urlencode([('incidents', i) for i in ids])}"
        return url
