"""Building, publishing and the files of council reports."""

import csv
import datetime as dt
import hashlib
import io

import pytest
import time_machine
from django.db import IntegrityError
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts.models import Notification
from enforcement.tests.factories import IncidentFactory
from reports.models import CouncilReport, ReportBuild
from reports.periods import Period
from reports.services import (
    ReportError,
    report_build,
    report_build_request,
    report_publish,
    report_update_text,
)
from reports.tests.conftest import (
    INCIDENT_ADDRESS,
    OFFENDER_ADDRESS,
    OFFENDER_DOB,
    OFFENDER_NAME,
    Q2,
    REPORTER_NAME,
    at,
)

pytestmark = pytest.mark.django_db


def _files(report) -> dict:
    return {f.format: f.file.open("rb").read() for f in report.files.all()}


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _xlsx_rows(content: bytes, sheet: str) -> list[list]:
    wb = load_workbook(io.BytesIO(content))
    return [list(r) for r in wb[sheet].iter_rows(values_only=True)]


@pytest.fixture
def published(known_data, policy_officer):
    report = report_build(period=Q2, actor=policy_officer)
    report_update_text(
        report_id=report.pk,
        actor=policy_officer,
        introduction="Het aantal meldingen over overlast steeg.",
        change_note="",
    )
    return report_publish(report_id=report.pk, actor=policy_officer)


def test_build_makes_a_draft_with_figures_and_tells_the_policy_officer(
    known_data, policy_officer, django_assert_max_num_queries
):
    # Figures (with effort per area), the draft, the build row, and marking older
    # messages of the draft handled, and the notification's e-mail in the task outbox.
    # +1: the summary's trend over twelve quarters (one query on the rollups).
    # +5: the build row's progress, one UPDATE per subject (six) instead of one.
    # +1: forecast against actual (one query whatever the number of themes).
    with django_assert_max_num_queries(41):
        report = report_build(period=Q2, actor=None)
    assert report.status == CouncilReport.Status.DRAFT
    assert report.version == 1
    assert report.figures["sections"][0]["tables"][0]["total"]["values"] == [19, 7, 11]
    build = ReportBuild.objects.get()
    assert (build.status, build.progress, build.report_id) == ("done", 100, report.pk)
    assert Notification.objects.filter(user=policy_officer, message__contains="Q2 2026").exists()


def test_publish_stores_three_files_with_their_sha256(published):
    files = {f.format: f for f in published.files.all()}
    assert set(files) == {"pdf", "xlsx", "csv", "json"}
    for f in files.values():
        content = f.file.open("rb").read()
        assert f.sha256 == hashlib.sha256(content).hexdigest()
        assert f.size == len(content)
    assert published.status == "published" and published.published_at


def test_pdf_states_the_numbers(published):
    text = _pdf_text(_files(published)["pdf"])
    assert "Raadsrapportage 2e kwartaal 2026" in text
    assert "Het aantal meldingen over overlast steeg." in text
    # Meldingen per thema: columns Q2 2026, Q1 2026, difference, Q2 2025, difference.
    assert "Overlast 12 7 +5 5 +7" in text
    assert "Afval < 5 0 – 6 –" in text
    assert "Jeugd < 5 0 – 0 –" in text
    assert "Totaal 19 7 +12 11 +8" in text
    assert "Mondelinge waarschuwing 5 0 +5 0 +5" in text
    assert "Schriftelijke waarschuwing 6 < 5 – 0 +6" in text
    assert "Totaal 11 < 5 – 0 +11" in text


def test_xlsx_cells_hold_the_numbers(published):
    rows = _xlsx_rows(_files(published)["xlsx"], "Meldingen")
    assert rows[0] == [
        "tabel",
        "onderdeel",
        "Q2 2026",
        "Q1 2026",
        "verschil t.o.v. vorig kwartaal",
        "Q2 2025",
        "verschil t.o.v. zelfde kwartaal vorig jaar",
        "onderdrukt",
    ]
    by_label = {}
    for row in rows[1:]:
        if row[0] == "Meldingen per thema":
            by_label[row[1]] = row
    assert by_label["Overlast"][2:7] == [12, 7, 5, 5, 7]
    assert by_label["Totaal"][2:7] == [19, 7, 12, 11, 8]
    # A small count is an empty cell, named in the marker column and commented.
    assert by_label["Afval"][2:4] == [None, 0]
    assert by_label["Afval"][7] == "Q2 2026"
    overview = _xlsx_rows(_files(published)["xlsx"], "Overzicht")
    assert ["Periode", "Q2 2026", "2026-04-01", "2026-06-30"] in [list(r[:4]) for r in overview]


