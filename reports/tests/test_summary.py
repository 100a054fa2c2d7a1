"""The council report's first page and its accessible PDF: figures against counts made
here, the sentences, what counts as beyond normal variation, PDF/UA and reading order."""

import datetime as dt
import io

import pytest
from django.db.models import Sum
from pdfua import validate
from pypdf import PdfReader

from cases.tests.factories import CaseFactory
from enforcement.models import Incident, PatrolEffort, Violation
from enforcement.tests.factories import IncidentFactory
from reports import renderers
from reports.figures import figures_compute
from reports.figures.trends import LOOKBACK, trend_periods
from reports.services import report_build
from reports.summary import beyond_normal, streak, summary_cards
from reports.tests.conftest import Q2, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(known_data):
    """Known data plus incidents in 2024 and cases opened and closed over the quarters."""
    for month, n in ((1, 4), (4, 6), (8, 2), (11, 9)):
        for _ in range(n):
            IncidentFactory(
                theme=known_data["jeugd"],
                area=known_data["zuid"],
                occurred_at=at(dt.date(2024, month, 3)),
            )
    common = {"theme": known_data["overlast"], "area": known_data["noord"]}
    CaseFactory(**common, opened_at=at(dt.date(2026, 4, 2)), due_date=dt.date(2026, 5, 1))
    CaseFactory(**common, opened_at=at(dt.date(2026, 1, 9)), due_date=dt.date(2026, 9, 1))
    CaseFactory(
        **common,
        opened_at=at(dt.date(2025, 11, 2)),
        closed_at=at(dt.date(2026, 5, 2)),
        status="closed",
        due_date=dt.date(2026, 1, 1),
    )
    return known_data


def test_summary_series_equal_counts_made_here(history):
    summary = figures_compute(period=Q2)["summary"]
    periods = trend_periods(Q2, LOOKBACK)
    assert [p["code"] for p in summary["periods"]] == [p.code for p in periods]
    assert summary["periods"][-1]["code"] == "2026Q2"
    s = summary["series"]
    for i, p in enumerate(periods):
        incidents = Incident.objects.filter(occurred_at__gte=p.start_at, occurred_at__lt=p.end_at)
        assert s["incidents"][i] == incidents.count(), p
        violations = Violation.objects.filter(committed_on__gte=p.start, committed_on__lt=p.end)
        assert s["violations"][i] == violations.count(), p
        effort = PatrolEffort.objects.filter(
            patrol_log__started_at__gte=p.start_at, patrol_log__started_at__lt=p.end_at
        )
        minutes = effort.aggregate(m=Sum("minutes"))["m"] or 0
        reactive = effort.filter(kind="reactive").aggregate(m=Sum("minutes"))["m"] or 0
        assert s["effort_hours"][i] == round(minutes / 60, 1), p
        assert s["reactive_share"][i] == (round(100 * reactive / minutes, 1) if minutes else None)
        from cases.models import Case

        opened = Case.objects.filter(opened_at__gte=p.start_at, opened_at__lt=p.end_at).count()
        closed = Case.objects.filter(closed_at__gte=p.start_at, closed_at__lt=p.end_at).count()
        overdue = (
            Case.objects.filter(opened_at__lt=p.end_at, due_date__lt=p.end)
            .exclude(closed_at__lt=p.end_at)
            .count()
        )
        assert (s["cases_opened"][i], s["cases_closed"][i]) == (opened, closed), p
        assert s["cases_overdue"][i] == overdue, p
    assert s["incidents"][-5:] == [11, 0, 0, 7, 19]


