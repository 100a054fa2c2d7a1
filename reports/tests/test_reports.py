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
    with django_assert_max_num_queries(34):
        report = report_build(period=Q2, actor=None)
    assert report.status == CouncilReport.Status.DRAFT
    assert report.version == 1
    assert report.figures["sections"][0]["tables"][0]["total"]["values"] == [19, 7, 11]
    build = ReportBuild.objects.get()
    assert (build.status, build.progress, build.report_id) == ("done", 100, report.pk)
    assert Notification.objects.filter(user=policy_officer, message__contains="Q2 2026").exists()


def test_publish_stores_three_files_with_their_sha256(published):
    files = {f.format: f for f in published.files.all()}
    assert set(files) == {"pdf", "xlsx", "csv"}
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
    rows = _xlsx_rows(_files(published)["xlsx"], "Cijfers")
    by_label = {}
    for row in rows:
        by_label.setdefault(row[0], row)
    assert list(by_label["Overlast"][1:6]) == [12, 7, 5, 5, 7]
    assert list(by_label["Totaal"][1:6]) == [19, 7, 12, 11, 8]
    assert list(by_label["Afval"][1:3]) == ["< 5", 0]
    overview = _xlsx_rows(_files(published)["xlsx"], "Overzicht")
    assert ["Periode", "Q2 2026", "2026-04-01", "2026-06-30"] in [list(r[:4]) for r in overview]


def test_csv_lists_every_cell_with_small_counts_hidden(published):
    content = _files(published)["csv"].decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert rows[0] == ["periode", "versie", "onderdeel", "tabel", "rij", "kolom", "waarde"]
    cell = {(r[2], r[3], r[4], r[5]): r[6] for r in rows[1:]}
    assert cell[("Meldingen", "Meldingen per thema", "Overlast", "Q2 2026")] == "12"
    assert cell[("Meldingen", "Meldingen per thema", "Afval", "Q2 2026")] == "< 5"
    assert cell[("Meldingen", "Meldingen per gebied", "Zuid", "Q2 2026")] == "7"
    assert (
        cell[("Meldingen", "Meldingen per 1.000 inwoners", "Noord (4.000 inw.)", "Q2 2026")]
        == "3,00"
    )
    # Within Overlast: Zuid 3 is small, and Noord's 9 would reveal it through the total 12.
    assert cell[("Overlast", "Meldingen per gebied", "Zuid", "Q2 2026")] == "< 5"
    assert cell[("Overlast", "Meldingen per gebied", "Noord", "Q2 2026")] == "< 5"
    assert cell[("Overlast", "Meldingen per gebied", "Totaal", "Q2 2026")] == "12"


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
        "xlsx": "\n".join(
            str(c)
            for sheet in ("Overzicht", "Cijfers", "Per thema")
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
    assert published.files.count() == 3


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
