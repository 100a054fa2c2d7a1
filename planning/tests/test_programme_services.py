import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from planning.models import Activity, Priority, Programme
from planning.selectors.programme import capacity_overview, programme_diff, programme_fit
from planning.services import programme as svc
from planning.tests.factories import ActivityFactory, CapacityEntryFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
S = Programme.Status
TODAY = dt.date(2026, 3, 1)


def adopt(programme, manager):
    svc.programme_transition(
        actor=manager, programme=programme, to_status=S.PRIORITISED, decision="ok", decided_on=TODAY
    )
    return svc.programme_transition(
        actor=manager, programme=programme, to_status=S.ADOPTED, decision="vast", decided_on=TODAY
    )


@pytest.mark.parametrize(
    ("frm", "to", "role_fixture", "allowed"),
    [
        (S.DRAFT, S.PRIORITISED, "manager", True),
        (S.DRAFT, S.PRIORITISED, "boa", False),
        (S.DRAFT, S.PRIORITISED, "policy_officer", False),
        (S.PRIORITISED, S.ADOPTED, "manager", True),
        (S.PRIORITISED, S.ADOPTED, "policy_officer", False),
        (S.PRIORITISED, S.DRAFT, "manager", True),
        (S.DRAFT, S.ADOPTED, "manager", False),
        (S.ADOPTED, S.DRAFT, "manager", False),
    ],
)
def test_transition_table(request, frm, to, role_fixture, allowed):
    actor = request.getfixturevalue(role_fixture)
    programme = ProgrammeFactory(status=frm)
    if allowed:
        svc.programme_transition(
            actor=actor, programme=programme, to_status=to, decision="Besluit", decided_on=TODAY
        )
        programme.refresh_from_db()
        assert programme.status == to
        d = programme.decisions.get()
        assert (d.from_status, d.to_status, d.decision, d.actor) == (frm, to, "Besluit", actor)
    else:
        with pytest.raises((ValidationError, PermissionDenied)):
            svc.programme_transition(
                actor=actor, programme=programme, to_status=to, decision="x", decided_on=TODAY
            )
        programme.refresh_from_db()
        assert programme.status == frm


def test_the_workflow_table_is_the_one_tested_above():
    assert svc.WORKFLOW.pairs == {
        (S.DRAFT, S.PRIORITISED),
        (S.PRIORITISED, S.DRAFT),
        (S.PRIORITISED, S.ADOPTED),
    }


@pytest.mark.parametrize("frm", S.values)
@pytest.mark.parametrize("to", S.values)
def test_a_step_outside_the_table_is_refused_in_dutch(manager, frm, to):
    if (frm, to) in svc.WORKFLOW.pairs:
        return
    programme = ProgrammeFactory(status=frm)
    with pytest.raises(ValidationError) as exc:
        svc.programme_transition(
            actor=manager, programme=programme, to_status=to, decision="x", decided_on=TODAY
        )
    assert "is geen toegestane stap" in exc.value.messages[0]
    programme.refresh_from_db()
    assert programme.status == frm and not programme.decisions.exists()


def test_second_programme_for_adopted_year_is_refused(boa, manager):
    p = svc.programme_create(actor=boa, year=2026, title="UP 2026")
    adopt(p, manager)
    with pytest.raises(ValidationError, match="al een programma vastgesteld"):
        svc.programme_create(actor=boa, year=2026, title="Nog een")


def test_adopted_programme_is_read_only(boa, manager):
    p = svc.programme_create(actor=boa, year=2026, title="UP 2026")
    a = svc.activity_save(
        actor=boa,
        programme=p,
        data={
            "theme": _theme(),
            "title": "Surveillance",
            "planned_hours": Decimal(100),
            "start_month": 1,
            "end_month": 6,
            "kind": "planned",
        },
    )
    adopt(p, manager)
    p.refresh_from_db()
    with pytest.raises(ValidationError, match="alleen-lezen"):
        svc.activity_save(actor=boa, programme=p, activity=a, data={"planned_hours": Decimal(5)})
    a.refresh_from_db()
    assert a.planned_hours == Decimal(100)


def _theme():
    from enforcement.tests.factories import ThemeFactory

    return ThemeFactory()


