"""Demo reference data: a plausible municipality inside settings.MUNICIPALITY_BBOX."""

import datetime as dt
from decimal import Decimal

from django.conf import settings

from enforcement import geo
from enforcement.models import (
    Area,
    CaseType,
    Category,
    InterventionType,
    Offence,
    OffenceGroup,
    Strategy,
    Theme,
)
from enforcement.services.reference import area_set_boundary

# code, name, categories
THEMES = [
    ("overlast", "Overlast", ["Geluidsoverlast", "Burenoverlast", "Hinderlijk gedrag"]),
    ("jeugd", "Jeugd", ["Jeugdoverlast", "Samenscholing", "Vandalisme"]),
    ("ondermijning", "Ondermijning", ["Signaal ondermijning", "Verdacht pand"]),
    ("afval", "Afval", ["Bijplaatsing", "Zwerfafval", "Dumping"]),
    ("parkeren", "Parkeren", ["Foutparkeren", "Fietsparkeren", "Wrak"]),
    ("horeca", "Horeca en evenementen", ["Sluitingstijd", "Terras", "Evenement"]),
    ("drugs-alcohol", "Drugs en alcohol", ["Alcohol op straat", "Drugsoverlast"]),
    ("zorg", "Zorg en veiligheid", ["Verward gedrag", "Zorgsignaal"]),
]

# code, name, ladder step, needs offender, needs amount, produces letter
INTERVENTIONS = [
    ("verbal-warning", "Mondelinge waarschuwing", 1, False, False, False),
    ("written-warning", "Schriftelijke waarschuwing", 2, True, False, True),
    ("care-referral", "Doorverwijzing naar zorg", 2, True, False, False),
    ("bsb", "Bestuurlijke strafbeschikking", 3, True, True, False),
    ("pv", "Proces-verbaal", 4, True, True, False),
    ("lod", "Last onder dwangsom", 4, True, True, False),
    ("bestuursdwang", "Bestuursdwang", 5, True, True, False),
]

# feitcode, description, legal basis, theme, default intervention, amount
OFFENCES = [
    (
        "H009",
        "Afval buiten de daarvoor bestemde container plaatsen",
        "APV art. 5:37",
        "afval",
        "bsb",
        "100.00",
    ),
    (
        "H011",
        "Grofvuil op straat zetten buiten de ophaaldag",
        "Afvalstoffenverordening art. 10",
        "afval",
        "written-warning",
        "100.00",
    ),
    (
        "H101",
        "Zich op een openbare plaats ophouden met geopende alcoholhoudende drank",
        "APV art. 2:48",
        "drugs-alcohol",
        "bsb",
        "100.00",
    ),
    (
        "H105",
        "Hinderlijk gedrag op een openbare plaats",
        "APV art. 2:47",
        "overlast",
        "verbal-warning",
        "100.00",
    ),
    ("H120", "Geluidhinder veroorzaken", "APV art. 4:6", "overlast", "written-warning", "140.00"),
    (
        "H140",
        "Fiets plaatsen buiten het fietsenrek in een verbodsgebied",
        "APV art. 5:12",
        "parkeren",
        "verbal-warning",
        "60.00",
    ),
    (
        "R397",
        "Parkeren op een gehandicaptenparkeerplaats",
        "RVV 1990 art. 24",
        "parkeren",
        "pv",
        "460.00",
    ),
    (
        "H200",
        "Terras buiten de vergunde grenzen",
        "APV art. 2:10",
        "horeca",
        "written-warning",
        None,
    ),
    (
        "H210",
        "Horecabedrijf open buiten de sluitingstijd",
        "APV art. 2:30",
        "horeca",
        "lod",
        "1500.00",
    ),
    ("H300", "Vernieling van gemeentelijk eigendom", "APV art. 2:12", "jeugd", "pv", "250.00"),
]

# Groups of offences the demo strategy counts together for repeat offending:
# code, name, offences, premises-bound, own ladder (intervention codes) or None
OFFENCE_GROUPS = [
    ("afval", "Afval", ["H009", "H011"], False, None),
    ("overlast", "Overlast en alcohol", ["H101", "H105", "H120"], False, None),
    ("horeca", "Horeca", ["H200", "H210"], True, ["written-warning", "lod", "bestuursdwang"]),
]

# code, name, standard term in working days
CASE_TYPES = [
    ("overlast-adres", "Overlast op een adres", 20),
    ("jeugdgroep", "Problematische jeugdgroep", 40),
    ("ondermijning-pand", "Ondermijning: verdacht pand", 60),
    ("afval-hotspot", "Afvalhotspot", 15),
    ("horeca-controle", "Horecacontrole", 10),
]

