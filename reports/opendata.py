"""Open data of a council report: the figures in long format (CSV) and as JSON with a
description of each measure, for the municipality's open-data portal.

One row per number: period, measure, theme, area, category (source or intervention),
value, suppressed. Values are machine values (dot decimal, ASCII minus, no units, empty
when suppressed); differences are left out (they follow from the values). The numbers
are the presented ones, so small counts are hidden exactly as in the PDF.
"""

from __future__ import annotations

import json
import re

from django.conf import settings

from accounts import exports

ALL = "alle"
_POPULATION = re.compile(r" \([\d.]+ inw\.\)$")

# table key (without a theme's prefix) -> measure, the dimension its rows are, and for
# list tables the measure of each column (None: not open data, e.g. a copy).
TABLE_MEASURES: dict[str, tuple[str, str]] = {
    "incidents_by_theme": ("meldingen", "thema"),
    "incidents_by_area": ("meldingen", "gebied"),
    "incidents_per_1000": ("meldingen_per_1000_inwoners", "gebied"),
    "incidents_by_source": ("meldingen", "bron"),
    "effort_realised": ("inzet_uren", "thema"),
    "effort_reactive_share": ("aandeel_reactieve_inzet_pct", "thema"),
    "effort_by_area": ("inzet_uren_per_gebied", "gebied"),
    "violations_by_intervention": ("overtredingen", "interventie"),
    "violations_by_area": ("overtredingen", "gebied"),
    "cases_flow": ("zaken_geopend", "thema"),
    "cases_closed": ("zaken_afgesloten", "thema"),
    "cases_overdue": ("zaken_over_streefdatum", "thema"),
    "cases_lead_time": ("doorlooptijd_mediaan_dagen", "thema"),
}
LIST_MEASURES: dict[str, list[str | None]] = {
    "effort_planned_vs_realised": ["inzet_gepland_uren", None, "inzet_realisatie_pct"],
    "programme_activities": [
        "activiteiten_gepland",
        "activiteiten_met_inzet",
        "activiteiten_uren_gepland",
        "activiteiten_uren_met_inzet",
    ],
    "forecast_check": [
        "vooruitblik_meldingen_verwacht",
        "vooruitblik_meldingen_ondergrens",
        "vooruitblik_meldingen_bovengrens",
        "vooruitblik_meldingen_werkelijk",
    ],
}

