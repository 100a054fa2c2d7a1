"""The reports pages follow the language switch; the council's files stay Dutch.

The council report is a Dutch public document (the municipality's report to its
council): its PDF, spreadsheet and open data are rendered in Dutch whatever the
interface language of the policy officer who publishes it. The pages around it, and the
figures' titles and labels on those pages, are in the reader's language.
"""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from reports.services import report_build, report_publish
from reports.tests.conftest import Q2

pytestmark = pytest.mark.django_db


def _english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    return client


@pytest.fixture
def published_in_english(known_data, policy_officer):
    with translation.override("en"):
        report = report_build(period=Q2, actor=policy_officer)
        return report_publish(report_id=report.pk, actor=policy_officer)


def test_the_council_files_stay_dutch_when_published_from_an_english_interface(
    published_in_english,
):
    files = {f.format: f.file.open("rb").read() for f in published_in_english.files.all()}
    pdf = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(files["pdf"])).pages)
    assert "Raadsrapportage 2e kwartaal 2026" in pdf
    assert "Meldingen per thema" in pdf and "Totaal 19 7 +12 11 +8" in pdf
    assert "Reports per theme" not in pdf and "Total" not in pdf
    sheets = load_workbook(io.BytesIO(files["xlsx"]))
    cells = {str(c) for ws in sheets for r in ws.iter_rows(values_only=True) for c in r if c}
    assert "Meldingen per thema" in cells and "Reports per theme" not in cells
    assert "Reports per theme" not in files["csv"].decode()


def test_the_portal_shows_a_published_report_in_english_around_the_dutch_document(
    client_for, council_member, published_in_english
):
    client = _english(client_for(council_member))
    html = client.get(reverse("reports:portal_detail", args=[published_in_english.pk])).content
    html = html.decode()
    assert "Council report quarter 2 of 2026" in html
    assert "Reports per theme" in html and "Meldingen per thema" not in html
    assert "difference from the previous quarter" in html
    assert ">Total</th>" in html and "Totaal" not in html
    assert "Bar chart: Q2 2026 (dark) and Q1 2026 (light)." in html
    # The introduction is the report's own (Dutch) text: marked as such for screen readers.
    assert '<p class="text-pre-line" lang="nl">' in html


def test_the_dashboard_in_english(client_for, policy_officer, known_data):
    client = _english(client_for(policy_officer))
    html = client.get(reverse("reports:dashboard"), {"period": Q2.code}).content.decode()
    assert "Management information" in html
    assert "Violations per intervention" in html and "Overtredingen per interventie" not in html
    assert "Cases past their target date (at the end of the period)" in html
    assert "difference from the same quarter last year" in html


def test_the_dashboard_stays_dutch_by_default(client_for, policy_officer, known_data):
    html = client_for(policy_officer).get(reverse("reports:dashboard"), {"period": Q2.code})
    html = html.content.decode()
    assert "Overtredingen per interventie" in html and "Totaal" in html
    assert "verschil t.o.v. zelfde kwartaal vorig jaar" in html
    assert "Reports per theme" not in html
