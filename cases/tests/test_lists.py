import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessLogEntry
from cases.models import CaseStatus
from cases.tests.factories import CaseFactory, CaseShareFactory
from enforcement.tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(centrum, lead, boa_c, police):
    today = timezone.localdate()
    afval = ThemeFactory(code="afval", name="Afval")
    cases = [
        CaseFactory(
            team=centrum, opened_by=lead, title=f"Zaak {i}", assignee=boa_c if i % 2 else None
        )
        for i in range(30)
    ]
    late = CaseFactory(
        team=centrum, opened_by=lead, title="Laat", due_date=today - dt.timedelta(days=2)
    )
    week = CaseFactory(
        team=centrum, opened_by=lead, title="Deze week", due_date=today + dt.timedelta(days=3)
    )
    closed = CaseFactory(team=centrum, opened_by=lead, title="Dicht", status=CaseStatus.CLOSED)
    themed = CaseFactory(team=centrum, opened_by=lead, title="Vuilnis", theme=afval)
    CaseShareFactory(case=week, partner_organisation=police, shared_by=lead)
    return {
        "cases": cases,
        "late": late,
        "week": week,
        "closed": closed,
        "themed": themed,
        "afval": afval,
    }


def _titles(response):
    return {c.title for c in response.context["page"].object_list}


def test_filters(client_for, lead, many, police, boa_c):
    client = client_for(lead)
    url = reverse("cases:list")
    assert _titles(client.get(url, {"due": "overdue"})) == {"Laat"}
    assert _titles(client.get(url, {"due": "week"})) == {"Deze week"}
    assert _titles(client.get(url, {"status": "closed"})) == {"Dicht"}
    assert _titles(client.get(url, {"theme": many["afval"].pk})) == {"Vuilnis"}
    assert _titles(client.get(url, {"shared_with": police.pk})) == {"Deze week"}
    assert _titles(client.get(url, {"q": "vuilnis"})) == {"Vuilnis"}
    assert all(
        c.assignee == boa_c
        for c in client.get(url, {"assignee": boa_c.pk}).context["page"].object_list
    )
    # default: open cases, sorted by due date, paginated 25 a page
    page = client.get(url).context["page"]
    assert page.paginator.count == 33 and len(page.object_list) == 25
    assert page.object_list[0].title == "Laat"


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@pytest.fixture
def dated(centrum, lead):
    """Opened and closed around 1 April and 30 June, in local time (Europe/Amsterdam)."""
    may, june30 = dt.date(2026, 5, 1), dt.date(2026, 6, 30)

    def case(title, opened, closed=None, due=dt.date(2026, 12, 31)):
        status = CaseStatus.CLOSED if closed else CaseStatus.NEW
        return CaseFactory(
            team=centrum,
            opened_by=lead,
            title=title,
            opened_at=opened,
            closed_at=closed,
            status=status,
            due_date=due,
        )

    case("Eerste minuut", _at(dt.date(2026, 4, 1), 0, 1), _at(june30, 23, 59), due=may)
    case("Laatste minuut", _at(june30, 23, 59), due=dt.date(2026, 6, 15))
    case("Ervoor", _at(dt.date(2026, 3, 31), 23, 59), _at(dt.date(2026, 7, 1), 0, 1), due=may)
    case("Erna", _at(dt.date(2026, 7, 1), 0, 1))


def test_date_filters_cover_whole_local_days(client_for, lead, dated):
    client = client_for(lead)
    url = reverse("cases:list")
    q2 = {"from": "2026-04-01", "to": "2026-06-30"}
    opened = client.get(url, {"opened_from": q2["from"], "opened_to": q2["to"]})
    assert _titles(opened) == {"Eerste minuut", "Laatste minuut"}
    closed = client.get(url, {"closed_from": q2["from"], "closed_to": q2["to"]})
    assert _titles(closed) == {"Eerste minuut"}
    assert _titles(client.get(url, {"closed_from": "2026-07-01"})) == {"Ervoor"}
    # Open at the end of 30 June with a due date by then: "overdue at the end of Q2".
    overdue = client.get(url, {"open_on": q2["to"], "due_to": q2["to"]})
    assert _titles(overdue) == {"Laatste minuut", "Ervoor"}
    page = opened.content.decode()
    assert 'name="opened_from" value="2026-04-01"' in page
    assert '<details class="col-12" open>' in page


