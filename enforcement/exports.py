"""CSV and XLSX exports of a filtered incident list. Same columns for both renderers."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from accounts.exports import csv_bytes, xlsx_bytes
from enforcement.models import Incident

EXPORT_MAX_ROWS = 50_000

BASE_COLUMNS = [
    ("Kenmerk", lambda i: i.reference),
    ("Tijdstip", lambda i: timezone.localtime(i.occurred_at).strftime("%d-%m-%Y %H:%M")),
    ("Thema", lambda i: i.theme.name),
    ("Categorie", lambda i: i.category.name if i.category else ""),
    ("Gebied", lambda i: i.area.name if i.area else ""),
    ("Adres", lambda i: i.address),
    ("Breedtegraad", lambda i: i.latitude if i.latitude is not None else ""),
    ("Lengtegraad", lambda i: i.longitude if i.longitude is not None else ""),
    ("Bron", lambda i: i.get_source_display()),
    ("Prioriteit", lambda i: i.get_priority_display()),
    ("Status", lambda i: i.get_status_display()),
    ("Boa", lambda i: str(i.reported_by) if i.reported_by else ""),
    ("Omschrijving", lambda i: i.description),
]
PERSONAL_COLUMNS = [
    ("Naam melder", lambda i: i.reporter_name),
    ("Contact melder", lambda i: i.reporter_contact),
]


def columns(*, personal: bool) -> list:
    return BASE_COLUMNS + (PERSONAL_COLUMNS if personal else [])


def rows(incidents: Iterable[Incident], *, personal: bool):
    cols = columns(personal=personal)
    for incident in incidents:
        yield [get(incident) for _, get in cols]


def incidents_csv(incidents: Iterable[Incident], *, personal: bool) -> bytes:
    header = [name for name, _ in columns(personal=personal)]
    return csv_bytes(header=header, rows=rows(incidents, personal=personal))


def incidents_xlsx(incidents: Iterable[Incident], *, personal: bool) -> bytes:
    header = [name for name, _ in columns(personal=personal)]
    return xlsx_bytes(sheets=[("Meldingen", header, rows(incidents, personal=personal))])
