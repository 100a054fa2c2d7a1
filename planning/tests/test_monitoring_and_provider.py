import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from enforcement import extensions
from enforcement.models import PatrolEffort
from enforcement.tests.factories import PatrolEffortFactory, PatrolLogFactory, ThemeFactory
from planning.models import Activity, PlannedEffort, Programme
from planning.selectors.monitoring import programme_monitoring
from planning.tests.factories import ActivityFactory, PlannedEffortFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
TZ = timezone.get_default_timezone()


def at(year, month, day=10, hour=9):
    return dt.datetime(year, month, day, hour, tzinfo=TZ)


@pytest.fixture
def provider():
    # Other apps' tests swap the registration for a test double; start from ours.
    from planning.services.effort import provider as planning_provider

    with extensions.override(extensions.EFFORT_ACTIVITY, planning_provider):
        yield planning_provider


def test_planning_registers_its_provider_when_ready():
    from django.apps import apps

    from planning.services.effort import provider

    apps.get_app_config("planning").ready()
    assert extensions.get(extensions.EFFORT_ACTIVITY) is provider


def test_choices_are_adopted_activities_of_the_log_period(provider):
    adopted = ProgrammeFactory(year=2031, status=Programme.Status.ADOPTED)
    spring = ActivityFactory(programme=adopted, title="Lente", start_month=3, end_month=5)
    ActivityFactory(programme=adopted, title="Najaar", start_month=9, end_month=11)
    ActivityFactory(programme=adopted, title="Uitgesteld", deferred=True)
    ActivityFactory(programme=adopted, title="Reactief", kind=Activity.Kind.REACTIVE)
    ActivityFactory(
        programme__year=2031, programme__version=2, programme__status="draft", title="Concept"
    )
    log = PatrolLogFactory(started_at=at(2031, 4), ended_at=at(2031, 4, hour=13))
    choices = provider.choices(patrol_log=log)
    assert choices == [(spring.pk, f"{spring.theme.name}: Lente")]
    assert provider.choices(patrol_log=PatrolLogFactory(started_at=at(2030, 4))) == []


def test_link_and_labels_and_refusals(provider, boa):
    adopted = ProgrammeFactory(year=2031, status=Programme.Status.ADOPTED)
    activity = ActivityFactory(programme=adopted, title="Toezicht")
    log = PatrolLogFactory(started_at=at(2031, 4), ended_at=at(2031, 4, hour=13))
    effort = PatrolEffortFactory(patrol_log=log, theme=activity.theme, kind="planned")
    provider.link(effort=effort, activity_id=activity.pk, actor=boa)
    assert PlannedEffort.objects.get(effort=effort).activity == activity
    other = PatrolEffortFactory(patrol_log=log, kind="planned")
    with pytest.raises(ValidationError, match="thema"):
        provider.link(effort=other, activity_id=activity.pk, actor=boa)
    reactive = PatrolEffortFactory(patrol_log=log, theme=activity.theme, kind="reactive")
    with pytest.raises(ValidationError, match="geplande inzet"):
        provider.link(effort=reactive, activity_id=activity.pk, actor=boa)
    draft_activity = ActivityFactory(
        programme__year=2031, programme__version=2, theme=activity.theme
    )
    with pytest.raises(ValidationError, match="niet in het vastgestelde programma"):
        provider.link(effort=effort, activity_id=draft_activity.pk, actor=boa)
    efforts = list(PatrolEffort.objects.all())
    assert provider.labels(efforts=efforts) == {effort.pk: f"{activity.theme.name}: Toezicht"}
    provider.link(effort=effort, activity_id=None, actor=boa)
    assert not PlannedEffort.objects.exists()


def test_labels_is_one_query(provider, django_assert_num_queries):
    links = PlannedEffortFactory.create_batch(5)
    with django_assert_num_queries(1):
        labels = provider.labels(efforts=[link.effort for link in links])
    assert len(labels) == 5


