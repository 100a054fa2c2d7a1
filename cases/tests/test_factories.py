import pytest

from cases.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "factory",
    [
        f.CaseFactory,
        f.CaseShareFactory,
        f.ActionItemFactory,
        f.CaseNoteFactory,
        f.CaseEventFactory,
        f.CaseDocumentFactory,
        f.ReminderLogFactory,
        f.BriefingSeriesFactory,
        f.BriefingFactory,
        f.AgendaItemFactory,
    ],
)
def test_factory_builds_a_valid_record(factory):
    obj = factory()
    obj.full_clean(exclude=["file", "weekdays"])
