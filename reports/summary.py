"""The report's first page: the figures that matter, their trend, and what they say in words.

``summary_cards(figures, threshold)`` turns the frozen figures (their ``summary`` part:
eight periods of each measure, ``reports.figures.trends``) into cards, each with a
value, a trend line (SVG), one generated Dutch sentence and, where the period lies
beyond normal variation, a mark.

Normal variation (``NORMAL_VARIATION``, printed under the summary). Registration has
seasons (more incidents in summer), so a quarter is judged on its change against the
same quarter a year earlier, not against the quarter before: that change is compared
with the same changes of the seven quarters before it. More than two spreads from
their mean is marked; the spread is their standard deviation and, for counts, at
least the chance variation of the difference of two counts (the square root of their
sum, as for two Poisson counts). Any other change is a wobble and is not marked.

Small counts follow the report's rule: a count below the threshold is written as
"minder dan N" and gets no percentage change.
"""

from __future__ import annotations

import math
import statistics

from reports import charts
from reports.presentation import fmt_number

NORMAL_VARIATION = (
    "Gemarkeerd (▲ of ▼) is alleen wat buiten de normale variatie valt. Omdat de cijfers "
    "seizoenen kennen, telt de verandering ten opzichte van hetzelfde kwartaal een jaar "
    "eerder; die wordt vergeleken met dezelfde verandering in de zeven kwartalen ervoor. "
    "Wijkt zij meer dan twee keer de gebruikelijke spreiding af (de standaardafwijking, "
    "bij aantallen ten minste de schommeling die bij toeval al optreedt: de wortel uit de "
    "som van beide aantallen), dan is zij gemarkeerd. Kleinere schommelingen niet."
)
SHOWN = 8  # periods drawn; the series hold four more to judge the first drawn ones
ORDINALS = {2: "tweede", 3: "derde", 4: "vierde", 5: "vijfde", 6: "zesde", 7: "zevende"}


def beyond_normal(values: list, *, count: bool, season: int = 4) -> int:
    """+1 or -1 when the last value's change against ``season`` periods earlier lies
    beyond normal variation of the earlier such changes (at least three), else 0."""
    changes = [
        (b - a, a + b)
        for a, b in zip(values[:-season], values[season:], strict=True)
        if a is not None and b is not None
    ]
    if len(values) <= season or values[-1] is None or values[-1 - season] is None:
        return 0
    (last, last_sum), earlier = changes[-1], [c for c, _ in changes[:-1]]
    if len(earlier) < 3:
        return 0
    mean = statistics.fmean(earlier)
    spread = statistics.stdev(earlier)
    if count:
        spread = max(spread, math.sqrt(last_sum))
    spread = max(spread, 1e-9)
    if abs(last - mean) > 2 * spread:
        return 1 if last > mean else -1
    return 0


def streak(values: list) -> int:
    """How many periods in a row the value rose (> 0) or fell (< 0), ending at the last."""
    run = 0
    for a, b in zip(values[-2::-1], values[::-1], strict=False):
        if a is None or b is None or a == b:
            break
        step = 1 if b > a else -1
        if run and (run > 0) != (step > 0):
            break
        run += step
    return run


def _small(n, threshold) -> bool:
    return threshold is not None and n is not None and 0 < n < threshold


def say_count(n, threshold, unit: str = "count") -> str:
    if _small(n, threshold):
        return f"minder dan {threshold}"
    return fmt_number(n, unit)


def say_change(now, before, threshold, *, count: bool = True) -> str:
    """ "12 % meer" / "8 % minder" / "evenveel"; empty when it cannot be said."""
    if (
        now is None
        or before is None
        or (count and (_small(now, threshold) or _small(before, threshold)))
    ):
        return ""
    if now == before:
        return "evenveel als"
    if not before:
        return "meer dan"
    pct = round(100 * (now - before) / before)
    if pct == 0:
        return "ongeveer evenveel als"
    return f"{abs(pct)} % {'meer' if pct > 0 else 'minder'} dan"


def _table(figures: dict, key: str) -> dict | None:
    for group in (figures.get("sections", []), figures.get("theme_sections", [])):
        for s in group:
            for t in s["tables"]:
                if t["key"] == key:
                    return t
    return None


def _trend_sentence(label: str, values: list, noun: str) -> str:
    run = streak(values)
    if abs(run) >= 2:
        return f"{label} {'steeg' if run > 0 else 'daalde'} voor het {ORDINALS.get(abs(run), f'{abs(run)}e')} {noun} op rij."
    return ""