def test_xlsx_is_for_analysts_numbers_bold_frozen_headers_and_a_chart(published):
    wb = load_workbook(io.BytesIO(_files(published)["xlsx"]))
    assert wb.sheetnames == [
        "Overzicht",
        "Meldingen",
        "Inzet",
        "Overtredingen",
        "Zaken",
        "Per thema",
        "Inzet gepland",  # list tables with rows (no programme in this data)
    ]
    for name in ("Meldingen", "Inzet", "Overtredingen", "Zaken"):
        ws = wb[name]
        assert ws.freeze_panes == "A2"
        assert all(c.font.bold for c in ws[1])
        headers = [c.value for c in ws[1]]
        assert len(headers) == len(set(headers)), headers
        assert ws.column_dimensions["A"].width >= 30
        # Every figure cell is a number or empty (suppressed), never text.
        for row in ws.iter_rows(min_row=2, min_col=3, max_col=len(headers) - 1):
            for cell in row:
                assert cell.value is None or isinstance(cell.value, int | float), cell.value
    # openpyxl does not read charts back: count the native chart parts in the file,
    # one per comparison sheet (four sections and the per-theme sheet).
    import zipfile

    names = zipfile.ZipFile(io.BytesIO(_files(published)["xlsx"])).namelist()
    # (a sheet whose first table has no rows, here Zaken, gets none)
    assert len([n for n in names if n.startswith("xl/charts/chart")]) == 4
    ws = wb["Meldingen"]
    afval = next(r for r in ws.iter_rows(min_row=2) if r[1].value == "Afval")
    assert afval[2].value is None and afval[2].comment.text == "< 5"


def test_csv_is_open_data_in_long_format_that_parses_back_to_the_figures(published):
    content = _files(published)["csv"].decode("utf-8")
    assert not content.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert list(rows[0]) == [
        "periode",
        "maatstaf",
        "thema",
        "gebied",
        "categorie",
        "waarde",
        "onderdrukt",
    ]
    value = {
        (r["periode"], r["maatstaf"], r["thema"], r["gebied"], r["categorie"]): r for r in rows
    }
    overlast = value[("2026Q2", "meldingen", "Overlast", "alle", "alle")]
    assert float(overlast["waarde"]) == 12 and overlast["onderdrukt"] == "false"
    assert float(value[("2026Q1", "meldingen", "Overlast", "alle", "alle")]["waarde"]) == 7
    assert float(value[("2026Q2", "meldingen", "alle", "alle", "alle")]["waarde"]) == 19
    small = value[("2026Q2", "meldingen", "Afval", "alle", "alle")]
    assert (small["waarde"], small["onderdrukt"]) == ("", "true")
    # Within Overlast: Zuid 3 is small, and Noord's 9 would reveal it through the total 12.
    assert value[("2026Q2", "meldingen", "Overlast", "Zuid", "alle")]["waarde"] == ""
    assert value[("2026Q2", "meldingen", "Overlast", "Noord", "alle")]["waarde"] == ""
    rate = value[("2026Q2", "meldingen_per_1000_inwoners", "alle", "Noord", "alle")]
    assert rate["waarde"] == "3.0"  # dot decimal, no unit
    hours = value[("2026Q2", "inzet_uren", "Overlast", "alle", "alle")]
    assert float(hours["waarde"]) == 10.0
    share = value[("2026Q2", "aandeel_reactieve_inzet_pct", "Overlast", "alle", "alle")]
    assert float(share["waarde"]) == 40.0
    written = value[
        ("2026Q2", "overtredingen", "alle", "alle", "interventie: Schriftelijke waarschuwing")
    ]
    assert float(written["waarde"]) == 6
    # Machine values only: no Unicode minus, no percent sign, no thousands dot.
    for r in rows:
        if r["waarde"]:
            float(r["waarde"])
        assert r["onderdrukt"] in ("true", "false")


def test_json_describes_every_measure_and_holds_the_same_numbers(published):
    import json

    files = _files(published)
    document = json.loads(files["json"])
    assert document["periode"] == "2026Q2" and document["drempel_kleine_aantallen"] == 5
    measures = {r["maatstaf"] for r in document["cijfers"]}
    assert measures <= set(document["maatstaven"])
    for m in measures:
        assert {"beschrijving", "bron", "filter"} <= set(document["maatstaven"][m]), m
    csv_rows = list(csv.DictReader(io.StringIO(files["csv"].decode("utf-8"))))
    assert len(csv_rows) == len(document["cijfers"])
    first = document["cijfers"][0]
    assert float(csv_rows[0]["waarde"] or "nan") == first["waarde"] or first["waarde"] is None