def test_bad_dates_are_kept_explained_in_dutch_and_not_applied(client_for, lead, dated):
    client = client_for(lead)
    url = reverse("cases:list")
    response = client.get(url, {"opened_from": "2026-06-30", "opened_to": "2026-04-01"})
    page = response.content.decode()
    assert "De einddatum ligt voor de begindatum." in page
    assert 'value="2026-06-30"' in page and 'value="2026-04-01"' in page
    assert len(_titles(response)) == 4  # the impossible pair is left out, not "nothing found"
    response = client.get(url, {"closed_from": "1 april", "opened_to": "2026-06-30"})
    page = response.content.decode()
    assert 'value="1 april"' in page and "Voer een geldige datum in." in page
    assert 'id="id_closed_from_error"' in page  # the field's aria-describedby points here
    assert _titles(response) == {"Eerste minuut", "Laatste minuut", "Ervoor"}


def test_list_query_count_is_fixed(client_for, lead, many, django_assert_max_num_queries):
    client = client_for(lead)
    with django_assert_max_num_queries(16) as ctx:
        client.get(reverse("cases:list"), {"sort": "-opened"})
    n = len(ctx.captured_queries)
    CaseFactory.create_batch(10, team=lead.team, opened_by=lead)
    with django_assert_max_num_queries(n):
        client.get(reverse("cases:list"), {"sort": "-opened"})


def test_csv_export_of_filtered_list_is_logged(client_for, lead, many, boa_c):
    response = client_for(lead).get(reverse("cases:export"), {"due": "overdue"})
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert rows[0][0] == "zaaknummer"
    assert [r[1] for r in rows[1:]] == ["Laat"]
    entry = AccessLogEntry.objects.get(user=lead, action="export")
    assert entry.detail["filters"] == {"due": "overdue"} and entry.detail["count"] == 1


def test_csv_export_without_names_for_roles_without_personal_data(
    client_for, policy_officer, many, boa_c
):
    response = client_for(policy_officer).get(reverse("cases:export"), {"assignee": boa_c.pk})
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    assert str(boa_c) not in content
    assert "ja" in content


def test_csv_export_rows_show_labels_and_assignee_in_fixed_queries(
    client_for, lead, many, boa_c, django_assert_num_queries
):
    # Rows are read as plain values; labels once per export (accounts.exports.choice_labels).
    client = client_for(lead)
    # session, user, filter choices, count, access log with its transaction, the rows in
    # one cursor: the same for 15 rows as for 50,000
    with django_assert_num_queries(10):
        response = client.get(reverse("cases:export"), {"assignee": boa_c.pk})
        content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["behandelaar"] == str(boa_c) and row["team"] == boa_c.team.name
    assert row["prioriteit"] == "Normaal" and row["fase"] in {s.label for s in CaseStatus}
    assert len(rows) == 1 + 15


def test_export_refused_for_boa_and_partner(client_for, boa_c, partner_p):
    assert client_for(boa_c).get(reverse("cases:export")).status_code == 404
    assert client_for(partner_p).get(reverse("cases:export")).status_code == 404


def test_partner_list_only_shared(client_for, partner_p, many):
    assert _titles(client_for(partner_p).get(reverse("cases:list"))) == {"Deze week"}


def test_council_has_no_case_list(client_for, council_member):
    assert client_for(council_member).get(reverse("cases:list")).status_code == 404


def test_case_detail_query_count_does_not_grow(
    client_for, lead, boa_c, case, police, django_assert_max_num_queries
):
    from cases import services
    from enforcement.tests.factories import IncidentFactory, ViolationFactory

    services.case_share(actor=lead, case_id=case.pk, partner_organisation=police)

    def add_some():
        services.case_note_create(actor=lead, case=case, text="n")
        services.action_item_create(
            actor=lead,
            case=case,
            description="a",
            owner_user=boa_c,
            due_date=timezone.localdate() + dt.timedelta(days=2),
        )
        case.incidents.add(IncidentFactory(registered_by=boa_c))
        case.violations.add(ViolationFactory())

    add_some()
    client = client_for(lead)
    url = reverse("cases:detail", args=[case.pk])
    with django_assert_max_num_queries(40) as ctx:
        client.get(url)
    n = len(ctx.captured_queries)
    for _ in range(3):
        add_some()
    with django_assert_max_num_queries(n):
        client.get(url)
