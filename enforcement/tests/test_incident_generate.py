"""Volume generator: shape of the data at the internal ``tiny`` scale."""

import io

import pytest
from django.contrib.postgres.search import SearchQuery
from django.core.management import call_command
from django.db.models import Count, F, Max

from enforcement.demo import generate
from enforcement.models import (
    Incident,
    Offender,
    PatrolEffort,
    PatrolLog,
    ReferenceCounter,
    Violation,
)

pytestmark = pytest.mark.django_db


def test_tiny_scale_has_the_right_shape(settings):
    # The generator builds on the demo seeds; count what it adds on top of them.
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    before = {m: m.objects.count() for m in (Incident, PatrolLog, PatrolEffort, Violation)}
    generate.generate(scale="tiny", seed=7, stdout=io.StringIO())
    added = {m: m.objects.count() - n for m, n in before.items()}
    spec = generate.SCALES["tiny"]
    assert spec.incidents * 0.9 <= added[Incident] <= spec.incidents
    assert spec.patrol_logs * 0.95 <= added[PatrolLog] <= spec.patrol_logs
    assert added[PatrolEffort] >= spec.patrol_logs
    assert 0.5 * spec.violations <= added[Violation] <= 1.5 * spec.violations
    # Repeat offenders: some offenders have more than one violation.
    assert Offender.objects.annotate(n=Count("violations")).filter(n__gt=1).exists()
    # Counters match the highest reference of each year; references are gapless.
    for counter in ReferenceCounter.objects.filter(prefix="M"):
        refs = Incident.objects.filter(reference__startswith=f"M-{counter.year}-")
        assert refs.count() == counter.last
        assert refs.aggregate(m=Max("reference"))["m"] == f"M-{counter.year}-{counter.last:06d}"
    # Areas derived, FTS works, evening peak visible.
    assert not Incident.objects.filter(area__isnull=True).exists()
    # Each violation carries its incident's area (written by the load, whose triggers are
    # off: migration 0016).
    assert Violation.objects.exists()
    assert not Violation.objects.exclude(area_id=F("incident__area_id")).exists()
    assert Incident.objects.filter(
        search_vector=SearchQuery("vuilniszakken", config="dutch")
    ).exists()
    evening = Incident.objects.filter(occurred_at__hour__in=[19, 20, 21, 22]).count()
    morning = Incident.objects.filter(occurred_at__hour__in=[4, 5, 6, 7]).count()
    assert evening > 2 * morning
    # A second run refuses instead of doubling the data.
    incidents = Incident.objects.count()
    generate.generate(scale="tiny", seed=7, stdout=io.StringIO())
    assert Incident.objects.count() == incidents
