"""Volume generator for cases at the internal ``tiny`` scale, on top of registration's."""

import io

import pytest
from django.core.management import call_command
from django.db.models import F, Max

from cases.demo import generate
from cases.models import ActionItem, Briefing, Case, CaseEvent, CaseStatus
from enforcement.demo import generate as enforcement_generate
from enforcement.models import ReferenceCounter

pytestmark = pytest.mark.django_db


def test_tiny_scale_builds_on_the_incidents(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    enforcement_generate.generate(scale="tiny", seed=3, stdout=io.StringIO())
    before = Case.objects.count()
    generate.generate(scale="tiny", seed=3, stdout=io.StringIO())
    added = Case.objects.count() - before
    assert generate.SCALES["tiny"].cases * 0.9 <= added <= generate.SCALES["tiny"].cases
    generated = Case.objects.filter(title__startswith="[gen]")
    # Every case holds an incident of its own team, in its area and theme.
    assert not generated.exclude(incidents__team=F("team"), incidents__theme=F("theme")).exists()
    assert generated.filter(status=CaseStatus.CLOSED).exists()
    assert generated.exclude(status=CaseStatus.CLOSED).exists()
    assert CaseEvent.objects.filter(case__in=generated, kind="opened").count() == added
    assert ActionItem.objects.filter(case__in=generated).exists()
    assert Briefing.objects.filter(series__title__startswith="[gen]").exists()
    for counter in ReferenceCounter.objects.filter(prefix="Z"):
        refs = Case.objects.filter(reference__startswith=f"Z-{counter.year}-")
        assert refs.count() == counter.last
        assert refs.aggregate(m=Max("reference"))["m"] == f"Z-{counter.year}-{counter.last:06d}"
    # A second run refuses instead of doubling the data.
    generate.generate(scale="tiny", seed=3, stdout=io.StringIO())
    assert Case.objects.count() == before + added


def test_incident_sample_is_the_same_for_a_seed():
    enforcement_generate.generate(scale="tiny", seed=3, stdout=io.StringIO())
    first = generate._sample_incidents(100, seed=5)
    assert 50 <= len(first) <= 100
    assert generate._sample_incidents(100, seed=5) == first
    assert generate._sample_incidents(100, seed=6) != first
