"""Incident list: visibility, filters, search, Wpg browse limit, queries, export, nearby."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from openpyxl import load_workbook

from accounts.models import AccessLogEntry
from accounts.roles import Role
from accounts.tests.factories import TeamFactory
from enforcement import extensions
from enforcement.tests.factories import (
    AreaFactory,
    IncidentFactory,
    ThemeFactory,
    ViolationFactory,
)

pytestmark = pytest.mark.django_db

LIST = reverse("enforcement:incident_list")


@pytest.fixture
def other_team_boa(make_user):
    return make_user(Role.BOA, username="noord", team=TeamFactory(name="Team Noord"))


def refs(response) -> set[str]:
    return {i.reference for i in response.context["items"]}


def test_boa_sees_own_team_not_other_team(boa, other_team_boa, client_for):
    mine = IncidentFactory(registered_by=boa)
    theirs = IncidentFactory(registered_by=other_team_boa)
    response = client_for(boa).get(LIST)
    assert mine.reference in refs(response)
    assert theirs.reference not in refs(response)


def test_list_visibility_equals_permission_module(boa, team_lead, make_user, manager):
    """The list's index-friendly visibility is the same set as incidents_visible_to."""
    from enforcement.permissions import incidents_visible_to
    from enforcement.selectors.incidents import _visible_for_list

    moved = make_user(Role.BOA, username="verhuisd", team=TeamFactory(name="Team Zuid"))
    IncidentFactory(registered_by=boa)
    IncidentFactory(registered_by=moved)
    outside = IncidentFactory(registered_by=moved, reported_by=boa)  # boa's, other team
    IncidentFactory(registered_by=team_lead, team=None)
    for user in (boa, team_lead, moved, manager):
        expected = set(incidents_visible_to(user).values_list("pk", flat=True))
        assert set(_visible_for_list(user).values_list("pk", flat=True)) == expected
    assert outside.pk in set(_visible_for_list(boa).values_list("pk", flat=True))


def test_manager_sees_all_council_member_gets_404(manager, council_member, boa, client_for):
    IncidentFactory(registered_by=boa)
    assert len(refs(client_for(manager).get(LIST))) == 1
    assert client_for(council_member).get(LIST).status_code == 404


def test_filters_theme_status_source_area_period_and_scope(boa, make_user, client_for):
    colleague = make_user(Role.BOA, username="collega")
    afval = ThemeFactory(code="afval", name="Afval")
    area = AreaFactory(code="WK000002", name="Noord")
    buurt = AreaFactory(code="BU00000201", name="Vogelwijk", kind="buurt", parent=area)
    a = IncidentFactory(registered_by=boa, theme=afval, area=buurt)
    b = IncidentFactory(registered_by=colleague, status="closed", source="police")
    c = IncidentFactory(registered_by=boa, occurred_at=timezone.now() - dt.timedelta(days=40))
    client = client_for(boa)
    assert refs(client.get(LIST, {"theme": afval.pk})) == {a.reference}
    assert refs(client.get(LIST, {"area": area.pk})) == {a.reference}  # wijk holds its buurten
    assert refs(client.get(LIST, {"status": "closed"})) == {b.reference}
    assert refs(client.get(LIST, {"source": "police"})) == {b.reference}
    week_ago = (timezone.localdate() - dt.timedelta(days=7)).isoformat()
    assert c.reference not in refs(client.get(LIST, {"date_from": week_ago}))
    assert refs(client.get(LIST, {"scope": "mine"})) == {a.reference, c.reference}
    assert refs(client.get(LIST, {"scope": "team"})) == {a.reference, b.reference, c.reference}


def test_sorting_and_pagination(boa, client_for):
    now = timezone.now()
    for i in range(30):
        IncidentFactory(registered_by=boa, occurred_at=now - dt.timedelta(hours=i))
    client = client_for(boa)
    first = client.get(LIST)
    assert len(first.context["items"]) == 25
    assert first.context["items"][0].occurred_at > first.context["items"][1].occurred_at
    second = client.get(LIST, {"page": 2})
    assert len(second.context["items"]) == 5
    oldest = client.get(LIST, {"sort": "occurred_at"})
    assert oldest.context["items"][0].occurred_at == min(
        i.occurred_at for i in first.context["items"] + second.context["items"]
    )


def test_dutch_full_text_search_finds_word_forms(boa, client_for):
    hit = IncidentFactory(registered_by=boa, description="Jongeren gooiden een fiets in de gracht")
    IncidentFactory(registered_by=boa, description="Afval naast de container")
    response = client_for(boa).get(LIST, {"q": "jongere gracht"})
    assert refs(response) == {hit.reference}