def test_no_personal_data_in_any_file(published, known_data):
    boa = known_data["boa"]
    forbidden = [
        OFFENDER_NAME,
        "Quakkelaar",
        OFFENDER_ADDRESS,
        INCIDENT_ADDRESS,
        REPORTER_NAME,
        "Pruimbloesem",
        OFFENDER_DOB.isoformat(),
        OFFENDER_DOB.strftime("%d-%m-%Y"),
        "14 maart 1971",
        boa.last_name,
        boa.username,
    ]
    files = _files(published)
    texts = {
        "pdf": _pdf_text(files["pdf"]),
        "csv": files["csv"].decode("utf-8-sig"),
        "json": files["json"].decode("utf-8"),
        "xlsx": "\n".join(
            str(c)
            for sheet in load_workbook(io.BytesIO(files["xlsx"])).sheetnames
            for row in _xlsx_rows(files["xlsx"], sheet)
            for c in row
            if c is not None
        ),
    }
    import json

    texts["figures"] = json.dumps(published.figures)
    for fmt, text in texts.items():
        for word in forbidden:
            assert word not in text, f"{word!r} found in {fmt}"


def test_publishing_twice_is_refused(published, policy_officer):
    with pytest.raises(ReportError, match="al gepubliceerd"):
        report_publish(report_id=published.pk, actor=policy_officer)
    assert published.files.count() == 4


def test_a_published_report_is_never_recomputed(published, known_data, policy_officer):
    before = {f.format: f.sha256 for f in published.files.all()}
    frozen = published.figures
    IncidentFactory.create_batch(
        4,
        theme=known_data["afval"],
        occurred_at=at(dt.date(2026, 5, 5)),
        registered_by=known_data["boa"],
    )
    with pytest.raises(ReportError):
        report_update_text(
            report_id=published.pk, actor=policy_officer, introduction="x", change_note=""
        )
    published.refresh_from_db()
    assert published.figures == frozen
    assert {f.format: f.sha256 for f in published.files.all()} == before
    # A correction is a new version, which must say what changed.
    correction = report_build(period=Q2, actor=policy_officer)
    assert (correction.version, correction.status) == (2, "draft")
    assert correction.introduction == "Het aantal meldingen over overlast steeg."
    assert correction.figures["sections"][0]["tables"][0]["total"]["values"][0] == 23
    with pytest.raises(ReportError, match="wat er veranderd"):
        report_publish(report_id=correction.pk, actor=policy_officer)
    report_update_text(
        report_id=correction.pk,
        actor=policy_officer,
        introduction=correction.introduction,
        change_note="Vier meldingen over afval kwamen later binnen.",
    )
    report_publish(report_id=correction.pk, actor=policy_officer)
    text = _pdf_text(_files(correction)["pdf"])
    assert "Vier meldingen over afval kwamen later binnen." in text
    published.refresh_from_db()
    assert published.figures == frozen


def test_empty_period_gives_an_honest_empty_report(db, policy_officer):
    report = report_build(period=Period(2019, 3), actor=None)
    assert report.figures["meta"]["empty"] is True
    report_publish(report_id=report.pk, actor=policy_officer)
    text = _pdf_text(_files(report)["pdf"])
    assert "is niets geregistreerd" in text
    assert "Geen gegevens in deze periode." in text


def test_open_or_future_periods_are_refused(db):
    with time_machine.travel(dt.datetime(2026, 5, 1, 12, tzinfo=dt.UTC)):
        with pytest.raises(ReportError, match="nog niet afgelopen"):
            report_build(period=Period(2026, 2))
        with pytest.raises(ReportError, match="nog niet afgelopen"):
            report_build_request(period=Period(2026, 2), actor=None)
    assert not CouncilReport.objects.exists()


