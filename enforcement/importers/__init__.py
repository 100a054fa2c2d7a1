"""CSV import of reference data, with a report of the rows that were refused.

Mode: the valid rows are imported together in one transaction; each refused
row is skipped (its changes rolled back to a savepoint) and reported with its
row number and reason. Existing entries are found by their code and updated,
so importing the same file twice changes nothing.

A file is UTF-8 (with or without BOM), with a header row, separated by ``;``
or ``,`` (detected from the header row).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.exports import csv_bytes
from enforcement.models import Address, Area, CaseType, Category, InterventionType, Offence, Theme
from enforcement.services import reference as services

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


# --- reading ---------------------------------------------------------------------------


def read_rows(upload, columns: list[Column]) -> list[tuple[int, dict]]:
    """(line number, row) pairs of an uploaded CSV; ImportRefused when the file is unusable."""
    name = getattr(upload, "name", "") or ""
    if not name.lower().endswith(".csv"):
        raise ImportRefused(_("Kies een CSV-bestand (de naam eindigt op .csv)."))
    if upload.size > MAX_BYTES:
        raise ImportRefused(
            _("Het bestand is %(size).1f MB; de grens is 5 MB. Splits het in kleinere delen.")
            % {"size": upload.size / 1024 / 1024}
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


def run_import(importer: Importer, upload, *, actor) -> ImportReport:
    rows = read_rows(upload, importer.columns)
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


# --- helpers for rows --------------------------------------------------------------------


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


# --- the importers ------------------------------------------------------------------------

AREA_KINDS = {"wijk": Area.Kind.DISTRICT, "buurt": Area.Kind.NEIGHBOURHOOD}


def _import_area(row: dict, actor) -> str:
    code = _required(row, "code").upper()
    kind = AREA_KINDS.get(_required(row, "soort").lower())
    if kind is None:
        raise RowInvalid(
            _("Soort moet 'wijk' of 'buurt' zijn, niet '%(v)s'.") % {"v": row["soort"]}
        )
    parent = None
    parent_code = row.get("wijk", "").upper()
    if parent_code:
        parent = Area.objects.filter(code=parent_code).first()
        if parent is None:
            raise RowInvalid(_("Wijk '%(code)s' bestaat niet.") % {"code": parent_code})
    fields = {
        "name": _required(row, "naam"),
        "kind": kind,
        "parent": parent,
        "population": _int(row, "inwoners", required=False),
    }
    return _save(
        Area,
        {"code": code},
        fields,
        lambda **f: services.area_create(actor=actor, **f),
        lambda obj, **f: services.area_update(actor=actor, area=obj, **f),
    )


def _import_theme(row: dict, actor) -> str:
    code = _required(row, "thema_code").lower()
    fields = {"name": _required(row, "thema_naam")}
    order = _int(row, "volgorde", required=False)
    if order is not None:
        fields["order"] = order
    outcome = _save(
        Theme,
        {"code": code},
        fields,
        lambda **f: services.theme_create(actor=actor, **f),
        lambda obj, **f: services.theme_update(actor=actor, theme=obj, **f),
    )
    category = row.get("categorie", "")
    if category:
        theme = Theme.objects.get(code=code)
        if not Category.objects.filter(theme=theme, name=category).exists():
            try:
                services.category_create(actor=actor, theme=theme, name=category)
            except ValidationError as exc:
                exc.model = Category
                raise
            return "created"
    return outcome


def _import_offence(row: dict, actor) -> str:
    code = _required(row, "feitcode").upper()
    theme = None
    theme_code = row.get("thema_code", "").lower()
    if theme_code:
        theme = Theme.objects.filter(code=theme_code).first()
        if theme is None:
            raise RowInvalid(_("Thema '%(code)s' bestaat niet.") % {"code": theme_code})
    intervention_code = _required(row, "interventie_code").lower()
    intervention = InterventionType.objects.filter(code=intervention_code).first()
    if intervention is None:
        raise RowInvalid(
            _("Interventiesoort '%(code)s' bestaat niet.") % {"code": intervention_code}
        )
    fields = {
        "description": _required(row, "omschrijving"),
        "legal_basis": _required(row, "grondslag"),
        "theme": theme,
        "default_intervention": intervention,
        "default_amount": _amount(row, "bedrag"),
    }
    return _save(
        Offence,
        {"code": code},
        fields,
        lambda **f: services.offence_create(actor=actor, **f),
        lambda obj, **f: services.offence_update(actor=actor, offence=obj, **f),
    )


def _import_intervention_type(row: dict, actor) -> str:
    code = _required(row, "code").lower()
    fields = {"name": _required(row, "naam"), "ladder_step": _int(row, "trede", required=True)}
    return _save(
        InterventionType,
        {"code": code},
        fields,
        lambda **f: services.intervention_type_create(actor=actor, **f),
        lambda obj, **f: services.intervention_type_update(actor=actor, intervention_type=obj, **f),
    )


def _import_case_type(row: dict, actor) -> str:
    code = _required(row, "code").lower()
    fields = {
        "name": _required(row, "naam"),
        "standard_term_days": _int(row, "termijn_werkdagen", required=True),
    }
    if fields["standard_term_days"] < 1:
        raise RowInvalid(_("De termijn is minimaal 1 werkdag."))
    return _save(
        CaseType,
        {"code": code},
        fields,
        lambda **f: services.case_type_create(actor=actor, **f),
        lambda obj, **f: services.case_type_update(actor=actor, case_type=obj, **f),
    )


def _float(row: dict, name: str) -> float:
    value = _required(row, name).replace(",", ".")
    try:
        return float(value)
    except ValueError as exc:
        raise RowInvalid(
            _("'%(value)s' in kolom '%(name)s' is geen getal.") % {"value": row[name], "name": name}
        ) from exc


def _import_address(row: dict, actor) -> str:
    postcode = _required(row, "postcode").replace(" ", "").upper()
    number = _required(row, "huisnummer").replace(" ", "")
    fields = {
        "street": _required(row, "straat"),
        "city": row.get("woonplaats", ""),
        "latitude": _float(row, "lat"),
        "longitude": _float(row, "lon"),
    }
    return _save(
        Address,
        {"postcode": postcode, "number": number},
        fields,
        lambda **f: services.address_create(actor=actor, **f),
        lambda obj, **f: services.address_update(actor=actor, address=obj, **f),
    )


IMPORTERS: dict[str, Importer] = {
    "gebieden": Importer(
        key="gebieden",
        label=_("Gebieden"),
        columns=[
            Column("code", True, "CBS-code, bijv. WK036301 of BU03630101", "WK099901"),
            Column("naam", True, "Naam van de wijk of buurt", "Centrum"),
            Column("soort", True, "wijk of buurt", "wijk"),
            Column("wijk", False, "Voor een buurt: de code van de wijk", ""),
            Column("inwoners", False, "Aantal inwoners (geheel getal)", "8200"),
        ],
        examples=[
            ["WK099901", "Centrum", "wijk", "", "8200"],
            ["BU09990101", "Binnenstad", "buurt", "WK099901", "4100"],
        ],
        import_row=_import_area,
        order=lambda row: 0 if row.get("soort", "").lower() == "wijk" else 1,
    ),
    "themas": Importer(
        key="themas",
        label=_("Thema's en categorieën"),
        columns=[
            Column("thema_code", True, "Vaste sleutel: kleine letters, cijfers en -", "afval"),
            Column("thema_naam", True, "Naam van het thema", "Afval"),
            Column("categorie", False, "Een categorie binnen het thema (één per regel)", "Dumping"),
            Column("volgorde", False, "Volgorde in keuzelijsten (getal)", "4"),
        ],
        examples=[["afval", "Afval", "Bijplaatsing", "4"], ["afval", "Afval", "Dumping", "4"]],
        import_row=_import_theme,
    ),
    "feiten": Importer(
        key="feiten",
        label=_("Feitencatalogus"),
        columns=[
            Column("feitcode", True, "Feitcode, bijv. H009", "H009"),
            Column("omschrijving", True, "Omschrijving van het feit", "Afval naast container"),
            Column("grondslag", True, "Wettelijke grondslag, bijv. APV art. 5:37", "APV art. 5:37"),
            Column("thema_code", False, "Code van een bestaand thema", "afval"),
            Column("interventie_code", True, "Code van een bestaande interventiesoort", "bsb"),
            Column("bedrag", False, "Standaardbedrag in euro's, 0 of meer (100,00)", "100,00"),
        ],
        examples=[
            [
                "H009",
                "Afval buiten de container plaatsen",
                "APV art. 5:37",
                "afval",
                "bsb",
                "100,00",
            ]
        ],
        import_row=_import_offence,
    ),
    "interventies": Importer(
        key="interventies",
        label=_("Interventiesoorten"),
        columns=[
            Column("code", True, "Vaste sleutel: kleine letters, cijfers en -", "written-warning"),
            Column("naam", True, "Naam", "Schriftelijke waarschuwing"),
            Column("trede", True, "Trede op de escalatieladder, 1 is het lichtst", "2"),
        ],
        examples=[["written-warning", "Schriftelijke waarschuwing", "2"]],
        import_row=_import_intervention_type,
    ),
    "zaaktypen": Importer(
        key="zaaktypen",
        label=_("Zaaktypen"),
        columns=[
            Column("code", True, "Vaste sleutel: kleine letters, cijfers en -", "afval-hotspot"),
            Column("naam", True, "Naam van het zaaktype", "Afvalhotspot"),
            Column("termijn_werkdagen", True, "Standaardtermijn in werkdagen, minimaal 1", "15"),
        ],
        examples=[["afval-hotspot", "Afvalhotspot", "15"]],
        import_row=_import_case_type,
    ),
    "adressen": Importer(
        key="adressen",
        label=_("Adressen (BAG)"),
        columns=[
            Column("postcode", True, "Postcode, bijv. 1234AB", "1011AB"),
            Column("straat", True, "Openbare ruimte (straatnaam)", "Markt"),
            Column("huisnummer", True, "Huisnummer met letter of toevoeging", "1A"),
            Column("woonplaats", False, "Woonplaats", "Voorbeeld"),
            Column("lat", True, "Breedtegraad (WGS84), bijv. 52,3601", "52.3601"),
            Column("lon", True, "Lengtegraad (WGS84), bijv. 4,9501", "4.9501"),
        ],
        examples=[["1011AB", "Markt", "1A", "Voorbeeld", "52.3601", "4.9501"]],
        import_row=_import_address,
    ),
}
