"""A district includes its neighbourhoods everywhere: lists, the briefing agenda, the
theme plans' indicators, the dashboard and the report figures (one selector decides)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from cases.services.briefings import briefing_agenda_generate
from cases.tests.factories import BriefingFactory, CaseFactory
from enforcement.models import Area
from enforcement.selectors.areas import area_id_set, area_sets
from enforcement.tests.factories import (
    AreaFactory,
    IncidentFactory,
    PatrolLogFactory,
    ThemeFactory,
    ViolationFactory,
)
from planning.models import Indicator
from planning.selectors.expert_groups import indicator_current
from planning.tests.factories import GoalFactory
from reports.figures import figures_compute
from reports.periods import Period

pytestmark = pytest.mark.django_db


@pytest.fixture
def town(boa):
    centrum = AreaFactory(code="WK0001", name="Centrum")
    binnenstad = AreaFactory(code="BU000101", name="Binnenstad", kind="buurt", parent=centrum)
    station = AreaFactory(code="BU000102", name="Stationsbuurt", kind="buurt", parent=centrum)
    noord = AreaFactory(code="WK0002", name="Noord")
    jeugd = ThemeFactory(code="jeugd", name="Jeugd")
    now = timezone.now() - dt.timedelta(hours=2)
    incidents = {
        "binnenstad": IncidentFactory(
            reference="M-1", area=binnenstad, theme=jeugd, registered_by=boa, occurred_at=now
        ),
        "station": IncidentFactory(
            reference="M-2", area=station, theme=jeugd, registered_by=boa, occurred_at=now
        ),
        "centrum": IncidentFactory(
            reference="M-3", area=centrum, theme=jeugd, registered_by=boa, occurred_at=now
        ),
        "noord": IncidentFactory(
            reference="M-4", area=noord, theme=jeugd, registered_by=boa, occurred_at=now
        ),
    }
    return {
        "centrum": centrum,
        "binnenstad": binnenstad,
        "station": station,
        "noord": noord,
        "jeugd": jeugd,
        "incidents": incidents,
    }


# area, the areas it means
SETS = [
    ("centrum", {"centrum", "binnenstad", "station"}),
    ("binnenstad", {"binnenstad"}),
    ("noord", {"noord"}),
]


@pytest.mark.parametrize("area,members", SETS)
def test_one_rule_for_the_set_of_areas(town, area, members):
    expected = {town[m].pk for m in members}
    assert area_id_set(town[area]) == expected
    pairs = Area.objects.values_list("pk", "parent_id")
    assert area_sets(pairs)[town[area].pk] == expected


def test_incident_and_violation_lists_for_a_district_include_its_neighbourhoods(
    client_for, boa, town
):
    ViolationFactory(reference="O-BUURT", incident=town["incidents"]["station"])
    ViolationFactory(reference="O-NOORD", incident=town["incidents"]["noord"])
    client = client_for(boa)
    area = {"area": town["centrum"].pk}
    incidents = client.get(reverse("enforcement:incident_list"), area).content.decode()
    assert "M-1" in incidents and "M-2" in incidents and "M-3" in incidents
    assert "M-4" not in incidents
    violations = client.get(reverse("enforcement:violation_list"), area).content.decode()
    assert "O-BUURT" in violations and "O-NOORD" not in violations


def test_shift_list_for_a_district_includes_shifts_in_its_neighbourhoods(client_for, boa, town):
    in_buurt = PatrolLogFactory(boa=boa)
    in_buurt.areas.set([town["binnenstad"]])
    elsewhere = PatrolLogFactory(boa=boa)
    elsewhere.areas.set([town["noord"]])
    response = client_for(boa).get(reverse("enforcement:patrol_list"), {"area": town["centrum"].pk})
    rows = [log.pk for log in response.context["page"].object_list]
    assert in_buurt.pk in rows and elsewhere.pk not in rows


def test_case_list_for_a_district_includes_cases_in_its_neighbourhoods(client_for, make_user, town):
    lead = make_user(Role.TEAM_LEAD)
    in_buurt = CaseFactory(title="Hangjongeren station", area=town["station"], team=lead.team)
    elsewhere = CaseFactory(title="Noordelijke zaak", area=town["noord"], team=lead.team)
    body = client_for(lead).get(reverse("cases:list"), {"area": town["centrum"].pk}).content
    body = body.decode()
    assert in_buurt.title in body and elsewhere.title not in body


def test_briefing_agenda_of_a_district_lists_its_neighbourhoods_incidents(town):
    briefing = BriefingFactory(starts_at=timezone.now() + dt.timedelta(hours=1))
    briefing.areas.set([town["centrum"]])
    items = briefing_agenda_generate(actor=None, briefing_id=briefing.pk)
    text = " ".join(i.text for i in items)
    assert "M-1" in text and "M-2" in text and "M-3" in text
    assert "M-4" not in text


def test_theme_plan_indicator_for_a_district_counts_its_neighbourhoods(town):
    goal = GoalFactory(plan__theme=town["jeugd"], plan__year=timezone.localdate().year)
    indicator = goal.indicator
    indicator.name = "Meldingen jeugdoverlast centrum"
    indicator.source = Indicator.Source.INCIDENTS
    indicator.save()
    indicator.areas.set([town["centrum"]])
    assert indicator_current(indicator=indicator)["value"] == 3


def _table(figures, key):
    for s in figures["sections"]:
        for t in s["tables"]:
            if t["key"] == key:
                return t
    raise KeyError(key)


def _values(table):
    return {r["label"]: r["values"] for r in table["rows"]}


def test_report_figures_and_dashboard_sum_a_district_over_its_neighbourhoods(
    client_for, make_user, town
):
    ViolationFactory(incident=town["incidents"]["binnenstad"])
    goal = GoalFactory(
        plan__theme=town["jeugd"], plan__year=timezone.localdate().year, title="Minder overlast"
    )
    goal.indicator.source = Indicator.Source.INCIDENTS
    goal.indicator.save()
    goal.indicator.areas.set([town["centrum"]])
    period = Period.containing(timezone.localdate())
    figures = figures_compute(period=period)
    by_area = _values(_table(figures, "incidents_by_area"))
    assert by_area["Centrum"][0] == 3
    assert by_area["Binnenstad"][0] == 1 and by_area["Noord"][0] == 1
    assert _values(_table(figures, "violations_by_area"))["Centrum"][0] == 1
    assert _values(_table(figures, "goals"))["Minder overlast"][4] == 3.0
    manager = make_user(Role.MANAGER)
    response = client_for(manager).get(reverse("reports:dashboard"), {"period": period.code})
    assert response.status_code == 200
    presented = next(
        t
        for s in response.context["p"]["sections"]
        for t in s["tables"]
        if t["key"] == "incidents_by_area"
    )
    shown = {r["label"]: r["cells"][0]["value"] for r in presented["rows"]}
    assert shown["Centrum"] == 3 and shown["Stationsbuurt"] == 1
    assert "Centrum" in response.content.decode()
