"""Every linked number on the dashboard equals the number of records its list shows.

The dashboard links each count to the list of records behind it (the filter that
produced it, with the column's period). These tests follow every link of a table and
compare the list's count with the number shown, for a manager (who may see every
record, so the two must agree).
"""

import datetime as dt
import html
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from cases.models import CaseStatus
from cases.tests.factories import CaseFactory
from enforcement.tests.factories import IncidentFactory, ViolationFactory
from reports.presentation import present_table
from reports.tests.conftest import at

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("reports:dashboard")
# Pinned so the compared periods stay inside the lists' Wpg browse limit (365 days).
TODAY = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)


def local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def linked_cells(body: str, table_key: str) -> list[tuple[str, int, str]]:
    """(row label, number, href) of every linked number in one dashboard table."""
    match = re.search(rf'id="t-{table_key}">(.*?)</figure>', body, re.S)
    assert match, f"table {table_key} not on the page"
    out = []
    for row in re.finditer(r'<th scope="row"[^>]*>(.*?)</th>(.*?)</tr>', match.group(1), re.S):
        for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', row.group(2)):
            out.append((row.group(1), int(text.replace(".", "")), html.unescape(href)))
    return out


def listed(client, href: str) -> int:
    response = client.get(href)
    assert response.status_code == 200, href
    return response.context["page"].paginator.count


@pytest.fixture
def known_cases(known_data):
    """Q2 2026 (Overlast): opened 2 (A, B), closed 1 (A), overdue at the end 2 (B, C).
    Boundaries in local time: A opened 1 April 00:10 and closed 30 June 23:50; B opened
    30 June 23:30; C opened 31 March 23:30 and closed 1 July 00:30; D opened 1 July 00:15."""
    overlast, afval = known_data["overlast"], known_data["afval"]

    def case(theme, opened, closed=None, due=dt.date(2026, 12, 31)):
        return CaseFactory(
            theme=theme,
            opened_at=opened,
            closed_at=closed,
            status=CaseStatus.CLOSED if closed else CaseStatus.NEW,
            due_date=due,
        )

    q2_start, q2_end = dt.date(2026, 4, 1), dt.date(2026, 6, 30)
    july = dt.date(2026, 7, 1)
    case(overlast, local(q2_start, 0, 10), local(q2_end, 23, 50), due=dt.date(2026, 5, 1))  # A
    case(overlast, local(q2_end, 23, 30), due=dt.date(2026, 6, 15))  # B
    case(overlast, local(dt.date(2026, 3, 31), 23, 30), local(july, 0, 30), dt.date(2026, 5, 1))
    case(afval, local(july, 0, 15))  # D
    case(afval, local(dt.date(2026, 2, 1), 9), local(dt.date(2026, 3, 31), 23, 45))
    case(afval, at(dt.date(2025, 5, 1)), at(dt.date(2025, 5, 20)))
    return known_data


@pytest.mark.parametrize(
    "table, expected",
    [("cases_flow", 2), ("cases_closed", 1), ("cases_overdue", 2)],
)
@time_machine.travel(TODAY, tick=False)
def test_case_figures_link_to_exactly_the_cases_behind_them(
    table, expected, known_cases, manager, client
):
    client.force_login(manager)
    body = client.get(DASHBOARD, {"period": "2026Q2"}).content.decode()
    cells = linked_cells(body, table)
    # Every row (each theme and the total), for this and the previous quarter; the same
    # quarter a year earlier lies before the case list's Wpg browse limit: no link.
    assert {label for label, _, _ in cells} >= {"Overlast", "Totaal"}
    assert len(cells) == 2 * len({label for label, _, _ in cells})
    assert not any("2025-" in href for _, _, href in cells)
    overlast_q2 = next(n for label, n, _ in cells if label == "Overlast")
    assert overlast_q2 == expected
    for label, number, href in cells:
        assert href.startswith(reverse("cases:list") + "?")
        assert listed(client, href) == number, (label, href)