def test_old_records_only_with_targeted_search(boa, client_for, settings):
    settings.WPG_BROWSE_LIMIT_DAYS = 365
    old = IncidentFactory(
        registered_by=boa,
        occurred_at=timezone.now() - dt.timedelta(days=500),
        address="Kerkstraat 5",
        description="Hennepgeur uit de kelder",
    )
    client = client_for(boa)
    browse = client.get(LIST)
    assert old.reference not in refs(browse)
    assert "Wet politiegegevens" in browse.content.decode()
    # A prefix and words are browsing (accounts.privacy), even with a purpose.
    assert old.reference not in refs(
        client.get(LIST, {"address": "Kerkstraat", "purpose": "Z-2026-000001"})
    )
    assert old.reference not in refs(client.get(LIST, {"q": "hennepgeur", "purpose": "zaak"}))
    # The full address needs a purpose before it reaches the old record.
    asked = client.get(LIST, {"address": "kerkstraat  5"})
    assert old.reference not in refs(asked)
    assert "pas getoond als u het doel van de zoekvraag invult" in asked.content.decode()
    assert "Er zijn oudere gegevens" in asked.content.decode()
    found = client.get(LIST, {"address": "kerkstraat  5", "purpose": "Z-2026-000001"})
    assert old.reference in refs(found)
    # a filter on period alone is browsing, not a targeted search
    assert old.reference not in refs(
        client.get(LIST, {"date_from": "2000-01-01", "date_to": timezone.localdate().isoformat()})
    )


@pytest.mark.parametrize("rows", [10, 50])
def test_list_runs_fixed_number_of_queries(boa, client_for, django_assert_num_queries, rows):
    for _ in range(rows):
        IncidentFactory(registered_by=boa, category=None)
    client = client_for(boa)
    # session, user, themes and areas of the filter form, own-outside-team ids,
    # count, page ids, page rows, map points, session save (3)
    with django_assert_num_queries(12):
        response = client.get(LIST, {"per_page": 50})
    assert len(response.context["items"]) == rows


def test_map_points_and_tile_url_on_page(boa, client_for, settings):
    settings.MAP_TILE_URL = "https://tiles.example/{z}/{x}/{y}.png"
    IncidentFactory(registered_by=boa, latitude=52.36, longitude=4.97)
    IncidentFactory.create_batch(3, registered_by=boa, latitude=52.37, longitude=4.98)
    response = client_for(boa).get(LIST, {"per_page": 25, "page": 1, "sort": "occurred_at"})
    assert len(response.context["points"]) == 4  # the whole filtered list, not one page
    html = response.content.decode()
    assert "https://tiles.example/{z}/{x}/{y}.png" in html
    assert "vendor/leaflet/leaflet.js" in html
    assert "52.36" in html


# --- export ------------------------------------------------------------------------