def test_summary_cards_say_the_figures_in_plain_dutch(history):
    figures = figures_compute(period=Q2)
    cards = {c["key"]: c for c in summary_cards(figures, threshold=5)}
    assert len(cards) == 8
    incidents = cards["incidents"]
    assert incidents["value"] == "19"
    assert incidents["sentence"].startswith(
        "Er kwamen 19 meldingen binnen, 171 % meer dan het vorige kwartaal."
    )
    # Overlast: 0, 7, 12 over the last three quarters; Noord 7 -> 9, Zuid only 3 (small).
    assert (
        "Het aantal meldingen over overlast steeg voor het tweede kwartaal op rij, vooral in Noord."
        in incidents["sentence"]
    )
    assert len(incidents["series"]) == 8
    assert "<svg" in incidents["spark"] and "Q2 2026: 19" in incidents["spark"]
    assert cards["violations"]["sentence"] == (
        "Er zijn 11 overtredingen vastgelegd; de meest gekozen interventie was schriftelijke "
        "waarschuwing (6)."
    )
    assert cards["reactive"]["value"] == "50,0 %"
    # One case opened in Q2 (below 5): written as such, never as the number.
    assert cards["cases"]["sentence"].startswith("Minder dan 5 zaken geopend en minder dan 5")
    assert cards["cases"]["value"] == "minder dan 5"


@pytest.mark.parametrize(
    ("values", "count", "expected"),
    [
        # Seasons: every summer higher; the summer is not unusual.
        ([10, 20, 10, 10, 11, 21, 11, 10, 10, 20, 10, 11, 11, 21], True, 0),
        # The same, with this summer far above its usual change.
        ([10, 20, 10, 10, 11, 21, 11, 10, 10, 20, 10, 11, 11, 60], True, 1),
        ([100, 100, 100, 100, 102, 98, 101, 99, 100, 101, 99, 100, 40], True, -1),
        # A count's chance variation: 3 -> 6 is a wobble, not a change.
        ([3, 3, 3, 3, 3, 3, 3, 3, 6], True, 0),
        # Too short to judge.
        ([1, 2, 100], True, 0),
        # Hours (no chance floor): a steady series with a jump.
        ([50.0, 50.5, 49.5, 50.0, 50.2, 50.1, 49.9, 50.0, 80.0], False, 1),
    ],
)
def test_beyond_normal_variation_is_judged_against_the_same_quarter_a_year_earlier(
    values, count, expected
):
    assert beyond_normal(values, count=count) == expected


@pytest.mark.parametrize(
    ("values", "expected"),
    [([1, 2, 3, 4], 3), ([4, 3, 2], -2), ([1, 3, 3], 0), ([5, 1, 2], 1), ([None, 2, 3], 1)],
)
def test_streak_counts_rises_and_falls_in_a_row(values, expected):
    assert streak(values) == expected


def test_pdf_is_tagged_pdf_ua_and_reads_summary_first(history, tmp_path):
    report = report_build(period=Q2, actor=None)
    content = renderers.render_pdf(report)
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    findings = validate(str(path))
    assert findings.exit_code == 0, [(f.rule_id, f.message) for f in findings.findings][:5]
    reader = PdfReader(io.BytesIO(content))
    assert reader.metadata.title == "Raadsrapportage Q2 2026 – Gemeente Voorbeeld"
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    pages = [p.extract_text() for p in reader.pages]
    first = pages[0]
    # Reading order: title, the summary's cards, then the method; the tables come later.
    order = [
        "Raadsrapportage 2e kwartaal 2026",
        "Samenvatting",
        "Meldingen",
        "Er kwamen 19 meldingen binnen",
        "Overtredingen en interventies",
        "Gemarkeerd (▲ of ▼) is alleen wat buiten de normale variatie valt",
    ]
    positions = [first.find(text) for text in order]
    assert -1 not in positions and positions == sorted(positions), positions
    assert "Meldingen per thema" not in first
    text = "\n".join(pages)
    assert "Thema: Overlast" in text and "Bijlage: per wijk en buurt" in text
    before_appendix = next(i for i, p in enumerate(pages) if "Bijlage: per wijk en buurt" in p)
    assert before_appendix <= 12
    # Every theme starts on its own page; no page holds only a heading.
    for i, page in enumerate(pages):
        lines = [line for line in page.splitlines() if line.strip() and "pagina" not in line]
        assert len(lines) > 3, (i, lines)
