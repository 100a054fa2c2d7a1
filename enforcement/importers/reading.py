"""Reading an uploaded CSV/XLSX into rows and running an importer over them in one transaction; the helpers the importers share."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from accounts.exports import csv_bytes

MAX_BYTES = 5 * 1024 * 1024


class ImportRefused(Exception):
    """The file as a whole cannot be read; the message says why, in Dutch."""


class RowInvalid(Exception):
    pass


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    description: str
    example: str


@dataclass
class RowError:
    row: int  # line number in the file, the header being line 1
    reason: str
    values: dict


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    rejected: list[RowError] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.created + self.updated + len(self.rejected)


@dataclass(frozen=True)
class Importer:
    key: str
    label: str
    columns: list[Column]
    import_row: Callable[[dict, object], str]  # returns "created" or "updated"
    examples: list[list[str]]
    # Rows are handled in this order (e.g. wijken before buurten); reports keep file order.
    order: Callable[[dict], int] = lambda row: 0

    def example_csv(self) -> bytes:
        return csv_bytes(header=[c.name for c in self.columns], rows=self.examples)


def read_rows(upload, columns: list[Column]) -> list[tuple[int, dict]]:
    """(line number, row) pairs of an uploaded CSV; ImportRefused when the file is unusable."""
    name = getattr(upload, "name", "") or ""
    if not name.lower().endswith(".csv"):
        raise ImportRefused(_("Kies een CSV-bestand (de naam eindigt op .csv)."))
    if upload.size > MAX_BYTES:
        raise ImportRefused(
            _("Het bestand is %(size)s; de grens is 5 MB. Splits het in kleinere delen.")
            % {"size": filesizeformat(upload.size)}
        )
    raw = upload.read()
    if b"\x00" in raw[:4096]:
        raise ImportRefused(_("Dit is geen CSV-bestand maar een binair bestand (bijv. Excel)."))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRefused(
            _("Het bestand is niet in UTF-8 opgeslagen. Kies in Excel 'CSV UTF-8'.")
        ) from exc
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise ImportRefused(_("Het bestand is leeg of heeft geen kopregel."))
    header_line = lines[0]
    delimiter = ";" if header_line.count(";") >= header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader)]
    missing = [c.name for c in columns if c.required and c.name not in header]
    if missing:
        raise ImportRefused(
            _("De kopregel mist de kolom(men): %(missing)s. Verwacht: %(expected)s.")
            % {
                "missing": ", ".join(missing),
                "expected": ";".join(c.name for c in columns),
            }
        )
    rows = []
    for values in reader:
        if not any(v.strip() for v in values):
            continue
        row = {h: (values[i].strip() if i < len(values) else "") for i, h in enumerate(header)}
        if len(values) > len(header):
            row["__extra__"] = values[len(header) :]
        rows.append((reader.line_num, row))
    if not rows:
        raise ImportRefused(_("Het bestand bevat geen regels onder de kopregel."))
    return rows


def _message(exc: ValidationError, model) -> str:
    if not hasattr(exc, "error_dict"):
        return " ".join(exc.messages)
    parts = []
    for name, errors in exc.message_dict.items():
        if name == "__all__":
            parts.extend(errors)
            continue
        try:
            label = str(model._meta.get_field(name).verbose_name)
        except Exception:  # noqa: BLE001 - a non-field key: show it as it is
            label = name
        parts.append(f"{label}: {' '.join(errors)}")
    return "; ".join(parts)


def run_import(importer: Importer, upload, *, actor, rows=None) -> ImportReport:
    """Import ``upload`` (or ``rows`` already read from it, as (line, row) pairs)."""
    rows = read_rows(upload, importer.columns) if rows is None else rows
    report = ImportReport()
    with transaction.atomic():
        for line, row in sorted(rows, key=lambda item: importer.order(item[1])):
            try:
                if "__extra__" in row:
                    raise RowInvalid(_("Meer waarden dan kolommen in de kopregel."))
                with transaction.atomic():  # savepoint: a refused row leaves no trace
                    outcome = importer.import_row(row, actor)
            except RowInvalid as exc:
                report.rejected.append(RowError(line, str(exc), row))
            except ValidationError as exc:
                model = getattr(exc, "model", None)
                report.rejected.append(
                    RowError(line, _message(exc, model) if model else " ".join(exc.messages), row)
                )
            else:
                if outcome == "created":
                    report.created += 1
                else:
                    report.updated += 1
    report.rejected.sort(key=lambda e: e.row)
    return report


def _required(row: dict, name: str) -> str:
    value = row.get(name, "")
    if not value:
        raise RowInvalid(_("De kolom '%(name)s' is leeg.") % {"name": name})
    return value


def _int(row: dict, name: str, *, required: bool) -> int | None:
    value = row.get(name, "")
    if not value:
        if required:
            raise RowInvalid(_("De kolom '%(name)s' is leeg.") % {"name": name})
        return None
    try:
        return int(value.replace(".", "").replace(" ", ""))
    except ValueError as exc:
        raise RowInvalid(
            _("'%(value)s' in kolom '%(name)s' is geen geheel getal.")
            % {"value": value, "name": name}
        ) from exc


def _amount(row: dict, name: str) -> Decimal | None:
    value = row.get(name, "").replace("€", "").replace(" ", "")
    if not value:
        return None
    if "," in value:  # Dutch notation: 1.500,00
        value = value.replace(".", "").replace(",", ".")
    try:
        return Decimal(value)
    except InvalidOperation as exc:
        raise RowInvalid(
            _("'%(value)s' in kolom '%(name)s' is geen bedrag.")
            % {"value": row[name], "name": name}
        ) from exc


def _save(model, lookup: dict, fields: dict, create, update) -> str:
    """Create or update by ``lookup``, through the services (which validate)."""
    existing = model.objects.filter(**lookup).first()
    try:
        if existing is None:
            create(**lookup, **fields)
            return "created"
        update(existing, **fields)
        return "updated"
    except ValidationError as exc:
        exc.model = model
        raise
