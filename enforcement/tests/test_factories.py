import pytest

from enforcement.selectors import area_for_point
from enforcement.tests.factories import AreaFactory, PatrolEffortFactory, ViolationFactory

pytestmark = pytest.mark.django_db


def test_factories_build_a_violation_with_its_incident():
    violation = ViolationFactory()
    assert violation.incident.team == violation.team
    assert violation.intervention.code == "written-warning"


def test_effort_factory_builds_a_closed_shift():
    effort = PatrolEffortFactory()
    assert effort.patrol_log.duration_minutes == 240


def test_point_maps_to_the_neighbourhood_before_the_district():
    district = AreaFactory.with_box(52.30, 4.90, 52.40, 5.00, code="WK1")
    buurt = AreaFactory.with_box(
        52.30, 4.90, 52.35, 5.00, code="BU1", kind="buurt", parent=district
    )
    assert area_for_point(lat=52.32, lon=4.95) == buurt
    assert area_for_point(lat=52.38, lon=4.95) == district
    assert area_for_point(lat=52.50, lon=4.95) is None