def test_monitoring_realised_per_activity_theme_month_and_behind():
    theme = ThemeFactory(name="Jeugd")
    p = ProgrammeFactory(year=2031, status=Programme.Status.ADOPTED)
    on_track = ActivityFactory(
        programme=p, theme=theme, title="Op schema", planned_hours=120, start_month=1, end_month=12
    )
    behind = ActivityFactory(
        programme=p, theme=theme, title="Achter", planned_hours=1200, start_month=1, end_month=12
    )
    log = PatrolLogFactory(started_at=at(2031, 2), ended_at=at(2031, 2, hour=15))
    # 20 h planned on "Op schema" in February, 3 h reactive, 1 h planned not linked.
    PlannedEffortFactory(
        activity=on_track, effort__patrol_log=log, effort__theme=theme, effort__minutes=1200
    )
    PlannedEffortFactory(
        activity=behind, effort__patrol_log=log, effort__theme=theme, effort__minutes=60
    )
    PatrolEffortFactory(patrol_log=log, theme=theme, kind="reactive", minutes=180)
    PatrolEffortFactory(patrol_log=log, theme=theme, kind="planned", minutes=60)
    # Another year does not count.
    PatrolEffortFactory(
        patrol_log=PatrolLogFactory(started_at=at(2030, 2), ended_at=at(2030, 2, hour=12)),
        theme=theme,
        kind="reactive",
        minutes=600,
    )
    m = programme_monitoring(programme=p, today=dt.date(2031, 3, 1))
    rows = {r["activity"].title: r for r in m.activities}
    assert rows["Op schema"]["realised"] == Decimal(20)
    assert rows["Op schema"]["months"][1]["realised"] == Decimal(20)
    assert rows["Op schema"]["planned_to_date"] == Decimal(20)  # two months of 10 h
    assert not rows["Op schema"]["behind"]
    assert rows["Achter"]["realised"] == Decimal(1)
    assert rows["Achter"]["behind"]
    assert m.behind_count == 1
    (t,) = m.themes
    assert (t["realised_linked"], t["reactive"], t["planned_effort"], t["unlinked"]) == (
        Decimal(21),
        Decimal(3),
        Decimal(22),
        Decimal(1),
    )
    assert t["reactive_share"] == Decimal(12)  # 3 / 25
    feb = m.months[1]
    assert (feb["realised_planned"], feb["reactive"]) == (Decimal(21), Decimal(3))
    assert m.months[0]["reactive"] == 0


def test_monitoring_page_in_few_queries(manager, client, django_assert_max_num_queries):
    p = ProgrammeFactory(year=2031, status=Programme.Status.ADOPTED)
    for _ in range(10):
        link = PlannedEffortFactory(activity__programme=p)
        link.effort.patrol_log.started_at = at(2031, 5)
        link.effort.patrol_log.ended_at = at(2031, 5, hour=12)
        link.effort.patrol_log.save()
    client.force_login(manager)
    with django_assert_max_num_queries(11):
        response = client.get(reverse("planning:programme_monitoring", args=[p.pk]))
    assert response.status_code == 200
    assert "Per activiteit" in response.content.decode()


def test_monitoring_of_a_draft_is_refused(manager, client):
    p = ProgrammeFactory(year=2031)
    client.force_login(manager)
    response = client.get(reverse("planning:programme_monitoring", args=[p.pk]), follow=True)
    assert response.redirect_chain == [(reverse("planning:programme_detail", args=[p.pk]), 302)]
    assert "Monitoring kan pas als het programma is vastgesteld." in response.content.decode()
    assert "Per activiteit" not in response.content.decode()


def test_effort_on_an_earlier_version_counts_for_its_copy(boa, manager):
    from planning.services import programme as svc

    theme = ThemeFactory()
    v1 = ProgrammeFactory(year=2031, status=Programme.Status.ADOPTED)
    activity = ActivityFactory(programme=v1, theme=theme, title="Toezicht park")
    log = PatrolLogFactory(started_at=at(2031, 2), ended_at=at(2031, 2, hour=13))
    PlannedEffortFactory(
        activity=activity, effort__patrol_log=log, effort__theme=theme, effort__minutes=120
    )
    v2 = svc.programme_new_version(actor=boa, programme=v1)
    m = programme_monitoring(programme=v2, today=dt.date(2031, 3, 1))
    (row,) = m.activities
    assert row["activity"].copied_from == activity
    assert row["realised"] == Decimal(2)


def test_home_panel_shows_activities_behind_schedule(manager, client):
    year = timezone.localdate().year
    p = ProgrammeFactory(year=year, status=Programme.Status.ADOPTED, title="Programma dit jaar")
    ActivityFactory(programme=p, planned_hours=100_000)
    client.force_login(manager)
    page = client.get(reverse("home")).content.decode()
    assert "Programma dit jaar" in page
    if timezone.localdate() > dt.date(year, 1, 5):
        assert "1 activiteit loopt achter" in page


def test_home_panel_tells_each_role_its_next_step_on_the_programme(
    manager, policy_officer, council_member, client
):
    year = timezone.localdate().year
    ProgrammeFactory(year=year, status=Programme.Status.DRAFT, title="Programma concept")
    client.force_login(manager)
    assert "Aan u: Prioritering vastleggen" in client.get(reverse("home")).content.decode()
    client.force_login(policy_officer)
    assert "Aan u: Activiteiten aanvullen" in client.get(reverse("home")).content.decode()
    client.force_login(council_member)
    assert "Aan u:" not in client.get(reverse("home")).content.decode()