# code, name, population, parts (buurten)
DISTRICTS = [
    ("WK099901", "Centrum", 8200, ["Binnenstad", "Stationsbuurt"]),
    ("WK099902", "Noord", 14600, ["Vogelwijk", "Bloemenbuurt"]),
    ("WK099903", "Oost", 11300, ["Parkwijk", "Industrieterrein Oost"]),
    ("WK099904", "Zuid", 12900, ["Schildersbuurt", "Zuiderhaven"]),
    ("WK099905", "West", 9800, ["Molenbuurt", "Westerpark"]),
    ("WK099906", "Buitengebied", 2100, ["Polder", "Dorpskern"]),
]


def _grid_cells(count: int) -> list[tuple[float, float, float, float]]:
    """Split the municipality's bounding box into ``count`` vertical strips."""
    min_lat, min_lon, max_lat, max_lon = settings.MUNICIPALITY_BBOX
    step = (max_lon - min_lon) / count
    return [(min_lat, min_lon + i * step, max_lat, min_lon + (i + 1) * step) for i in range(count)]


def seed(*, stdout) -> None:
    seed_reference(stdout=stdout)
    from enforcement.demo import incidents as demo_incidents
    from enforcement.demo import patrols as demo_patrols

    demo_incidents.seed(stdout=stdout)
    demo_patrols.seed(stdout=stdout)  # patrol logs and violations (after incidents)


def seed_reference(*, stdout) -> None:
    """Reference data only (also used by generate_data, which makes its own records)."""
    for order, (code, name, categories) in enumerate(THEMES, start=1):
        theme, _ = Theme.objects.get_or_create(code=code, defaults={"name": name, "order": order})
        for category in categories:
            Category.objects.get_or_create(theme=theme, name=category)
    interventions = {}
    for code, name, step, offender, amount, letter in INTERVENTIONS:
        interventions[code], _ = InterventionType.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "ladder_step": step,
                "needs_offender": offender,
                "needs_amount": amount,
                "produces_letter": letter,
            },
        )
    for code, description, basis, theme, intervention, amount in OFFENCES:
        Offence.objects.get_or_create(
            code=code,
            defaults={
                "description": description,
                "legal_basis": basis,
                "theme": Theme.objects.get(code=theme),
                "default_intervention": interventions[intervention],
                "default_amount": Decimal(amount) if amount else None,
            },
        )
    _seed_strategy()
    for code, name, term in CASE_TYPES:
        CaseType.objects.get_or_create(
            code=code, defaults={"name": name, "standard_term_days": term}
        )
    for (code, name, population, parts), cell in zip(
        DISTRICTS, _grid_cells(len(DISTRICTS)), strict=True
    ):
        district, created = Area.objects.get_or_create(
            code=code, defaults={"name": name, "kind": Area.Kind.DISTRICT, "population": population}
        )
        if created:
            area_set_boundary(area=district, boundary=geo.rectangle(*cell))
        min_lat, min_lon, max_lat, max_lon = cell
        mid_lat = (min_lat + max_lat) / 2
        halves = [(min_lat, min_lon, mid_lat, max_lon), (mid_lat, min_lon, max_lat, max_lon)]
        for index, (part, half) in enumerate(zip(parts, halves, strict=True), start=1):
            buurt, created = Area.objects.get_or_create(
                code=f"BU{code[2:]}{index:02d}",
                defaults={
                    "name": part,
                    "kind": Area.Kind.NEIGHBOURHOOD,
                    "parent": district,
                    "population": population // 2,
                },
            )
            if created:
                area_set_boundary(area=buurt, boundary=geo.rectangle(*half))
    stdout.write(
        f"  referentiegegevens: {Theme.objects.count()} thema's, {Area.objects.count()} gebieden, "
        f"{Offence.objects.count()} feiten, {CaseType.objects.count()} zaaktypen"
    )


def _seed_strategy() -> None:
    """Groups of offences and version 1 of the strategy (the LHSO-based default), adopted."""
    from enforcement.services import strategy as strategy_svc

    ladders = {}
    for code, name, offences, premises, ladder in OFFENCE_GROUPS:
        group, created = OffenceGroup.objects.get_or_create(code=code, defaults={"name": name})
        if created:
            Offence.objects.filter(code__in=offences).update(group=group, premises_bound=premises)
        if ladder:
            ladders[group.pk] = [InterventionType.objects.get(code=c) for c in ladder]
    if Strategy.objects.exists():
        return
    draft = strategy_svc.strategy_draft_create(actor=None)
    if ladders:
        from enforcement import matrix

        table = matrix.table_for(draft)
        strategy_svc.strategy_draft_update(
            actor=None,
            strategy=draft,
            name=draft.name,
            description="Modelstrategie voor de demo.",
            repeat_window_days=draft.repeat_window_days,
            cells=table.cells,
            ladders={**table.ladders, **ladders},
        )
    strategy_svc.strategy_adopt(actor=None, strategy=draft, adopted_on=dt.date(2015, 1, 1))
