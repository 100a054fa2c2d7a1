"""Import of Signalen's CSV export, for a municipality that moves over from Signalen.

Signalen exports its data as a ZIP of CSV files (``signals.apps.reporting.csv.
datawarehouse``, served at ``/signals/v1/private/csv/``). This import reads four of
them and joins them by id, as Signalen's own tables are joined:

- ``signals.csv``: id, signal_uuid, source, text, text_extra, incident_date_start,
  incident_date_end, created_at, ..., category_assignment_id, location_id, reporter_id,
  status_id, ...;
- ``locations.csv``: id, lat, lng, stadsdeel, buurt_code, address, address_text, ...
  (Signalen writes ``st_x`` into ``lat`` and ``st_y`` into ``lng``: ``lat`` holds the
  longitude; read here as Signalen writes it);
- ``categories.csv``: id, main, sub, departments, ..., _signal_id, ...;
- ``statuses.csv``: id, text, user, target_api, state_display, ..., state.

Each open signal becomes one incident (source "import") in the mapped theme
(SIGNALEN_CATEGORY_THEMES, by the sub-category's name or slug), linked with a
``SignalenLink`` so importing the same export twice creates nothing twice. The
project's importer runs it (``enforcement.importers``): valid rows in one
transaction, each refused row reported with its line number and why. Reporter
data (reporters.csv) is not imported.
"""

from __future__ import annotations

import csv
import io
import zipfile

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from enforcement.importers import Column, Importer, ImportRefused, RowInvalid, run_import
from enforcement.models import Incident, Theme
from integrations.models import SignalenLink
from integrations.services.signalen import _when, connector_actor, signal_take_over

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
FILES = {
    "signals.csv": (
        "id",
        "text",
        "created_at",
        "category_assignment_id",
        "location_id",
        "status_id",
    ),
    "locations.csv": ("id", "lat", "lng", "address_text"),
    "categories.csv": ("id", "main", "sub"),
    "statuses.csv": ("id", "state"),
}
# Signalen states that are over (afgehandeld, geannuleerd): not taken over, reported why.
CLOSED_STATES = {"o", "a"}

COLUMNS = [
    Column("id", True, "Signalen-id van de melding", "1234"),
    Column("text", True, "Tekst van de melding", "Geluidsoverlast"),
    Column("sub", True, "Subcategorie (gekoppeld aan een thema)", "Geluidsoverlast"),
    Column("address_text", False, "Adres", "Markt 1 1011AB Voorbeeld"),
    Column("lat", False, "Lengtegraad (Signalen schrijft st_x in 'lat')", "4.95"),
    Column("lng", False, "Breedtegraad", "52.36"),
    Column("state", False, "Statuscode, bijv. m, b, o", "o"),
]


def _csv(data: bytes, name: str, required: tuple[str, ...]) -> list[tuple[int, dict]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRefused(_("%(name)s is niet in UTF-8 opgeslagen.") % {"name": name}) from exc
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in required if c not in header]
    if missing:
        raise ImportRefused(
            _("%(name)s mist de kolom(men): %(missing)s.")
            % {"name": name, "missing": ", ".join(missing)}
        )
    return [
        (reader.line_num, {k.strip(): (v or "").strip() for k, v in row.items() if k})
        for row in reader
    ]