def _card(key, title, value, unit, values, sentence, *, count, periods, threshold, season):
    shown = [None if (count and _small(v, threshold)) else v for v in values]
    flag = beyond_normal(shown, count=count, season=season)
    return {
        "key": key,
        "title": title,
        "value": say_count(value, threshold, unit) if value is not None else "–",
        "sentence": sentence,
        "flag": flag,
        "flag_text": {1: "▲ hoger dan normaal", -1: "▼ lager dan normaal"}.get(flag, ""),
        "spark": charts.sparkline(title, shown[-SHOWN:], periods=periods[-SHOWN:], unit=unit),
        "series": shown[-SHOWN:],
    }


def summary_cards(figures: dict, threshold: int | None) -> list[dict]:
    summary = figures.get("summary")
    if not summary:
        return []
    periods = summary["periods"]
    noun = "jaar" if len(periods[-1]["code"]) == 4 else "kwartaal"
    season = 1 if noun == "jaar" else 4
    s = summary["series"]
    cards = []

    inc = s["incidents"]
    sentence = f"Er kwamen {say_count(inc[-1], threshold)} meldingen binnen"
    change = say_change(inc[-1], inc[-2], threshold)
    sentence += f", {change} het vorige {noun}." if change else "."
    sentence += _theme_sentence(figures, summary, threshold, noun)
    cards.append(
        _card(
            "incidents",
            "Meldingen",
            inc[-1],
            "count",
            inc,
            sentence,
            count=True,
            periods=periods,
            threshold=threshold,
            season=season,
        )
    )

    hours, planned = s["effort_hours"], s["planned_hours"]
    if planned[-1]:
        pct = round(100 * hours[-1] / planned[-1])
        sentence = (
            f"Handhavers maakten {fmt_number(hours[-1], 'hours')} uur; het uitvoeringsprogramma "
            f"plande {fmt_number(planned[-1], 'hours')} uur: {pct} % gerealiseerd."
        )
    else:
        sentence = (
            f"Handhavers maakten {fmt_number(hours[-1], 'hours')} uur; er was geen inzet gepland "
            "in een vastgesteld uitvoeringsprogramma."
        )
    cards.append(
        _card(
            "effort",
            "Inzet (uren) t.o.v. gepland",
            hours[-1],
            "hours",
            hours,
            sentence,
            count=False,
            periods=periods,
            threshold=threshold,
            season=season,
        )
    )

    share = s["reactive_share"]
    if share[-1] is not None:
        sentence = f"{fmt_number(share[-1], 'percent')} van de inzet was reactief: werk op meldingen in plaats van op het programma"
        sentence += (
            f" (vorig {noun} {fmt_number(share[-2], 'percent')})." if share[-2] is not None else "."
        )
    else:
        sentence = "Er is geen inzet geregistreerd."
    cards.append(
        _card(
            "reactive",
            "Aandeel reactieve inzet",
            share[-1],
            "percent",
            share,
            sentence,
            count=False,
            periods=periods,
            threshold=threshold,
            season=season,
        )
    )

    vio = s["violations"]
    sentence = f"Er zijn {say_count(vio[-1], threshold)} overtredingen vastgelegd"
    table = _table(figures, "violations_by_intervention")
    top = max(table["rows"], key=lambda r: r["values"][0], default=None) if table else None
    if top and top["values"][0] and not _small(top["values"][0], threshold):
        sentence += f"; de meest gekozen interventie was {top['label'].lower()} ({fmt_number(top['values'][0])})."
    else:
        sentence += "."
    cards.append(
        _card(
            "violations",
            "Overtredingen en interventies",
            vio[-1],
            "count",
            vio,
            sentence,
            count=True,
            periods=periods,
            threshold=threshold,
            season=season,
        )
    )

    opened, closed = s["cases_opened"], s["cases_closed"]
    sentence = f"{say_count(opened[-1], threshold).capitalize()} zaken geopend en {say_count(closed[-1], threshold)} afgesloten."
    if opened[-1] > closed[-1] and not _small(opened[-1], threshold):
        sentence += " Er kwamen meer zaken bij dan er werden afgesloten."
    cards.append(
        _card(
            "cases",
            "Zaken geopend en afgesloten",
            opened[-1],
            "count",
            opened,
            sentence,
            count=True,
            periods=periods,
            threshold=threshold,
            season=season,
        )
    )

    overdue = s["cases_overdue"]
    sentence = f"Aan het eind van het {noun} waren {say_count(overdue[-1], threshold)} open zaken over hun streefdatum."
    trend = _trend_sentence("Dat aantal", overdue, noun)
    sentence += f" {trend}" if trend else ""
    cards.append(
        _card(
            "overdue",
            "Zaken over de streefdatum",
            overdue[-1],
            "count",
            overdue,
            sentence,
            count=True,
            periods=periods,
            threshold=threshold,
            season=season,
        )
    )

    goals = _table(figures, "goals")
    judged: dict[str, int] = {}
    for r in goals["rows"] if goals else []:
        judged[r["values"][5]] = judged.get(r["values"][5], 0) + 1
    n_goals = sum(judged.values())
    if n_goals:
        parts = [f"{n} {label.lower()}" for label, n in judged.items()]
        sentence = (
            f"Van de {n_goals} doelen: "
            + ", ".join(parts)
            + " (laatste oordeel van de expertgroep)."
        )
    else:
        sentence = "Er zijn voor dit jaar geen doelen vastgelegd."
    off = judged.get("Niet op koers", 0)
    cards.append(
        {
            "key": "goals",
            "title": "Doelen op en niet op koers",
            "value": f"{judged.get('Op koers', 0)} van {n_goals} op koers" if n_goals else "–",
            "sentence": sentence,
            "flag": -1 if off else 0,
            "flag_text": f"▼ {off} niet op koers" if off else "",
            "spark": "",
            "series": [],
        }
    )

    groups = _table(figures, "expert_groups_not_met")
    names = [r["label"] for r in groups["rows"]] if groups else []
    if names:
        sentence = f"{len(names)} expertgroep{'en' if len(names) > 1 else ''} kwam{'en' if len(names) > 1 else ''} niet bijeen: {', '.join(names)}."
    else:
        sentence = f"Alle expertgroepen kwamen dit {noun} bijeen."
    cards.append(
        {
            "key": "groups",
            "title": "Expertgroepen die niet bijeenkwamen",
            "value": str(len(names)),
            "sentence": sentence,
            "flag": -1 if names else 0,
            "flag_text": "▼ niet bijeengekomen" if names else "",
            "spark": "",
            "series": [],
        }
    )
    return cards


