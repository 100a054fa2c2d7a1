"""What the PDF of the audit shows: totals and bounded lists, read from PrivacyAudit.data.

The PDF is the summary for the privacy officer and the Autoriteit Persoonsgegevens;
every row (per user, per anomaly, per search, per run) is in the XLSX. Each list here
keeps its first ``PDF_LIMIT`` rows, ordered so that what needs follow-up comes first,
and says how many more there are (the template points to the spreadsheet's tab).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

PDF_LIMIT = 10


@dataclass
class Bounded:
    """The first rows of a list, and how many were left out."""

    rows: list
    total: int
    more: int
    sheet: str = ""
    extra: dict = field(default_factory=dict)


def _bounded(rows: list, *, sheet: str, limit: int = PDF_LIMIT, **extra) -> Bounded:
    return Bounded(
        rows=rows[:limit],
        total=len(rows),
        more=max(len(rows) - limit, 0),
        sheet=sheet,
        extra=extra,
    )


def pdf_summary(data: dict, *, limit: int = PDF_LIMIT) -> dict:
    """The bounded sections of the PDF, from the audit's stored figures."""
    access = data["access"]  # sorted by total, highest first
    per_kind = Counter()
    for r in access:
        per_kind.update(r["kinds"])

    # Anomalies per kind (in the order the rules run), the largest first within a kind.
    by_kind: dict[str, list[dict]] = {}
    for a in data["anomalies"]:
        by_kind.setdefault(a["kind"], []).append(a)
    anomalies = [
        _bounded(
            sorted(rows, key=lambda a: (-a["count"], a["user"])),
            sheet=_("Afwijkingen"),
            limit=limit,
            kind=kind,
            users=len({a["user"] for a in rows}),
        )
        for kind, rows in by_kind.items()
    ]

    no_purpose = str(_("(geen doel vastgelegd)"))
    targeted = data["targeted"]
    # Searches without a purpose first (the shortcoming), then in time order.
    targeted_first = sorted(targeted, key=lambda t: t["purpose"] != no_purpose)

    holders = data["access_holders"]
    without = [h for h in holders if h["two_factor"] == str(_("nee"))]
    holders_first = without + [h for h in holders if h["two_factor"] != str(_("nee"))]
    by_role = Counter(h["role"] for h in holders)
    without_by_role = Counter(h["role"] for h in without)

    runs = data["runs"]
    return {
        "limit": limit,
        "totals": {
            "log_entries": data["log_entries"],
            "users": len(access),
            "exports": sum(r["exports"] for r in access),
            "searches": sum(r["searches"] for r in access),
            "anomalies": len(data["anomalies"]),
            "targeted": len(targeted),
            "targeted_without_purpose": sum(1 for t in targeted if t["purpose"] == no_purpose),
            "runs": len(runs),
            "removed": sum(r["total"] for r in runs),
            "holders": len(holders),
            "holders_without_two_factor": len(without),
        },
        "per_kind": dict(sorted(per_kind.items())),
        "access": _bounded(access, sheet=_("Toegang"), limit=limit),
        "anomalies": anomalies,
        "targeted": _bounded(targeted_first, sheet=_("Gerichte zoekvragen"), limit=limit),
        "runs": _bounded(
            sorted(runs, key=lambda r: -r["total"]), sheet=_("Opschoonrondes"), limit=limit
        ),
        "holders": _bounded(holders_first, sheet=_("Gebruikers met toegang"), limit=limit),
        "holders_by_role": [
            {"role": role, "n": n, "without": without_by_role[role]}
            for role, n in sorted(by_role.items())
        ],
    }