def test_team_lead_exports_csv_with_reporter_and_it_is_logged(team_lead, client_for):
    IncidentFactory(registered_by=team_lead, source="resident", reporter_name="Jan Bewoner")
    theme = ThemeFactory(code="ander", name="Ander")
    IncidentFactory(registered_by=team_lead, theme=theme)
    response = client_for(team_lead).get(
        reverse("enforcement:incident_export", args=["csv"]), {"theme": theme.pk}
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Kenmerk" and "Naam melder" in rows[0]
    assert len(rows) == 2  # header + the one filtered row
    entry = AccessLogEntry.objects.get(action="export")
    assert entry.detail["filter"]["theme_id"] == theme.pk
    assert entry.detail["rows"] == 1


def test_xlsx_export_without_personal_data_for_policy_officer(policy_officer, boa, client_for):
    IncidentFactory(
        registered_by=boa, source="resident", reporter_name="Jan Bewoner", description="=1+1"
    )
    response = client_for(policy_officer).get(reverse("enforcement:incident_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert "Naam melder" not in values[0]
    assert not any("Jan Bewoner" in str(v) for row in values for v in row)
    # No formula injection: stored as text, shown as typed (Excel's quote prefix).
    cell = sheet.cell(row=2, column=values[0].index("Omschrijving") + 1)
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=1+1", "s", True)


def test_export_row_shows_local_time_labels_and_boa_name(team_lead, make_user, client_for):
    # The rows are read as plain values (not model instances); labels and time as before.
    boa = make_user(Role.BOA, username="boa7", first_name="Anna", last_name="de Vries")
    IncidentFactory(
        registered_by=team_lead,
        reported_by=boa,
        source="police",
        status="in_progress",
        priority=4,
        occurred_at=dt.datetime(2026, 7, 1, 21, 30, tzinfo=dt.UTC),
        latitude=None,
        longitude=None,
    )
    response = client_for(team_lead).get(reverse("enforcement:incident_export", args=["csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Tijdstip"] == "01-07-2026 23:30"  # Amsterdam summer time
    assert (row["Bron"], row["Status"], row["Prioriteit"]) == ("Politie", "In behandeling", "Spoed")
    assert row["Boa"] == "Anna de Vries"
    assert row["Breedtegraad"] == row["Lengtegraad"] == ""


def test_boa_cannot_export(boa, client_for):
    url = reverse("enforcement:incident_export", args=["csv"])
    assert client_for(boa).get(url).status_code == 404


@pytest.mark.parametrize("rows", [5, 30])
def test_export_fixed_queries(team_lead, client_for, django_assert_num_queries, rows):
    for _ in range(rows):
        IncidentFactory(registered_by=team_lead)
    client = client_for(team_lead)
    # session, user, filter choices (themes, areas), own-outside-team ids, rows,
    # access log (3 with its savepoint), session save (3)
    with django_assert_num_queries(12):
        client.get(reverse("enforcement:incident_export", args=["csv"]))


# --- nearby --------------------------------------------------------------------------


NEARBY = reverse("enforcement:incident_nearby")


def test_nearby_shows_close_incidents_and_violations_not_far_or_old(boa, client_for):
    close = IncidentFactory(registered_by=boa, latitude=52.3500, longitude=4.9500, address="A 1")
    far = IncidentFactory(registered_by=boa, latitude=52.3600, longitude=4.9500, address="B 2")
    old = IncidentFactory(
        registered_by=boa,
        latitude=52.3500,
        longitude=4.9501,
        occurred_at=timezone.now() - dt.timedelta(weeks=13),
    )
    same_address = IncidentFactory(
        registered_by=boa, latitude=None, longitude=None, address="Markt 9"
    )
    violation = ViolationFactory(incident=close)
    html = (
        client_for(boa)
        .get(NEARBY, {"latitude": "52.3502", "longitude": "4.9502", "address": "markt 9"})
        .content.decode()
    )
    assert close.reference in html and same_address.reference in html
    assert violation.reference in html
    assert far.reference not in html and old.reference not in html


def test_nearby_hides_other_team(boa, other_team_boa, client_for):
    theirs = IncidentFactory(registered_by=other_team_boa, latitude=52.35, longitude=4.95)
    html = client_for(boa).get(NEARBY, {"latitude": "52.35", "longitude": "4.95"}).content
    assert theirs.reference not in html.decode()
    assert "Geen eerdere meldingen" in html.decode()


def test_nearby_links_open_case_when_provider_registered(boa, client_for):
    incident = IncidentFactory(registered_by=boa, latitude=52.35, longitude=4.95)

    class Provider:
        def for_incidents(self, *, incident_ids, user):
            return {i: [("/zaken/7/", "Zaak Z-2026-7")] for i in incident_ids}

    with extensions.override(extensions.OPEN_CASES, Provider()):
        html = client_for(boa).get(NEARBY, {"latitude": "52.35", "longitude": "4.95"})
    assert incident.reference in html.content.decode()
    assert 'href="/zaken/7/"' in html.content.decode()


def test_create_form_shows_nearby_after_refused_post(boa, client_for):
    earlier = IncidentFactory(registered_by=boa, address="Markt 1")
    theme = ThemeFactory(code="x", name="X")
    future = (timezone.localtime() + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = client_for(boa).post(
        reverse("enforcement:incident_create"),
        {
            "theme": theme.pk,
            "address": "Markt 1",
            "occurred_at": future,
            "priority": 2,
            "source": "own",
            "submission_key": "0f0f0f0f-0000-4000-8000-000000000001",
        },
    )
    assert earlier.reference in response.content.decode()


# --- home ----------------------------------------------------------------------------


def test_home_shows_new_incident_button_and_recent_incidents(boa, client_for):
    mine = IncidentFactory(registered_by=boa)
    html = client_for(boa).get(reverse("home")).content.decode()
    assert "Nieuwe melding" in html
    assert mine.reference in html
    assert reverse("enforcement:incident_list") in html


def test_council_member_home_has_no_incident_panel(council_member, client_for):
    response = client_for(council_member).get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    # The page escapes the name: "van 't Hof" stands there as "van &#x27;t Hof".
    name = escape(council_member.get_full_name())
    assert name in html or council_member.username in html
    assert "Nieuwe melding" not in html


def test_one_bad_filter_value_keeps_the_other_filters_and_says_what_is_wrong(boa, client_for):
    afval = ThemeFactory(code="afval", name="Afval")
    a = IncidentFactory(registered_by=boa, theme=afval)
    IncidentFactory(registered_by=boa)
    response = client_for(boa).get(LIST, {"theme": afval.pk, "date_from": "31-02-2026"})
    assert refs(response) == {a.reference}  # the theme still filters
    body = response.content.decode()
    assert "Voer een geldige datum in" in body and 'value="31-02-2026"' in body
