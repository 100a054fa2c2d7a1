import datetime as dt
import io

import pytest
from django.utils import timezone

from enforcement.models import PatrolEffort
from enforcement.tests.factories import PatrolEffortFactory, PatrolLogFactory, ThemeFactory
from planning.demo import generate
from planning.models import (
    Activity,
    CapacityEntry,
    Evaluation,
    ExpertGroup,
    Meeting,
    PlannedEffort,
    Programme,
    ThemePlan,
)

pytestmark = pytest.mark.django_db


def test_generate_builds_ten_years_and_links_planned_effort(boa, policy_officer):
    themes = [ThemeFactory(), ThemeFactory()]
    year = timezone.localdate().year
    tz = timezone.get_current_timezone()
    for month in (6, 7, 8):
        log = PatrolLogFactory(started_at=dt.datetime(year - 1, month, 3, 9, tzinfo=tz))
        for theme in themes:
            for _ in range(10):
                PatrolEffortFactory(patrol_log=log, theme=theme, kind="planned", minutes=30)
            PatrolEffortFactory(patrol_log=log, theme=theme, kind="reactive", minutes=30)
    out = io.StringIO()
    generate.generate(scale="small", seed=1, stdout=out)
    assert Programme.objects.filter(status="adopted").count() == 10
    assert Activity.objects.filter(programme__year=year).count() == 2 * (2 + 1)
    assert CapacityEntry.objects.count() == 1 * 10 * 12  # one team
    assert ThemePlan.objects.count() == 20
    assert ExpertGroup.objects.count() == 2
    assert Meeting.objects.exists() and Evaluation.objects.exists()
    links = PlannedEffort.objects.select_related("effort__patrol_log", "activity__programme")
    assert 0 < links.count() < PatrolEffort.objects.filter(kind="planned").count()
    for link in links:
        when = timezone.localtime(link.effort.patrol_log.started_at)
        assert link.effort.kind == "planned"
        assert link.activity.theme_id == link.effort.theme_id
        assert link.activity.programme.year == when.year
        assert link.activity.start_month <= when.month <= link.activity.end_month
    # The rollup that monitoring reads matches the effort rows.
    from django.db.models import Sum

    from planning.models import EffortMonthTotal

    assert (
        EffortMonthTotal.objects.aggregate(s=Sum("minutes"))["s"]
        == PatrolEffort.objects.aggregate(s=Sum("minutes"))["s"]
    )
    assert (
        EffortMonthTotal.objects.filter(activity__isnull=False).aggregate(s=Sum("minutes"))["s"]
        == links.aggregate(s=Sum("effort__minutes"))["s"]
    )
    # Running again adds no second programme per year.
    generate.generate(scale="small", seed=2, stdout=out)
    assert Programme.objects.count() == 10
    assert "gekoppeld" in out.getvalue()
