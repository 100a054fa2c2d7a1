"""A published report's presented tables are kept per process and language
(reports.renderers.presented_for): the portal pages that read them change nothing in
them, a draft is presented anew, and the kept set stays bounded."""

import copy
import json
import re

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.roles import Role
from reports import renderers
from reports.compare import compare_reports, measure_across
from reports.models import CouncilReport
from reports.services import report_build, report_publish
from reports.tests.conftest import Q2

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty():
    renderers._PRESENTED.clear()
    yield
    renderers._PRESENTED.clear()


@pytest.fixture
def published(known_data, policy_officer):
    report = report_build(period=Q2, actor=policy_officer)
    return report_publish(report_id=report.pk, actor=policy_officer)


def test_presented_reports_are_kept_and_their_readers_change_nothing(published, client, make_user):
    with translation.override("nl"):
        kept = renderers.presented_for(published)
        fresh = copy.deepcopy(kept)
        assert renderers.presented_for(CouncilReport.objects.get(pk=published.pk)) is kept
        # Everything that reads them: the files, the comparison, the trend, the pages.
        renderers.render_html(published)
        renderers.render_xlsx(published)
        compare_reports(published, published)
        measure_across([published])
    council = make_user(Role.COUNCIL_MEMBER, username="raadslid-kept")
    client.force_login(council)
    for url in (
        reverse("reports:portal_detail", args=[published.pk]),
        reverse("reports:portal_trend"),
        reverse("reports:portal_compare") + f"?a={published.pk}&b={published.pk}",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    assert kept == fresh
    with translation.override("nl"):
        assert _without_chart_ids(kept) == _without_chart_ids(renderers._present(published))
    # Another language is presented (and kept) on its own.
    with translation.override("en"):
        assert renderers.presented_for(published) is not kept


def _without_chart_ids(presented: dict) -> str:
    # Each chart drawn gets the next id of the process (reports.charts).
    return re.sub(r"(chart|spark|line)-\d+", r"\1", json.dumps(presented, default=str))


def test_a_draft_is_presented_anew_each_time(known_data, policy_officer):
    draft = report_build(period=Q2, actor=policy_officer)
    assert draft.status == CouncilReport.Status.DRAFT
    first = renderers.presented_for(draft)
    assert renderers.presented_for(draft) is not first
    assert not renderers._PRESENTED


def test_the_kept_set_is_bounded(published, monkeypatch):
    monkeypatch.setattr(renderers, "PRESENTED_KEPT", 2)
    for language in ("nl", "en", "de"):
        with translation.override(language):
            renderers.presented_for(published)
    assert len(renderers._PRESENTED) == 2
    assert [key[2] for key in renderers._PRESENTED] == ["en", "de"]


def test_pages_of_a_kept_report_do_not_read_its_figures_again(
    published, client, make_user, policy_officer, django_assert_num_queries
):
    """The figures are a large JSON (decoding it was most of the portal page on the large
    data set): once a process keeps the presented tables, the pages read the reports
    without them. The first view reads them; a draft is read whole."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    council = make_user(Role.COUNCIL_MEMBER, username="raadslid-figures")
    urls = {
        council: [
            reverse("reports:portal_detail", args=[published.pk]),
            reverse("reports:portal_trend"),
        ],
        policy_officer: [reverse("reports:report_detail", args=[published.pk])],
    }
    figures_column = '"reports_councilreport"."figures"'
    for user, pages in urls.items():
        client.force_login(user)
        for url in pages:
            renderers._PRESENTED.clear()
            with CaptureQueriesContext(connection) as first:
                assert client.get(url).status_code == 200, url
            assert any(figures_column in q["sql"] for q in first.captured_queries), url
            with CaptureQueriesContext(connection) as again:
                response = client.get(url)
            assert response.status_code == 200
            assert not [q["sql"] for q in again.captured_queries if figures_column in q["sql"]], url
            assert "Meldingen" in response.content.decode(), url
    # The list of reports and the home pages' report panels never read them.
    for user, url in (
        (council, reverse("reports:portal")),
        (council, reverse("home")),
        (policy_officer, reverse("home")),
    ):
        client.force_login(user)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        if user == council:
            link = reverse("reports:portal_detail", args=[published.pk])
            assert link in response.content.decode()
        assert not [q["sql"] for q in ctx.captured_queries if figures_column in q["sql"]], url
    draft = report_build(period=Q2, actor=policy_officer)
    client.force_login(policy_officer)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("reports:report_detail", args=[draft.pk])).status_code == 200
    assert any(figures_column in q["sql"] for q in ctx.captured_queries)


def test_the_trend_reads_the_figures_of_every_report_it_presents_in_one_query(
    published, policy_officer, client, make_user
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reports.periods import Period

    for quarter in (Period(2025, 4), Period(2026, 1)):
        draft = report_build(period=quarter, actor=policy_officer)
        report_publish(report_id=draft.pk, actor=policy_officer)
    client.force_login(make_user(Role.COUNCIL_MEMBER, username="raadslid-trend"))
    renderers._PRESENTED.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("reports:portal_trend"))
    assert response.status_code == 200
    reading = [
        q["sql"] for q in ctx.captured_queries if '"reports_councilreport"."figures"' in q["sql"]
    ]
    assert len(reading) == 1, reading
    assert len(renderers._PRESENTED) == 3
    html = response.content.decode()
    assert all(p in html for p in ("2025", "2026"))
