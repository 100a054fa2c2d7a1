"""Cases and planning figures: opened, closed, overdue, lead time; programme, goals, groups."""

import datetime as dt
from decimal import Decimal

import pytest

from reports.figures import figures_compute
from reports.tests.conftest import Q2, at


def _table(figures, key):
    for s in figures["sections"]:
        for t in s["tables"]:
            if t["key"] == key:
                return t
    raise KeyError(key)


def _values(table):
    return {r["label"]: r["values"] for r in table["rows"]}


def test_cases_opened_closed_overdue_and_median_lead_time(
    known_data, django_assert_max_num_queries
):
    from cases.tests.factories import CaseFactory

    overlast = known_data["overlast"]
    common = {"theme": overlast, "area": known_data["noord"]}
    CaseFactory(
        **common,
        opened_at=at(dt.date(2026, 4, 5)),
        closed_at=at(dt.date(2026, 5, 5)),
        status="closed",
        due_date=dt.date(2026, 5, 1),
    )
    CaseFactory(
        **common,
        opened_at=at(dt.date(2026, 4, 5)),
        closed_at=at(dt.date(2026, 6, 4)),
        status="closed",
        due_date=dt.date(2026, 5, 1),
    )
    CaseFactory(**common, opened_at=at(dt.date(2026, 4, 5)), due_date=dt.date(2026, 6, 1))
    CaseFactory(**common, opened_at=at(dt.date(2026, 4, 6)), due_date=dt.date(2026, 9, 1))
    CaseFactory(**common, opened_at=at(dt.date(2025, 5, 6)), due_date=dt.date(2025, 9, 1))
    with django_assert_max_num_queries(13):  # +1: the summary trend, +1: the forecast check
        figures = figures_compute(period=Q2)
    assert _values(_table(figures, "cases_flow")) == {"Overlast": [4, 0, 1]}
    assert _values(_table(figures, "cases_closed")) == {"Overlast": [2, 0, 0]}
    # Open at the end of the period with a due date before it: the 1 June case and the
    # 2025 case (due September 2025, still open); at 1 July 2025 that one was not late yet.
    assert _values(_table(figures, "cases_overdue")) == {"Overlast": [2, 1, 0]}
    lead = _table(figures, "cases_lead_time")
    assert _values(lead)["Overlast"] == [45.0, None, None]  # median of 30 and 60 days
    assert next(s for s in figures["sections"] if s["key"] == "cases")["tables"]


