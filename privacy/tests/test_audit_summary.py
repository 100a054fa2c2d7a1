"""The audit's PDF is a bounded summary pointing to the XLSX, which holds every row."""

import io
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts.roles import Role
from accounts.tests.factories import TeamFactory
from privacy.audit.summary import PDF_LIMIT, pdf_summary
from privacy.audit_render import render_pdf
from privacy.tests.test_audit import _at, _build, _log, year_of_work  # noqa: F401

pytestmark = pytest.mark.django_db

BIG_EXPORTS = PDF_LIMIT + 3
EXTRA_USERS = PDF_LIMIT + 2


@pytest.fixture
def busy_year(request, make_user):
    """More bulk exports, users and holders than the PDF lists (the year of work, plus)."""
    work = request.getfixturevalue("year_of_work")
    exporter = work["exporter"]
    for i in range(BIG_EXPORTS - 1):  # the year of work has one export of 2,500 rows
        _log(
            exporter,
            _at(11, 1 + i, 10),
            action="export",
            object_type="enforcement.incident",
            detail={"rows": 600 + i},
        )
    team = TeamFactory(name="Team Oost")
    for i in range(EXTRA_USERS):
        user = make_user(
            Role.BOA, username=f"oost{i}", first_name=f"Oost{i:02}", last_name="Boa", team=team
        )
        _log(user, _at(3, 10, 10), object_type="enforcement.incident", object_id="")
    return work


def _text(pdf: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"\s+", " ", text)


def test_pdf_is_a_bounded_summary_that_points_to_the_spreadsheet(
    busy_year, functional_admin, django_capture_on_commit_callbacks
):
    audit = _build(functional_admin, django_capture_on_commit_callbacks)
    data = audit.data
    text = _text(audit.pdf.read())

    # The totals, and where the full tables are (with the spreadsheet's checksum).
    assert f"Regels in het toegangslog {data['log_entries']}" in text
    assert f"Afwijkingen gesignaleerd {len(data['anomalies'])}" in text
    assert f"wpg-audit-{data['year']}.xlsx" in text
    assert audit.xlsx_sha256 and audit.xlsx_sha256 in text.replace(" ", "")

    # Bulk exports: more than the limit, so the largest are listed and the rest counted.
    bulk = [a for a in data["anomalies"] if a["kind"] == "Grote export"]
    assert len(bulk) == BIG_EXPORTS
    assert f"Grote export: {BIG_EXPORTS} signaleringen, 1 gebruikers" in text
    assert "2500 regels Meldingen" in text  # the largest first
    assert "600 regels Meldingen" not in text  # the smallest only in the spreadsheet
    assert f"… en nog {BIG_EXPORTS - PDF_LIMIT}, zie de spreadsheet (tabblad Afwijkingen)." in text
    # A kind within the limit is listed whole, without the line.
    assert "Buiten het eigen team: 1 signalering, 1 gebruikers" in text
    assert text.count("zie de spreadsheet (tabblad Afwijkingen)") == 1

    # Access per user: the busiest users, then the rest counted.
    users = len(data["access"])
    assert users > PDF_LIMIT
    assert f"… en nog {users - PDF_LIMIT}, zie de spreadsheet (tabblad Toegang)." in text
    assert "Erik Exporteur" in text
    listed_oost = sum(f"Oost{i:02} Boa" in text for i in range(EXTRA_USERS))
    assert listed_oost < EXTRA_USERS  # not every user's row is in the PDF

    # The users with access: per role, and those without two-factor first.
    holders = len(data["access_holders"])
    assert holders > PDF_LIMIT
    assert (
        f"… en nog {holders - PDF_LIMIT}, zie de spreadsheet (tabblad Gebruikers met toegang)."
        in text
    )
    assert "Nazoeken Z-2019-000123" in text  # four targeted searches: all listed
    assert "zie de spreadsheet (tabblad Gerichte zoekvragen)" not in text


def test_xlsx_holds_every_row(busy_year, functional_admin, django_capture_on_commit_callbacks):
    audit = _build(functional_admin, django_capture_on_commit_callbacks)
    data = audit.data
    book = load_workbook(io.BytesIO(audit.xlsx.read()))

    def rows(sheet):
        return list(book[sheet].iter_rows(min_row=2, values_only=True))

    anomalies = rows("Afwijkingen")
    assert [(r[0], r[1], r[2], r[3]) for r in anomalies] == [
        (a["kind"], a["user"], a["what"], a["count"]) for a in data["anomalies"]
    ]
    assert sum(r[0] == "Grote export" for r in anomalies) == BIG_EXPORTS
    access = rows("Toegang")
    assert [r[0] for r in access] == [r["user"] for r in data["access"]]
    assert {f"Oost{i:02} Boa" for i in range(EXTRA_USERS)} <= {r[0] for r in access}
    assert len(rows("Gebruikers met toegang")) == len(data["access_holders"])
    assert len(rows("Gerichte zoekvragen")) == len(data["targeted"]) == 4


def test_pdf_summary_is_rendered_from_the_stored_figures_without_queries(
    busy_year, functional_admin, django_capture_on_commit_callbacks, django_assert_num_queries
):
    audit = _build(functional_admin, django_capture_on_commit_callbacks)
    with django_assert_num_queries(0):
        summary = pdf_summary(audit.data)
        render_pdf(audit)
    assert summary["totals"]["anomalies"] == len(audit.data["anomalies"])
    assert summary["totals"]["holders_without_two_factor"] == len(audit.data["access_holders"])
    assert [len(b.rows) for b in summary["anomalies"]] == [
        min(b.total, PDF_LIMIT) for b in summary["anomalies"]
    ]
