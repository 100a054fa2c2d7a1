"""Forecast against actual in the council report: stored with the build, in every file,
small counts hidden as in the other tables."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from enforcement.models import Theme
from enforcement.tests.factories import ThemeFactory
from forecast.models import QuarterCheck
from reports import renderers
from reports.figures import figures_compute
from reports.models import CouncilReport
from reports.services import report_build, report_publish
from reports.tests.conftest import Q2, figure_queries
from reports.tests.test_reports import _files, _pdf_text, _xlsx_rows

pytestmark = pytest.mark.django_db

SHEET = "Verwacht en werkelijk"


def _check(theme, *, expected, low, high, actual, method="glm", quarter_start=Q2.start):
    return QuarterCheck.objects.create(
        theme=theme,
        quarter_start=quarter_start,
        weeks=13,
        expected=expected,
        low=low,
        high=high,
        actual=actual,
        method=method,
        computed_at=timezone.now(),
    )


@pytest.fixture
def checked(known_data):
    themes = {t.code: t for t in Theme.objects.all()}
    _check(themes["overlast"], expected=10.4, low=7, high=14.2, actual=12)
    _check(themes["afval"], expected=5, low=2, high=8, actual=3, method="seasonal_naive")
    # At the threshold, but the theme table hides Jeugd's count (4): hidden with it.
    _check(themes["jeugd"], expected=9, low=6, high=12, actual=6, method="last_quarter")
    # Another quarter's check is not this report's.
    _check(themes["overlast"], expected=99, low=90, high=110, actual=50, quarter_start=Q2.end)
    return themes


def _forecast_table(figures: dict) -> dict:
    section = next(s for s in figures["sections"] if s["key"] == "forecast")
    (table,) = section["tables"]
    return table


def _published(policy_officer) -> CouncilReport:
    report = report_build(period=Q2, actor=policy_officer)
    return report_publish(report_id=report.pk, actor=policy_officer)


def test_the_build_stores_the_quarters_forecast_against_actual(checked):
    table = _forecast_table(report_build(period=Q2).figures)
    assert [(r["label"], r["values"]) for r in table["rows"]] == [
        ("Overlast", [10, 7, 14, 12, "ja", "Poisson-regressie (seizoen, feestdagen, trend)"]),
        ("Afval", [5, 2, 8, 3, "ja", "Zelfde week vorig jaar"]),
        ("Jeugd", [9, 6, 12, 6, "ja", "Gemiddelde laatste kwartaal"]),
    ]


def test_no_section_without_a_check_of_the_quarter(known_data):
    assert "forecast" not in [s["key"] for s in report_build(period=Q2).figures["sections"]]


def test_the_published_report_keeps_its_forecast_figures_when_the_tables_change(
    checked, policy_officer, council_member, client
):
    report = _published(policy_officer)
    stored = _files(report)
    QuarterCheck.objects.filter(theme=checked["overlast"]).update(expected=1, actual=1)
    QuarterCheck.objects.all().delete()
    report.refresh_from_db()
    assert _forecast_table(report.figures)["rows"][0]["values"][:4] == [10, 7, 14, 12]
    # The files rendered again from the stored figures say what the published ones say.
    text = _pdf_text(renderers.render_pdf(report))
    assert "Vooruitblik tegen werkelijkheid" in text
    assert text == _pdf_text(stored["pdf"])
    client.force_login(council_member)
    body = client.get(reverse("reports:portal_detail", args=[report.pk])).content.decode()
    assert "Vooruitblik tegen werkelijkheid" in body
    assert "Poisson-regressie (seizoen, feestdagen, trend)" in body


def test_pdf_xlsx_and_open_data_show_the_check_with_small_counts_hidden(checked, policy_officer):
    files = _files(_published(policy_officer))
    text = " ".join(_pdf_text(files["pdf"]).split())
    assert "Vooruitblik tegen werkelijkheid" in text
    assert "de verwachting gemaakt uit de weken vóór het kwartaal" in text
    assert "Overlast 10 7 14 12 ja Poisson-regressie (seizoen, feestdagen, trend)" in text
    # Afval: 3 incidents came in; neither the count nor inside/outside is shown.
    assert "Afval 5 2 8 < 5 – Zelfde week vorig jaar" in text
    assert "Jeugd 9 6 12 < 5 – Gemiddelde laatste kwartaal" in text

    rows = _xlsx_rows(files["xlsx"], SHEET)
    assert rows[0] == ["naam", "Verwacht", "80%-interval van", "tot", "Werkelijk"] + [
        "Binnen interval",
        "Methode",
    ]
    assert rows[1] == ["Overlast", 10, 7, 14, 12, "ja", "Poisson-regressie (seizoen, feestdagen, trend)"]  # fmt: skip
    assert rows[2][4] is None and rows[2][5] is None

    measures = {
        (r["maatstaf"], r["thema"]): (r["waarde"], r["onderdrukt"])
        for r in csv.DictReader(io.StringIO(files["csv"].decode("utf-8-sig")))
        if r["maatstaf"].startswith("vooruitblik_")
    }
    assert measures[("vooruitblik_meldingen_verwacht", "Overlast")] == ("10", "false")
    assert measures[("vooruitblik_meldingen_werkelijk", "Overlast")] == ("12", "false")
    assert measures[("vooruitblik_meldingen_werkelijk", "Afval")] == ("", "true")
    assert measures[("vooruitblik_meldingen_werkelijk", "Jeugd")] == ("", "true")


def test_the_check_costs_one_query_whatever_the_number_of_themes(
    checked, django_assert_num_queries
):
    with django_assert_num_queries(figure_queries()):
        figures_compute(period=Q2)
    for i in range(5):
        _check(ThemeFactory(code=f"extra{i}", order=10 + i), expected=5, low=1, high=9, actual=6)
    with django_assert_num_queries(figure_queries()):
        figures = figures_compute(period=Q2)
    assert len(_forecast_table(figures)["rows"]) == 8