def test_new_version_copies_and_diff_shows_changes(boa, manager):
    p = ProgrammeFactory(year=2026)
    keep = ActivityFactory(programme=p, title="Blijft", planned_hours=100)
    change = ActivityFactory(programme=p, title="Verandert", planned_hours=100)
    gone = ActivityFactory(programme=p, title="Vervalt")
    adopt(p, manager)
    p.refresh_from_db()
    v2 = svc.programme_new_version(actor=boa, programme=p)
    assert (v2.version, v2.status, v2.previous) == (2, S.DRAFT, p)
    assert v2.activities.count() == 3
    copy = v2.activities.get(copied_from=change)
    svc.activity_save(actor=boa, programme=v2, activity=copy, data={"planned_hours": Decimal(250)})
    svc.activity_delete(actor=boa, activity=v2.activities.get(copied_from=gone))
    svc.activity_save(
        actor=boa,
        programme=v2,
        data={
            "theme": keep.theme,
            "title": "Nieuw",
            "planned_hours": Decimal(10),
            "start_month": 3,
            "end_month": 4,
            "kind": "planned",
        },
    )
    diff = programme_diff(programme=v2)
    assert [a.title for a in diff["added"]] == ["Nieuw"]
    assert [a.title for a in diff["removed"]] == ["Vervalt"]
    assert [(c["activity"].title, c["changes"][0]["field"]) for c in diff["changed"]] == [
        ("Verandert", "uren")
    ]
    # A second new version while one is open is refused.
    with pytest.raises(ValidationError):
        svc.programme_new_version(actor=boa, programme=p)
    # Adopting v2 supersedes v1.
    adopt(v2, manager)
    p.refresh_from_db()
    assert p.status == S.SUPERSEDED


def test_priority_by_a_role_that_may_not_is_refused(boa, manager):
    a = ActivityFactory()
    with pytest.raises(PermissionDenied):
        svc.activities_prioritise(
            actor=boa, programme=a.programme, choices={a.pk: (Priority.HIGH, False)}
        )
    svc.activities_prioritise(
        actor=manager, programme=a.programme, choices={a.pk: (Priority.HIGH, False)}
    )
    a.refresh_from_db()
    assert a.priority == Priority.HIGH


def test_capacity_warning_and_fit_in_priority_order(team_lead):
    p = ProgrammeFactory(year=2026)
    for month in range(1, 13):
        CapacityEntryFactory(
            team=team_lead.team,
            year=2026,
            month=month,
            people=1,
            contract_hours=100,
            leave_hours=0,
            training_hours=0,
            overhead_hours=0,
        )
    high = ActivityFactory(programme=p, planned_hours=600, priority=Priority.HIGH)
    low = ActivityFactory(programme=p, planned_hours=600, priority=Priority.LOW)
    medium = ActivityFactory(programme=p, planned_hours=480, priority=Priority.MEDIUM)
    deferred = ActivityFactory(programme=p, planned_hours=1000, deferred=True)
    activities = list(p.activities.select_related("theme"))
    overview = capacity_overview(programme=p, activities=activities)
    assert overview.total_available == Decimal(1200)
    assert overview.total_planned == Decimal(1680)
    assert overview.over and len(overview.over_months) == 12
    fit = programme_fit(programme=p, activities=activities)
    assert fit.fits == [high, medium]
    assert fit.does_not_fit == [low]
    assert fit.deferred == [deferred]
    assert Activity.objects.count() == 4


def test_a_programme_is_not_adopted_before_it_was_prioritised(manager):
    programme = ProgrammeFactory()
    svc.programme_transition(
        actor=manager, programme=programme, to_status=S.PRIORITISED, decision="ok", decided_on=TODAY
    )
    with pytest.raises(ValidationError) as exc:
        svc.programme_transition(
            actor=manager,
            programme=programme,
            to_status=S.ADOPTED,
            decision="vast",
            decided_on=TODAY - dt.timedelta(days=1),
        )
    assert "vóór het vorige besluit (geprioriteerd op 01-03-2026)" in str(
        exc.value.message_dict["decided_on"]
    )
    programme.refresh_from_db()
    assert programme.status == S.PRIORITISED and programme.adopted_on is None
    adopted = svc.programme_transition(
        actor=manager, programme=programme, to_status=S.ADOPTED, decision="vast", decided_on=TODAY
    )
    assert adopted.adopted_on == TODAY
