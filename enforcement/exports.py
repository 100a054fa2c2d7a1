"""CSV and XLSX exports of a filtered incident list. Same columns for both renderers.

An export holds up to EXPORT_MAX_ROWS rows, so the per-row cost decides its time: the
rows are read as plain values (only the columns the file shows, no model instances)
and choice labels are looked up in dicts made once per export (``choice_labels``).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import CharField, DateTimeField, F, Func, QuerySet, Value
from django.utils import timezone

from accounts.exports import choice_labels, csv_bytes, xlsx_bytes
from enforcement.models import Incident

EXPORT_MAX_ROWS = 50_000

BASE_FIELDS = (
    "reference",
    "occurred_local",
    "theme__name",
    "category__name",
    "area__name",
    "address",
    "latitude",
    "longitude",
    "source",
    "priority",
    "status",
    "reported_by__first_name",
    "reported_by__last_name",
    "reported_by__username",
    "description",
)
PERSONAL_FIELDS = ("reporter_name", "reporter_contact")
BASE_HEADER = [
    "Kenmerk",
    "Tijdstip",
    "Thema",
    "Categorie",
    "Gebied",
    "Adres",
    "Breedtegraad",
    "Lengtegraad",
    "Bron",
    "Prioriteit",
    "Status",
    "Boa",
    "Omschrijving",
]
PERSONAL_HEADER = ["Naam melder", "Contact melder"]


def header(*, personal: bool) -> list[str]:
    return BASE_HEADER + (PERSONAL_HEADER if personal else [])


def _local_time_text() -> Func:
    """The time as the file shows it, formatted by PostgreSQL in the current time zone."""
    zone = timezone.get_current_timezone_name()
    local = Func(Value(zone), F("occurred_at"), function="timezone", output_field=DateTimeField())
    return Func(local, Value("DD-MM-YYYY HH24:MI"), function="to_char", output_field=CharField())


def incident_rows(incidents: QuerySet, *, personal: bool) -> list[list]:
    """The export's rows of ``incidents`` (filtered and ordered), at most EXPORT_MAX_ROWS."""
    source, priority, status = (
        choice_labels(Incident.Source.choices),
        choice_labels(Incident.Priority.choices),
        choice_labels(Incident.Status.choices),
    )
    fields = BASE_FIELDS + (PERSONAL_FIELDS if personal else ())
    rows = []
    found = incidents.annotate(occurred_local=_local_time_text()).values_list(*fields)
    for values in found[:EXPORT_MAX_ROWS]:
        (ref, at, theme, category, area, address, lat, lon, src, prio, st, first, last, login,
         description, *personal_values) = values  # fmt: skip
        boa = f"{first or ''} {last or ''}".strip() or (login or "")
        rows.append(
            [
                ref,
                at,
                theme,
                category or "",
                area or "",
                address,
                "" if lat is None else lat,
                "" if lon is None else lon,
                source.get(src, src),
                priority.get(prio, prio),
                status.get(st, st),
                boa,
                description,
                *personal_values,
            ]
        )
    return rows


def incidents_csv(rows: Sequence[list], *, personal: bool) -> bytes:
    return csv_bytes(header=header(personal=personal), rows=rows)


def incidents_xlsx(rows: Sequence[list], *, personal: bool) -> bytes:
    return xlsx_bytes(sheets=[("Meldingen", header(personal=personal), rows)])