@time_machine.travel(TODAY, tick=False)
def test_case_links_use_whole_local_days(known_cases, manager, client):
    client.force_login(manager)
    body = client.get(DASHBOARD, {"period": "2026Q2"}).content.decode()
    theme = known_cases["overlast"].pk
    opened = [href for label, _, href in linked_cells(body, "cases_flow") if label == "Overlast"]
    assert opened[0] == (
        reverse("cases:list") + f"?theme={theme}&opened_from=2026-04-01&opened_to=2026-06-30"
    )
    closed = [href for label, _, href in linked_cells(body, "cases_closed") if label == "Totaal"]
    assert closed[0] == reverse("cases:list") + "?closed_from=2026-04-01&closed_to=2026-06-30"


@time_machine.travel(TODAY, tick=False)
def test_case_links_follow_the_chosen_theme(known_cases, manager, client):
    client.force_login(manager)
    afval = known_cases["afval"].pk
    body = client.get(DASHBOARD, {"period": "2026Q1", "theme": afval}).content.decode()
    cells = linked_cells(body, "cases_closed")
    assert cells and all(f"theme={afval}" in href for _, _, href in cells)
    for label, number, href in cells:
        assert listed(client, href) == number, (label, href)


@pytest.fixture
def afval_violations(known_data):
    incident = IncidentFactory(
        theme=known_data["afval"], area=known_data["noord"], occurred_at=at(dt.date(2026, 5, 20))
    )
    for _ in range(2):
        ViolationFactory(
            incident=incident, intervention=known_data["verbal"], committed_on=dt.date(2026, 5, 20)
        )
    return known_data


@pytest.mark.parametrize("theme", ["overlast", "afval", None])
@time_machine.travel(TODAY, tick=False)
def test_violations_per_theme_link_to_exactly_the_violations_behind_them(
    theme, afval_violations, manager, client
):
    client.force_login(manager)
    params = {"period": "2026Q2"}
    if theme:
        params["theme"] = afval_violations[theme].pk
    body = client.get(DASHBOARD, params).content.decode()
    cells = linked_cells(body, "violations_by_intervention")
    assert {label for label, _, _ in cells} >= {"Mondelinge waarschuwing", "Totaal"}
    for label, number, href in cells:
        assert href.startswith(reverse("enforcement:violation_list") + "?")
        if theme:
            assert f"theme={afval_violations[theme].pk}" in href
        assert listed(client, href) == number, (label, href)
    verbal = next(n for label, n, _ in cells if label == "Mondelinge waarschuwing")
    assert verbal == {"overlast": 5, "afval": 2, None: 7}[theme]


@time_machine.travel(TODAY, tick=False)
def test_team_lead_is_told_the_lists_show_only_the_team(known_cases, make_user, client):
    client.force_login(make_user(Role.TEAM_LEAD))
    body = client.get(DASHBOARD, {"period": "2026Q2"}).content.decode()
    assert "alleen de registraties die u mag zien" in body
    assert linked_cells(body, "cases_flow")  # the list is theirs to open, scoped to the team


def test_numbers_link_only_to_lists_the_viewer_may_open():
    table = {
        "key": "t",
        "title": "T",
        "kind": "comparison",
        "unit": "count",
        "suppress": True,
        "link": "cases:list",
        "link_dates": {"opened_from": "start", "opened_to": "end"},
        "rows": [{"key": "a", "label": "A", "values": [1, 2, 3], "filter": {"theme": 1}}],
        "total": None,
    }
    periods = [
        {"code": "2026Q2", "label": "Q2 2026", "start": "2026-04-01", "end": "2026-06-30"},
        {"code": "2026Q1", "label": "Q1 2026", "start": "2026-01-01", "end": "2026-03-31"},
        {"code": "2025Q2", "label": "Q2 2025", "start": "2025-04-01", "end": "2025-06-30"},
    ]

    def hrefs(links):
        t = present_table(table, periods=periods, threshold=None, registry={}, links=links)
        cells = t["rows"][0]["cells"]  # period, previous, difference, year earlier, difference
        return [cells[i]["href"] for i in (0, 1, 3)]

    assert hrefs({"enforcement:incident_list"}) == [None, None, None]
    assert hrefs(False) == [None, None, None]
    allowed = hrefs({"cases:list"})
    assert allowed[1] == "/zaken/?theme=1&opened_from=2026-01-01&opened_to=2026-03-31"