def _theme_sentence(figures: dict, summary: dict, threshold, noun: str) -> str:
    """The theme whose incidents changed most notably, and the district that drove it."""
    names = {str(t["id"]): t["name"] for t in summary.get("themes", [])}
    best = None
    for theme, values in summary.get("incidents_theme", {}).items():
        if _small(values[-1], threshold) or _small(values[-2], threshold) or theme not in names:
            continue
        flag = beyond_normal(values, count=True, season=4 if noun == "kwartaal" else 1)
        run = streak(values)
        score = (abs(flag), abs(run) if abs(run) >= 2 else 0, abs(values[-1] - values[-2]))
        if best is None or score > best[0]:
            best = (score, theme, values, flag, run)
    if best is None or (best[0][0] == 0 and best[0][1] == 0):
        return ""
    _score, theme, values, flag, run = best
    name = names[theme].lower()
    if abs(run) >= 2:
        text = f" Het aantal meldingen over {name} {'steeg' if run > 0 else 'daalde'} voor het {ORDINALS.get(abs(run), f'{abs(run)}e')} {noun} op rij"
    else:
        text = f" Het aantal meldingen over {name} {'steeg' if values[-1] > values[-2] else 'daalde'} meer dan gewoonlijk"
    district = _driving_district(figures, theme, up=values[-1] > values[-2], threshold=threshold)
    return text + (f", vooral in {district}." if district else ".")


def _driving_district(figures: dict, theme: str, *, up: bool, threshold) -> str | None:
    table = _table(figures, f"theme{theme}_incidents_by_area")
    if not table:
        return None
    best = None
    for r in table["rows"]:
        if r.get("level") != "wijk":
            continue
        now, before = r["values"][0], r["values"][1]
        if _small(now, threshold) or _small(before, threshold):
            continue
        change = (now - before) * (1 if up else -1)
        if change > 0 and (best is None or change > best[0]):
            best = (change, r["label"])
    return best[1] if best else None
