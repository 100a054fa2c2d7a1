import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.tests.factories import PartnerOrganisationFactory, TeamFactory, UserFactory
from cases.models import (
    ActionItem,
    AgendaItem,
    Briefing,
    BriefingSeries,
    Case,
    CaseDocument,
    CaseEvent,
    CaseNote,
    CaseShare,
    ReminderLog,
)
from enforcement.tests.factories import AreaFactory, CaseTypeFactory, ThemeFactory


class CaseFactory(DjangoModelFactory):
    class Meta:
        model = Case

    reference = factory.Sequence(lambda n: f"Z-{timezone.now().year}-{n + 900000:06d}")
    title = factory.Sequence(lambda n: f"Zaak {n}")
    case_type = factory.SubFactory(CaseTypeFactory)
    theme = factory.SubFactory(ThemeFactory)
    area = factory.SubFactory(AreaFactory)
    team = factory.SubFactory(TeamFactory, name="Team Centrum")
    due_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=14))
    opened_by = factory.SubFactory(UserFactory, role="team_lead")


class CaseShareFactory(DjangoModelFactory):
    class Meta:
        model = CaseShare

    case = factory.SubFactory(CaseFactory)
    partner_organisation = factory.SubFactory(PartnerOrganisationFactory, name="Politie Basisteam")
    shared_by = factory.LazyAttribute(lambda o: o.case.opened_by)


class ActionItemFactory(DjangoModelFactory):
    class Meta:
        model = ActionItem

    case = factory.SubFactory(CaseFactory)
    description = factory.Sequence(lambda n: f"Actie {n}")
    owner_user = factory.SubFactory(UserFactory)
    due_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=3))
    created_by = factory.LazyAttribute(lambda o: o.case.opened_by)


class CaseNoteFactory(DjangoModelFactory):
    class Meta:
        model = CaseNote

    case = factory.SubFactory(CaseFactory)
    author = factory.LazyAttribute(lambda o: o.case.opened_by)
    text = "Notitie"


class BriefingSeriesFactory(DjangoModelFactory):
    class Meta:
        model = BriefingSeries

    title = "Briefing"
    team = factory.SubFactory(TeamFactory, name="Team Centrum")
    chair = factory.SubFactory(UserFactory, role="team_lead")
    weekdays = [0, 2, 4]
    time = dt.time(8, 30)
    start_date = factory.LazyFunction(timezone.localdate)
    created_by = factory.LazyAttribute(lambda o: o.chair)


class BriefingFactory(DjangoModelFactory):
    class Meta:
        model = Briefing

    title = "Briefing"
    team = factory.SubFactory(TeamFactory, name="Team Centrum")
    chair = factory.SubFactory(UserFactory, role="team_lead")
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=1))
    created_by = factory.LazyAttribute(lambda o: o.chair)


class AgendaItemFactory(DjangoModelFactory):
    class Meta:
        model = AgendaItem

    briefing = factory.SubFactory(BriefingFactory)
    kind = AgendaItem.Kind.FREE
    text = "Rondvraag"


class CaseEventFactory(DjangoModelFactory):
    class Meta:
        model = CaseEvent

    case = factory.SubFactory(CaseFactory)
    actor = factory.LazyAttribute(lambda o: o.case.opened_by)
    kind = CaseEvent.Kind.NOTE
    message = "Notitie toegevoegd"


class CaseDocumentFactory(DjangoModelFactory):
    class Meta:
        model = CaseDocument

    case = factory.SubFactory(CaseFactory)
    file = factory.django.FileField(filename="brief.pdf", data=b"%PDF-1.4 test")
    filename = "brief.pdf"
    content_type = "application/pdf"
    size = 13
    uploaded_by = factory.LazyAttribute(lambda o: o.case.opened_by)


class ReminderLogFactory(DjangoModelFactory):
    class Meta:
        model = ReminderLog

    kind = "case_due"
    object_id = 1
    user = factory.SubFactory(UserFactory)
    on_date = factory.LazyFunction(timezone.localdate)