def read_export(upload) -> list[tuple[int, dict]]:
    """(line in signals.csv, joined row) pairs; ImportRefused when the file is unusable."""
    name = getattr(upload, "name", "") or ""
    if not name.lower().endswith(".zip"):
        raise ImportRefused(_("Kies de ZIP-export van Signalen (de naam eindigt op .zip)."))
    if upload.size > MAX_UPLOAD_BYTES:
        raise ImportRefused(
            _("Het bestand is %(size)s; de grens is %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(MAX_UPLOAD_BYTES)}
        )
    try:
        archive = zipfile.ZipFile(upload)
    except zipfile.BadZipFile as exc:
        raise ImportRefused(_("Dit is geen ZIP-bestand.")) from exc
    members = {info.filename.rsplit("/", 1)[-1]: info for info in archive.infolist()}
    missing = [f for f in FILES if f not in members]
    if missing:
        raise ImportRefused(
            _("De ZIP mist het bestand/de bestanden: %(missing)s.")
            % {"missing": ", ".join(missing)}
        )
    if sum(members[f].file_size for f in FILES) > MAX_UNPACKED_BYTES:
        raise ImportRefused(_("De bestanden in de ZIP zijn uitgepakt te groot."))
    tables = {f: _csv(archive.read(members[f]), f, FILES[f]) for f in FILES}
    by_id = {f: {row["id"]: row for _, row in tables[f]} for f in FILES if f != "signals.csv"}
    rows = []
    for line, signal in tables["signals.csv"]:
        location = by_id["locations.csv"].get(signal.get("location_id", ""), {})
        category = by_id["categories.csv"].get(signal.get("category_assignment_id", ""), {})
        status = by_id["statuses.csv"].get(signal.get("status_id", ""), {})
        row = {
            "id": signal.get("id", ""),
            "text": signal.get("text", ""),
            "incident_date_start": signal.get("incident_date_start", ""),
            "created_at": signal.get("created_at", ""),
            "main": category.get("main", ""),
            "sub": category.get("sub", ""),
            "address_text": location.get("address_text", ""),
            "lat": location.get("lat", ""),
            "lng": location.get("lng", ""),
            "state": status.get("state", ""),
        }
        rows.append((line, row))
    if not rows:
        raise ImportRefused(_("signals.csv bevat geen meldingen."))
    return rows


def _number(row: dict, name: str) -> float | None:
    value = row.get(name, "")
    if value in ("", "null", "None"):
        return None
    try:
        return float(value.replace(",", "."))
    except ValueError as exc:
        raise RowInvalid(
            _("'%(value)s' in kolom '%(name)s' is geen getal.") % {"value": value, "name": name}
        ) from exc


def _theme_for(sub: str) -> Theme:
    mapping = settings.SIGNALEN_CATEGORY_THEMES
    code = mapping.get(sub) or mapping.get(slugify(sub))
    theme = Theme.objects.filter(code=code).first() if code else None
    if theme is None:
        raise RowInvalid(
            _("Subcategorie '%(sub)s' is niet aan een thema gekoppeld (SIGNALEN_CATEGORY_THEMES).")
            % {"sub": sub}
        )
    return theme


def _import_signal(row: dict, actor) -> str:
    if not row["id"].isdigit():
        raise RowInvalid(_("'%(id)s' is geen Signalen-id.") % {"id": row["id"]})
    if not row["text"]:
        raise RowInvalid(_("De melding heeft geen tekst."))
    if row["state"] in CLOSED_STATES:
        raise RowInvalid(_("In Signalen al afgehandeld of geannuleerd; niet overgenomen."))
    theme = _theme_for(row["sub"])
    # Signalen's locations.csv: 'lat' holds st_x (longitude), 'lng' st_y (latitude).
    longitude, latitude = _number(row, "lat"), _number(row, "lng")
    link = signal_take_over(
        actor=connector_actor(),
        signal_id=int(row["id"]),
        theme=theme,
        category_name=row["sub"],
        text=row["text"],
        occurred_at=_when(row["incident_date_start"] or row["created_at"]),
        address=row["address_text"],
        latitude=latitude,
        longitude=longitude,
        origin=SignalenLink.Origin.CSV,
        source=Incident.Source.IMPORT,
    )
    return "updated" if link is None else "created"  # imported before: nothing changes


IMPORTER = Importer(
    key="signalen",
    label=gettext_lazy("Signalen-export"),
    columns=COLUMNS,
    examples=[],
    import_row=_import_signal,
)


def signalen_export_import(upload, *, actor):
    """Import a Signalen ZIP export; returns the importer's report (created, updated, rejected)."""
    return run_import(IMPORTER, upload, actor=actor, rows=read_export(upload))