MEASURES: dict[str, dict[str, str]] = {
    "meldingen": {
        "beschrijving": "Aantal meldingen en waarnemingen (incidenten).",
        "bron": "Registratie van meldingen door handhavers (Incident).",
        "filter": "Tijdstip van het voorval in de periode (Europe/Amsterdam); per thema, "
        "gebied (een wijk telt haar buurten mee) of bron.",
    },
    "meldingen_per_1000_inwoners": {
        "beschrijving": "Meldingen per 1.000 inwoners van het gebied.",
        "bron": "Meldingen (als boven) en het inwonertal van het gebied.",
        "filter": "Alleen gebieden met een inwonertal; verborgen als het aantal meldingen "
        "klein is.",
    },
    "inzet_uren": {
        "beschrijving": "Gerealiseerde inzet van handhavers in uren.",
        "bron": "Diensten met hun inzet per thema in minuten (PatrolLog, PatrolEffort).",
        "filter": "Diensten die in de periode begonnen.",
    },
    "inzet_uren_per_gebied": {
        "beschrijving": "Gerealiseerde inzet in uren per gebied; een dienst in meer gebieden "
        "telt in elk ervan.",
        "bron": "Diensten, hun gebieden en hun inzet.",
        "filter": "Diensten die in de periode begonnen.",
    },
    "aandeel_reactieve_inzet_pct": {
        "beschrijving": "Deel van de inzet dat reactief was (op meldingen), in procenten.",
        "bron": "Inzet per thema, gemarkeerd gepland of reactief.",
        "filter": "Diensten die in de periode begonnen.",
    },
    "inzet_gepland_uren": {
        "beschrijving": "Uren die het vastgestelde uitvoeringsprogramma voor de periode plant.",
        "bron": "Activiteiten van het vastgestelde uitvoeringsprogramma.",
        "filter": "Niet uitgestelde activiteiten; hun uren gelijk verdeeld over hun maanden.",
    },
    "inzet_realisatie_pct": {
        "beschrijving": "Gerealiseerde inzet als percentage van de geplande.",
        "bron": "Inzet en uitvoeringsprogramma.",
        "filter": "Alleen de periode zelf.",
    },
    "activiteiten_gepland": {
        "beschrijving": "Aantal activiteiten van het programma in de periode.",
        "bron": "Uitvoeringsprogramma.",
        "filter": "Vastgesteld programma, niet uitgesteld, overlappend met de periode.",
    },
    "activiteiten_met_inzet": {
        "beschrijving": "Activiteiten waarop inzet is geregistreerd.",
        "bron": "Uitvoeringsprogramma en inzet gekoppeld aan een activiteit.",
        "filter": "Als activiteiten_gepland.",
    },
    "activiteiten_uren_gepland": {
        "beschrijving": "Geplande uren van die activiteiten in de periode.",
        "bron": "Uitvoeringsprogramma.",
        "filter": "Als activiteiten_gepland.",
    },
    "activiteiten_uren_met_inzet": {
        "beschrijving": "Uren inzet op die activiteiten.",
        "bron": "Inzet gekoppeld aan een activiteit.",
        "filter": "Diensten die in de periode begonnen.",
    },
    "overtredingen": {
        "beschrijving": "Aantal vastgelegde overtredingen.",
        "bron": "Overtredingen (Violation) met hun interventie.",
        "filter": "Datum van de overtreding in de periode; thema en gebied van de melding.",
    },
    "zaken_geopend": {
        "beschrijving": "Aantal zaken geopend.",
        "bron": "Zaken (Case).",
        "filter": "Openingsdatum in de periode.",
    },
    "zaken_afgesloten": {
        "beschrijving": "Aantal zaken afgesloten.",
        "bron": "Zaken (Case).",
        "filter": "Sluitdatum in de periode.",
    },
    "zaken_over_streefdatum": {
        "beschrijving": "Zaken open aan het eind van de periode met een streefdatum ervoor.",
        "bron": "Zaken (Case).",
        "filter": "Stand op de laatste dag van de periode.",
    },
    "vooruitblik_meldingen_verwacht": {
        "beschrijving": "Meldingen per thema die de vooruitblik voor het kwartaal verwachtte.",
        "bron": "Vooruitblik (wekelijkse berekening), gemaakt uit de weken vóór het kwartaal.",
        "filter": "Weken die in het kwartaal beginnen; de methode staat in de rapportage.",
    },
    "vooruitblik_meldingen_ondergrens": {
        "beschrijving": "Ondergrens van het 80%-interval van de vooruitblik.",
        "bron": "Als vooruitblik_meldingen_verwacht.",
        "filter": "Als vooruitblik_meldingen_verwacht.",
    },
    "vooruitblik_meldingen_bovengrens": {
        "beschrijving": "Bovengrens van het 80%-interval van de vooruitblik.",
        "bron": "Als vooruitblik_meldingen_verwacht.",
        "filter": "Als vooruitblik_meldingen_verwacht.",
    },
    "vooruitblik_meldingen_werkelijk": {
        "beschrijving": "Meldingen per thema die in die weken binnenkwamen.",
        "bron": "Registratie van meldingen (Incident).",
        "filter": "Weken die in het kwartaal beginnen; verborgen als het aantal klein is.",
    },
    "doorlooptijd_mediaan_dagen": {
        "beschrijving": "Mediaan van de doorlooptijd in kalenderdagen.",
        "bron": "Zaken (Case), van openen tot sluiten.",
        "filter": "Zaken afgesloten in de periode.",
    },
}