def test_programme_goals_and_expert_groups(
    known_data, policy_officer, django_assert_max_num_queries
):
    from enforcement.models import PatrolEffort
    from planning.tests.factories import (
        ActivityFactory,
        EvaluationFactory,
        ExpertGroupFactory,
        GoalFactory,
        IndicatorValueFactory,
        MeetingFactory,
        PlannedEffortFactory,
        ProgrammeFactory,
    )

    overlast, afval = known_data["overlast"], known_data["afval"]
    programme = ProgrammeFactory(year=2026, status="adopted", created_by=policy_officer)
    ProgrammeFactory(year=2026, version=2, status="draft", created_by=policy_officer)
    year_round = ActivityFactory(programme=programme, theme=overlast, planned_hours=Decimal("120"))
    ActivityFactory(
        programme=programme, theme=afval, planned_hours=Decimal("40"), start_month=4, end_month=5
    )
    ActivityFactory(programme=programme, theme=afval, planned_hours=Decimal("999"), deferred=True)
    ActivityFactory(
        programme=programme, theme=afval, planned_hours=Decimal("500"), start_month=7, end_month=9
    )
    planned_effort = PatrolEffort.objects.get(kind="planned", theme=overlast, minutes=360)
    PlannedEffortFactory(effort=planned_effort, activity=year_round)

    goal = GoalFactory(plan__theme=overlast, plan__year=2026, title="Minder overlast in Noord")
    IndicatorValueFactory(
        indicator=goal.indicator, measured_on=dt.date(2026, 6, 1), value=Decimal("90")
    )
    IndicatorValueFactory(
        indicator=goal.indicator, measured_on=dt.date(2026, 7, 15), value=Decimal("70")
    )
    met = ExpertGroupFactory(theme=overlast, name="Expertgroep Overlast")
    EvaluationFactory(
        meeting=MeetingFactory(group=met, held_on=dt.date(2026, 6, 10)),
        goal=goal,
        judgement="at_risk",
    )
    idle = ExpertGroupFactory(theme=afval, name="Expertgroep Afval")
    MeetingFactory(group=idle, held_on=dt.date(2026, 1, 10))

    with django_assert_max_num_queries(13):  # +1: the summary trend, +1: the forecast check
        figures = figures_compute(period=Q2)
    activities = _table(figures, "programme_activities")
    # Overlast: 120 h over 12 months -> 30 h in Q2; Afval: 40 h in April-May.
    assert _values(activities) == {"Overlast": [1, 1, 30.0, 6.0], "Afval": [1, 0, 40.0, 0.0]}
    assert activities["total"]["values"] == [2, 1, 70.0, 6.0]
    # Figures are stored as JSON in the report: no Decimal may slip through.
    import json

    json.dumps(figures)
    planned = _values(_table(figures, "effort_planned_vs_realised"))
    assert planned["Overlast"] == [30.0, 10.0, 33.3]
    assert planned["Afval"] == [40.0, 2.0, 5.0]
    goals = _values(_table(figures, "goals"))
    assert goals["Minder overlast in Noord"][2:] == [100.0, 80.0, 90.0, "Risico"]
    # Computed indicators count the registration from 1 January to the end of the period,
    # as planning's own indicator page does: 7 in Q1 + 12 in Q2.
    from planning.selectors.expert_groups import indicator_current

    goal2 = GoalFactory(plan=goal.plan, title="Meldingen overlast dalen")
    goal2.indicator.source = "incidents"
    goal2.indicator.save(update_fields=["source"])
    figures = figures_compute(period=Q2)
    assert _values(_table(figures, "goals"))["Meldingen overlast dalen"][4] == 19.0
    expected = indicator_current(indicator=goal2.indicator, as_of=Q2.last_day)["value"]
    assert float(expected) == 19.0
    groups = _values(_table(figures, "expert_groups_not_met"))
    assert groups == {"Expertgroep Afval": ["Afval", 0, "10-01-2026"]}


@pytest.mark.parametrize(
    "source, with_category, with_areas",
    [
        ("incidents", False, False),
        ("incidents", True, False),
        ("incidents", False, True),
        ("incidents", True, True),
        ("violations", False, False),
        ("effort_hours", False, False),
    ],
)
def test_computed_indicators_equal_planning_s_own_value(
    known_data, source, with_category, with_areas
):
    """Each computed indicator in the report equals the value planning's indicator page
    computes from the records themselves (for the year up to the end of the period)."""
    from enforcement.tests.factories import CategoryFactory, IncidentFactory
    from planning.selectors.expert_groups import indicator_current
    from planning.tests.factories import GoalFactory

    overlast, noord = known_data["overlast"], known_data["noord"]
    loud = CategoryFactory(theme=overlast, name="Geluid")
    for day, area in ((dt.date(2026, 2, 3), noord), (dt.date(2026, 5, 9), known_data["zuid"])):
        IncidentFactory(theme=overlast, category=loud, area=area, occurred_at=at(day))
    goal = GoalFactory(plan__theme=overlast, plan__year=2026, title="Het doel")
    indicator = goal.indicator
    indicator.source = source
    indicator.category = loud if with_category else None
    indicator.save()
    if with_areas:
        indicator.areas.set([noord])
    figures = figures_compute(period=Q2)
    shown = _values(_table(figures, "goals"))["Het doel"][4]
    expected = indicator_current(indicator=indicator, as_of=Q2.last_day)["value"]
    assert shown == float(expected)
    assert shown > 0