def test_a_second_build_of_the_same_period_does_not_start(
    db, policy_officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        first, created = report_build_request(period=Q2, actor=policy_officer)
        second, created_again = report_build_request(period=Q2, actor=policy_officer)
    assert created and not created_again
    assert first.pk == second.pk
    assert len(callbacks) == 1  # one task enqueued
    with pytest.raises(ReportError, match="loopt al een opbouw"):
        report_build(period=Q2)
    with pytest.raises(IntegrityError):
        ReportBuild.objects.create(period="2026Q2", status=ReportBuild.Status.RUNNING)


def test_a_stale_build_does_not_block_forever(db):
    stale = ReportBuild.objects.create(period="2026Q2", status=ReportBuild.Status.RUNNING)
    ReportBuild.objects.filter(pk=stale.pk).update(created_at=at(dt.date(2026, 7, 1)))
    report = report_build(period=Q2)
    assert report.version == 1
    stale.refresh_from_db()
    assert stale.status == "failed"


# --- notifications that have been dealt with ----------------------------------------


def _home_messages(client) -> list[str]:
    import re

    body = client.get("/").content.decode()
    panel = re.search(r'aria-labelledby="panel-notifications">(.*?)</section>', body, re.S)
    return re.findall(r"<li[^>]*>(?:<a [^>]*>)?([^<]+)", panel.group(1)) if panel else []


def test_draft_ready_message_leaves_the_home_page_once_rebuilt_or_published(
    known_data, policy_officer, make_user, client
):
    from accounts.roles import Role
    from accounts.services import notification_create

    colleague = make_user(Role.POLICY_OFFICER, username="policy2")
    other = notification_create(user=policy_officer, message="Iets anders.", url="/elders/")
    ready = "Concept-raadsrapportage Q2 2026 (versie 1) staat klaar."
    client.force_login(policy_officer)

    report = report_build(period=Q2, actor=policy_officer)
    assert _home_messages(client).count(ready) == 1
    # Rebuilt: the new message replaces the old one, for every policy officer.
    report_build(period=Q2, actor=policy_officer)
    assert _home_messages(client).count(ready) == 1
    for user in (policy_officer, colleague):
        unread = Notification.objects.filter(user=user, message=ready, read_at__isnull=True)
        assert unread.count() == 1
        assert Notification.objects.filter(user=user, message=ready).count() == 2
    # Published: nothing is left to do about the draft.
    report_publish(report_id=report.pk, actor=policy_officer)
    assert ready not in _home_messages(client)
    assert not Notification.objects.filter(message=ready, read_at__isnull=True).exists()
    other.refresh_from_db()
    assert other.read_at is None and "Iets anders." in _home_messages(client)


def test_a_publication_that_fails_leaves_the_draft_message_standing(
    known_data, policy_officer, monkeypatch
):
    from reports import renderers

    report = report_build(period=Q2, actor=policy_officer)

    def broken(report):
        raise RuntimeError("WeasyPrint is weg")

    monkeypatch.setattr(renderers, "render_all", broken)
    with pytest.raises(RuntimeError):
        report_publish(report_id=report.pk, actor=policy_officer)
    # Same transaction: the report is still a draft, and its message still asks for it.
    assert Notification.objects.filter(
        user=policy_officer, message__contains="staat klaar", read_at__isnull=True
    ).exists()


def test_a_successful_build_clears_the_failure_messages_of_the_period(known_data, policy_officer):
    from reports.services import report_build_fail

    failed = ReportBuild.objects.create(period=Q2.code, status="running", requested_by=None)
    report_build_fail(build_id=failed.pk, error="database weg")
    failure = Notification.objects.get(user=policy_officer, message__contains="mislukt")
    assert failure.read_at is None
    report_build(period=Q2, actor=policy_officer)
    failure.refresh_from_db()
    assert failure.read_at is not None


def test_publishing_tells_each_file_as_its_own_step(known_data, policy_officer):
    from reports import renderers

    report = report_build(period=Q2, actor=policy_officer)
    seen = []
    files = renderers.render_all(report, progress=lambda pct, step: seen.append((pct, step)))
    assert [step for _pct, step in seen] == [
        "PDF maken (1 van 4)",
        "Excel maken (2 van 4)",
        "CSV maken (3 van 4)",
        "JSON maken (4 van 4)",
    ]
    assert [pct for pct, _step in seen] == sorted(pct for pct, _step in seen)
    assert set(files) == {"pdf", "xlsx", "csv", "json"}
    # The build row shows the last step until the files are stored.
    from reports.services import report_publish_request, report_publish_run

    build = report_publish_request(report_id=report.pk, actor=policy_officer)

    report_publish_run(build=build)
    build.refresh_from_db()
    assert (build.status, build.progress, build.step) == ("done", 100, "Gepubliceerd")
    assert report.files.count() == 4