CSV_HEADER = ["periode", "maatstaf", "thema", "gebied", "categorie", "waarde", "onderdrukt"]


def _base_key(key: str) -> str:
    return key.split("_", 1)[1] if key.startswith("theme") and key[5:6].isdigit() else key


def _machine(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(round(value, 2))
    return str(value)


def open_data_rows(presented: dict) -> list[dict]:
    """Every number once, in long format (dicts with the CSV_HEADER keys)."""
    periods = [p["code"] for p in presented["periods"]]
    if periods[1] == periods[2]:
        periods = periods[:2]
    seen, out = set(), []

    def emit(period, measure, theme, area, category, cell):
        key = (period, measure, theme, area, category)
        if key in seen:
            return
        seen.add(key)
        out.append(
            {
                "periode": period,
                "maatstaf": measure,
                "thema": theme,
                "gebied": area,
                "categorie": category,
                "waarde": None if cell["suppressed"] else cell["value"],
                "onderdrukt": bool(cell["suppressed"]),
            }
        )

    groups = [(None, s) for s in presented["sections"]]
    groups += [(s["title"], s) for s in presented["theme_sections"]]
    for theme, section in groups:
        for t in section["tables"]:
            base = _base_key(t["key"])
            rows = [*t["rows"], *t.get("appendix_rows", [])]
            if base in TABLE_MEASURES:
                measure, dim = TABLE_MEASURES[base]
                value_cells = (0, 1, 3)[: len(periods)]
                for r in [*rows, *([t["total"] | {"key": "total"}] if t["total"] else [])]:
                    label = ALL if r.get("key") == "total" else _POPULATION.sub("", r["label"])
                    if r.get("key") == "all":
                        label = ALL
                    where = {"thema": theme or ALL, "gebied": ALL, "categorie": ALL}
                    if dim == "thema":
                        where["thema"] = label if label != ALL else (theme or ALL)
                    elif dim == "gebied":
                        where["gebied"] = label
                    else:
                        where["categorie"] = f"{dim}: {label}" if label != ALL else ALL
                    for period, i in zip(periods, value_cells, strict=False):
                        emit(
                            period,
                            measure,
                            where["thema"],
                            where["gebied"],
                            where["categorie"],
                            r["cells"][i],
                        )
            elif base in LIST_MEASURES:
                for r in [*rows, *([t["total"]] if t["total"] else [])]:
                    label = ALL if r["label"] == "Totaal" else r["label"]
                    for measure, cell in zip(LIST_MEASURES[base], r["cells"], strict=False):
                        if measure and cell.get("kind") != "text":
                            emit(periods[0], measure, theme or label, ALL, ALL, cell)
    return out


def render_csv(report, presented: dict) -> bytes:
    rows = open_data_rows(presented)
    return exports.csv_bytes(
        header=CSV_HEADER,
        rows=(
            [
                r["periode"],
                r["maatstaf"],
                r["thema"],
                r["gebied"],
                r["categorie"],
                _machine(r["waarde"]),
                "true" if r["onderdrukt"] else "false",
            ]
            for r in rows
        ),
        delimiter=",",
        bom=False,
    )


def render_json(report, presented: dict) -> bytes:
    rows = open_data_rows(presented)
    used = sorted({r["maatstaf"] for r in rows})
    document = {
        "titel": f"Raadsrapportage {report.period_obj.label}",
        "gemeente": settings.MUNICIPALITY_NAME,
        "periode": report.period,
        "versie": report.version,
        "drempel_kleine_aantallen": report.threshold,
        "toelichting": (
            f"Aantallen onder {report.threshold} zijn onderdrukt (waarde leeg, onderdrukt "
            "waar), evenals getallen die zo'n aantal zouden verraden. 'alle' staat voor alle "
            "thema's, gebieden of categorieën samen."
        ),
        "maatstaven": {m: MEASURES.get(m, {}) for m in used},
        "cijfers": rows,
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
