import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessLogEntry
from accounts.roles import Role
from reports.models import CouncilReport, ReportBuild
from reports.periods import Period
from reports.services import report_build, report_publish, report_update_text
from reports.tests.conftest import Q2, figure_queries

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("reports:dashboard")


@pytest.fixture
def two_published(known_data, policy_officer):
    out = []
    for period in (Period(2026, 1), Q2):
        report = report_build(period=period, actor=policy_officer)
        report_update_text(
            report_id=report.pk,
            actor=policy_officer,
            introduction=f"Over {period.label}.",
            change_note="",
        )
        out.append(report_publish(report_id=report.pk, actor=policy_officer))
    return out


# --- dashboard ----------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.MANAGER, Role.TEAM_LEAD, Role.POLICY_OFFICER])
def test_dashboard_for_staff_with_fixed_query_count(
    role, known_data, make_user, client, django_assert_num_queries
):
    client.force_login(make_user(role))
    # The page's own queries (one finds the first year with data for the period picker).
    # 8: the page, plus one for forecast against actual (reports/figures/forecast.py).
    with django_assert_num_queries(8 + figure_queries(summary=False)):
        response = client.get(DASHBOARD, {"period": "2026Q2"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<svg" in body and "<title" in body and 'role="img"' in body
    assert "Meldingen per thema" in body
    # Staff see the real numbers, also the small ones, each a link to its records.
    afval = known_data["afval"].pk
    link = (
        reverse("enforcement:incident_list")
        + f"?date_from=2026-04-01&amp;date_to=2026-06-30&amp;theme={afval}"
    )
    assert f'<a href="{link}">3</a>' in body


def test_a_number_links_to_exactly_the_records_behind_it(known_data, manager, client):
    from enforcement.models import Incident

    client.force_login(manager)
    body = client.get(DASHBOARD, {"period": "2026Q2"}).content.decode()
    afval = known_data["afval"]
    url = (
        reverse("enforcement:incident_list")
        + f"?date_from=2026-04-01&date_to=2026-06-30&theme={afval.pk}"
    )
    assert url.replace("&", "&amp;") in body
    listing = client.get(url).content.decode()
    behind = Incident.objects.filter(
        theme=afval, occurred_at__gte=Q2.start_at, occurred_at__lt=Q2.end_at
    )
    assert behind.count() == 3
    for incident in behind:
        assert incident.reference in listing
    later = Incident.objects.get(theme=afval, occurred_at__gte=Q2.end_at)
    assert later.reference not in listing


@pytest.mark.parametrize(
    "role", [Role.BOA, Role.COUNCIL_MEMBER, Role.PARTNER, Role.FUNCTIONAL_ADMIN]
)
def test_dashboard_is_not_there_for_other_roles(role, make_user, client):
    client.force_login(make_user(role))
    assert client.get(DASHBOARD).status_code == 404


def test_dashboard_switches_theme_with_htmx(known_data, manager, client):
    client.force_login(manager)
    response = client.get(
        DASHBOARD, {"period": "2026Q2", "theme": known_data["afval"].pk}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert "<html" not in body
    assert "Thema: Afval" in body
    assert "Overlast" not in body


def test_dashboard_explains_a_bad_period(manager, client):
    client.force_login(manager)
    response = client.get(DASHBOARD, {"period": "2099Q1"})
    assert response.status_code == 200
    body = response.content.decode()
    shown = Period.last_completed_quarter()  # the dashboard opens on it
    assert f"Periode Q1 2099 ligt in de toekomst. U ziet {shown.label}." in body
    assert f'<option value="{shown.code}" selected>' in body
    response = client.get(DASHBOARD, {"period": "kwartaal"})
    assert "Onbekende periode ‘kwartaal’" in response.content.decode()


@time_machine.travel(dt.datetime(2026, 11, 28, 12, tzinfo=dt.UTC), tick=False)
def test_dashboard_period_is_a_list_of_quarters_and_years_with_data(known_data, manager, client):
    client.force_login(manager)
    body = client.get(DASHBOARD, {"period": "2026Q3"}).content.decode()
    select = re.search(r'<select name="period".*?</select>', body, re.S).group(0)
    codes = re.findall(r'<option value="([^"]+)"', select)
    # Quarters newest first (the current one included), then years; data from 2025 on,
    # and at least three years back.
    assert codes[:3] == ["2026Q4", "2026Q3", "2026Q2"]
    assert codes[codes.index("2024Q1") + 1 :] == ["2026", "2025", "2024"]
    assert "2027Q1" not in codes and "2027" not in codes
    assert '<option value="2026Q3" selected>Q3 2026</option>' in select
    # The quarter and year still running are marked wherever they are offered.
    assert '<option value="2026Q4">Q4 2026 (loopt nog)</option>' in select
    assert '<option value="2026">2026 (loopt nog)</option>' in select
    assert '<optgroup label="Kwartalen">' in select and '<optgroup label="Jaren">' in select
    # An older period asked for by URL is shown, and selected, though not in the list.
    body = client.get(DASHBOARD, {"period": "2019Q2"}).content.decode()
    assert '<option value="2019Q2" selected>Q2 2019</option>' in body


# --- building and publishing (policy officer) ---------------------------------------


def test_policy_officer_requests_a_build_and_follows_its_progress(
    policy_officer, client, django_capture_on_commit_callbacks
):
    client.force_login(policy_officer)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("reports:build_request"), {"period": "2026Q2"})
    build = ReportBuild.objects.get()
    assert response.url == reverse("reports:build_detail", args=[build.pk])
    assert len(callbacks) == 1
    partial = client.get(response.url, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' in partial and "In de wachtrij" in partial
    # Asking again while it is queued shows the same build.
    again = client.post(reverse("reports:build_request"), {"period": "2026Q2"})
    assert again.url == response.url
    assert ReportBuild.objects.count() == 1


def test_build_request_refuses_bad_periods_in_dutch(policy_officer, client):
    client.force_login(policy_officer)
    response = client.post(reverse("reports:build_request"), {"period": "2030"})
    assert response.status_code == 400
    assert "ligt in de toekomst" in response.content.decode()
    assert '<option value="2030" selected>2030</option>' in response.content.decode()
    current = Period.containing(timezone.localdate())
    response = client.post(reverse("reports:build_request"), {"period": current.code})
    assert response.status_code == 400
    assert "is nog niet afgelopen" in response.content.decode()
    assert not ReportBuild.objects.exists()


@time_machine.travel(dt.datetime(2026, 11, 28, 12, tzinfo=dt.UTC), tick=False)
def test_build_form_offers_only_completed_periods(policy_officer, client):
    client.force_login(policy_officer)
    body = client.get(reverse("reports:report_list")).content.decode()
    select = re.search(r'<select name="period".*?</select>', body, re.S).group(0)
    codes = re.findall(r'<option value="([^"]+)"', select)
    assert codes[0] == "2026Q3" and "2026Q4" not in codes and "2026" not in codes
    assert codes[-3:] == ["2024Q1", "2025", "2024"]  # no data: from three years back
    assert '<option value="2026Q3" selected>' in select


def test_policy_officer_writes_introduction_and_publishes_once(
    known_data, policy_officer, client, django_capture_on_commit_callbacks
):
    from reports.tasks import publish_report_task

    report = report_build(period=Q2, actor=policy_officer)
    client.force_login(policy_officer)
    url = reverse("reports:report_detail", args=[report.pk])
    response = client.post(url, {"introduction": "Meer overlast in Noord.", "change_note": ""})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Meer overlast in Noord." in page and "&lt; 5" in page  # preview is suppressed
    publish = reverse("reports:report_publish", args=[report.pk])
    assert "publiceren?" in client.get(publish).content.decode()
    # Publishing renders the files in the background; the officer sees the progress.
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(publish)
    build = ReportBuild.objects.get(kind="publish")
    assert response.url == reverse("reports:build_detail", args=[build.pk])
    assert len(callbacks) == 1
    # While it is queued, a rebuild of the period does not start.
    again = client.post(reverse("reports:build_request"), {"period": "2026Q2"})
    assert again.url == response.url
    publish_report_task.apply(args=[build.pk])
    report.refresh_from_db()
    assert report.status == "published" and report.files.count() == 4
    assert "Naar de gepubliceerde rapportage" in client.get(response.url).content.decode()
    response = client.post(publish, follow=True)
    assert "al gepubliceerd" in response.content.decode()
    assert report.files.count() == 4


def test_council_member_cannot_reach_drafts_or_builds(known_data, council_member, client):
    report = report_build(period=Q2)
    build = ReportBuild.objects.get()
    client.force_login(council_member)
    for url in (
        reverse("reports:report_list"),
        reverse("reports:report_detail", args=[report.pk]),
        reverse("reports:report_publish", args=[report.pk]),
        reverse("reports:build_detail", args=[build.pk]),
        reverse("reports:portal_detail", args=[report.pk]),
        reverse("reports:portal_download", args=[report.pk, "pdf"]),
    ):
        assert client.get(url).status_code == 404, url


# --- council portal ------------------------------------------------------------------


def test_portal_lists_published_reports_with_downloads(two_published, council_member, client):
    report_build(period=Period(2025, 4))  # a draft: not in the portal
    client.force_login(council_member)
    body = client.get(reverse("reports:portal")).content.decode()
    assert "2e kwartaal 2026" in body and "1e kwartaal 2026" in body
    assert "4e kwartaal 2025" not in body
    assert reverse("reports:portal_download", args=[two_published[1].pk, "pdf"]) in body
    # Council members read on phones too: full-size download buttons, here and per report.
    detail = client.get(reverse("reports:portal_detail", args=[two_published[1].pk]))
    for page in (body, detail.content.decode()):
        main = page[page.index("<main") : page.index("</main>")]
        assert "btn-sm" not in main and "download" in main


def test_download_serves_the_stored_file_and_logs_it(two_published, council_member, client):
    report = two_published[1]
    client.force_login(council_member)
    response = client.get(reverse("reports:portal_download", args=[report.pk, "pdf"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content)
    stored = report.files.get(format="pdf")
    assert content == stored.file.open("rb").read()
    assert response["X-Content-SHA256"] == stored.sha256
    assert "raadsrapportage-2026Q2-v1.pdf" in response["Content-Disposition"]
    entry = AccessLogEntry.objects.get(user=council_member)
    assert entry.action == "export" and entry.detail["format"] == "pdf"
    assert (
        client.get(reverse("reports:portal_download", args=[report.pk, "doc"])).status_code == 404
    )


def test_compare_two_quarters(two_published, council_member, client):
    q1, q2 = two_published
    client.force_login(council_member)
    body = client.get(reverse("reports:portal_compare"), {"a": q1.pk, "b": q2.pk}).content.decode()
    # Overlast: 7 in Q1, 12 in Q2; the difference shows because both are shown.
    assert (
        '<th scope="row" class="fw-normal">Overlast</th><td class="text-end">7</td><td class="text-end">12</td><td class="text-end">+5</td>'
        in body
    )
    # Afval 0 -> < 5: no difference that would reveal the small number.
    assert (
        '<th scope="row" class="fw-normal">Afval</th><td class="text-end">0</td><td class="text-end">&lt; 5</td><td class="text-end">–</td>'
        in body
    )
    same = client.get(reverse("reports:portal_compare"), {"a": q1.pk, "b": q1.pk})
    assert "twee verschillende" in same.content.decode()


def test_a_correction_replaces_the_version_in_the_portal(
    two_published, policy_officer, council_member, client
):
    old = two_published[1]
    new = report_build(period=Q2, actor=policy_officer)
    report_update_text(
        report_id=new.pk, actor=policy_officer, introduction="x", change_note="Correctie Afval."
    )
    report_publish(report_id=new.pk, actor=policy_officer)
    client.force_login(council_member)
    body = client.get(reverse("reports:portal_detail", args=[old.pk])).content.decode()
    assert "Deze versie is vervangen" in body
    assert (
        "Correctie Afval."
        in client.get(reverse("reports:portal_detail", args=[new.pk])).content.decode()
    )
    listing = client.get(reverse("reports:portal")).content.decode()
    assert "Eerdere versies" in listing


def test_council_home_page_shows_the_portal(two_published, council_member, client):
    client.force_login(council_member)
    body = client.get("/").content.decode()
    assert "Raadsrapportages" in body
    assert reverse("reports:portal") in body
    assert reverse("reports:portal_download", args=[two_published[1].pk, "pdf"]) in body
    assert reverse("reports:dashboard") not in body


def test_correction_asks_what_changed_only_from_version_two(
    two_published, policy_officer, client, django_capture_on_commit_callbacks
):
    client.force_login(policy_officer)
    q2 = two_published[1]
    assert (
        'name="change_note"'
        not in client.get(reverse("reports:report_detail", args=[q2.pk])).content.decode()
    )
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("reports:report_correct", args=[q2.pk]))
    assert len(callbacks) == 1
    from reports.tasks import build_report_task

    build_report_task.apply(args=[ReportBuild.objects.get(kind="build", status="queued").pk])
    v2 = CouncilReport.objects.get(period="2026Q2", version=2)
    assert response.url.startswith("/rapportages/opbouw/")
    page = client.get(reverse("reports:report_detail", args=[v2.pk])).content.decode()
    assert 'name="change_note"' in page
    assert "Over Q2 2026." in page  # the introduction carries over


@pytest.mark.parametrize(
    "role, panels",
    [
        (Role.POLICY_OFFICER, ["report-manage", "dashboard"]),
        (Role.MANAGER, ["council-reports", "dashboard"]),
        (Role.TEAM_LEAD, ["dashboard"]),
        (Role.COUNCIL_MEMBER, ["council-reports"]),
    ],
)
def test_report_home_panels_have_full_size_buttons(role, panels, make_user, client):
    client.force_login(make_user(role))
    body = client.get("/").content.decode()
    for key in panels:
        panel = re.search(rf'aria-labelledby="panel-{key}">(.*?)</section>', body, re.S)
        assert panel, key
        buttons = re.findall(r'class="(btn [^"]*)"', panel.group(1))
        assert buttons == ["btn btn-primary"], (key, buttons)  # a thumb-sized touch target


@time_machine.travel(dt.datetime(2026, 11, 28, 12, tzinfo=dt.UTC), tick=False)
def test_dashboard_opens_on_the_last_complete_quarter_and_marks_a_running_one(
    known_data, manager, client
):
    client.force_login(manager)
    body = client.get(DASHBOARD).content.decode()
    assert '<option value="2026Q3" selected>Q3 2026</option>' in body
    assert "loopt nog: de cijfers zijn nog niet compleet" not in body
    body = client.get(DASHBOARD, {"period": "2026Q4"}).content.decode()
    assert '<option value="2026Q4" selected>Q4 2026 (loopt nog)</option>' in body
    assert "Q4 2026 loopt nog: de cijfers zijn nog niet compleet" in body
