"""Volume generator: shape of the data at the internal ``tiny`` scale."""

import io

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db.models import Count, Max

from enforcement import generate
from enforcement.models import (
    Incident,
    Offender,
    PatrolEffort,
    PatrolLog,
    ReferenceCounter,
    Violation,
)

pytestmark = pytest.mark.django_db


def test_tiny_scale_has_the_right_shape():
    generate.generate(scale="tiny", seed=7, stdout=io.StringIO())
    spec = generate.SCALES["tiny"]
    incidents = Incident.objects.count()
    generated = Incident.objects.filter(submission_key__isnull=True).count()  # not demo data
    assert spec.incidents * 0.9 <= generated <= spec.incidents
    logs = PatrolLog.objects.filter(boa__username__startswith=generate.GEN_PREFIX).count()
    assert spec.patrol_logs * 0.95 <= logs <= spec.patrol_logs
    assert PatrolEffort.objects.count() >= spec.patrol_logs
    assert 0.5 * spec.violations <= Violation.objects.count() <= 1.5 * spec.violations
    # Repeat offenders: some offenders have more than one violation.
    assert Offender.objects.annotate(n=Count("violations")).filter(n__gt=1).exists()
    # Counters match the highest reference of each year; references are gapless.
    for counter in ReferenceCounter.objects.filter(prefix="M"):
        refs = Incident.objects.filter(reference__startswith=f"M-{counter.year}-")
        assert refs.count() == counter.last
        assert refs.aggregate(m=Max("reference"))["m"] == f"M-{counter.year}-{counter.last:06d}"
    # Areas derived, FTS works, evening peak visible.
    assert not Incident.objects.filter(area__isnull=True).exists()
    assert Incident.objects.filter(
        search_vector=SearchQuery("vuilniszakken", config="dutch")
    ).exists()
    evening = Incident.objects.filter(occurred_at__hour__in=[19, 20, 21, 22]).count()
    morning = Incident.objects.filter(occurred_at__hour__in=[4, 5, 6, 7]).count()
    assert evening > 2 * morning
    # A second run refuses instead of doubling the data.
    generate.generate(scale="tiny", seed=7, stdout=io.StringIO())
    assert Incident.objects.count() == incidents