@pytest.mark.parametrize("role", [Role.COUNCIL_MEMBER, Role.FUNCTIONAL_ADMIN])
def test_the_linked_lists_are_not_there_for_roles_without_them(role, make_user, client):
    client.force_login(make_user(role))
    for name in ("cases:list", "enforcement:violation_list", "enforcement:incident_list"):
        assert client.get(reverse(name), {"theme": 1}).status_code == 404, name


@time_machine.travel(TODAY, tick=False)
def test_no_link_into_lists_older_than_the_wpg_browse_limit(settings):
    # Every list of records with personal data (incidents, violations, cases, shifts)
    # shows records older than the limit only to a targeted search, so a number of such
    # a period would link to a shorter list.
    settings.WPG_BROWSE_LIMIT_DAYS = 365
    periods = [
        {"code": "2026Q2", "label": "Q2 2026", "start": "2026-04-01", "end": "2026-06-30"},
        {"code": "2026Q1", "label": "Q1 2026", "start": "2026-01-01", "end": "2026-03-31"},
        {"code": "2025Q2", "label": "Q2 2025", "start": "2025-04-01", "end": "2025-06-30"},
    ]

    def hrefs(link):
        table = {
            "key": "t",
            "title": "T",
            "kind": "comparison",
            "unit": "count",
            "suppress": False,
            "link": link,
            "rows": [{"key": "a", "label": "A", "values": [1, 2, 3], "filter": {"theme": 1}}],
            "total": None,
        }
        t = present_table(table, periods=periods, threshold=None, registry={}, links=True)
        return [t["rows"][0]["cells"][i]["href"] is not None for i in (0, 1, 3)]

    assert hrefs("enforcement:incident_list") == [True, True, False]
    assert hrefs("enforcement:violation_list") == [True, True, False]
    assert hrefs("cases:list") == [True, True, False]
    assert hrefs("enforcement:patrol_list") == [True, True, False]
    # A longer limit brings the year-earlier column back.
    settings.WPG_BROWSE_LIMIT_DAYS = 700
    assert hrefs("enforcement:incident_list") == [True, True, True]


@time_machine.travel(TODAY, tick=False)
def test_dashboard_says_why_old_numbers_do_not_link(known_data, manager, client):
    client.force_login(manager)
    body = client.get(DASHBOARD, {"period": "2026Q2"}).content.decode()
    assert "meer dan 365 dagen geleden begon" in body
    cells = linked_cells(body, "incidents_by_theme")
    assert cells and all("2025-04-01" not in href for _, _, href in cells)


@time_machine.travel(TODAY, tick=False)
def test_violations_per_area_link_to_exactly_the_violations_behind_them(
    known_data, manager, client
):
    from enforcement.models import Violation

    # One more violation on an incident in Zuid, so two areas have violations.
    zuid_incident = IncidentFactory(
        theme=known_data["afval"], area=known_data["zuid"], occurred_at=at(dt.date(2026, 5, 2))
    )
    ViolationFactory(incident=zuid_incident, committed_on=dt.date(2026, 5, 2))
    client.force_login(manager)
    body = client.get(DASHBOARD, {"period": "2026Q2"}).content.decode()
    cells = linked_cells(body, "violations_by_area")
    q2 = Violation.objects.filter(committed_on__range=(dt.date(2026, 4, 1), dt.date(2026, 6, 30)))
    for label, number, href in cells:
        assert href.startswith(reverse("enforcement:violation_list") + "?")
        assert listed(client, href) == number, (label, href)
        if label != "Totaal" and "date_from=2026-04-01" in href:
            assert number == q2.filter(incident__area__name=label).count(), label
    assert {label for label, _, _ in cells} >= {"Zuid", "Totaal"}
