"""CSV import of reference data, with a report of the rows that were refused.

Mode: the valid rows are imported together in one transaction; each refused
row is skipped (its changes rolled back to a savepoint) and reported with its
row number and reason. Existing entries are found by their code and updated,
so importing the same file twice changes nothing.

A file is UTF-8 (with or without BOM), with a header row, separated by ``;``
or ``,`` (detected from the header row).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from enforcement.importers.reading import (
    MAX_BYTES,
    Column,
    Importer,
    ImportRefused,
    ImportReport,
    RowError,
    RowInvalid,
    _amount,
    _int,
    _required,
    _save,
    read_rows,
    run_import,
)
from enforcement.models import Address, Area, CaseType, Category, InterventionType, Offence, Theme
from enforcement.services import reference as services

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

__all__ = [
    "IMPORTERS",
    "MAX_BYTES",
    "Column",
    "ImportRefused",
    "ImportReport",
    "Importer",
    "RowError",
    "RowInvalid",
    "read_rows",
    "run_import",
]
