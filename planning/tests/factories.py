import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from accounts.roles import Role
from accounts.tests.factories import TeamFactory, UserFactory
from enforcement.tests.factories import ThemeFactory
from planning.models import (
    ActionItem,
    Activity,
    CapacityEntry,
    Evaluation,
    ExpertGroup,
    ExpertGroupMember,
    FocusArea,
    Goal,
    Indicator,
    IndicatorValue,
    Meeting,
    PlannedEffort,
    Programme,
    ThemePlan,
)


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    # Distinct years by default: one open and one adopted programme per year.
    year = factory.Sequence(lambda n: 2040 + n % 60)
    version = 1
    title = factory.LazyAttribute(lambda o: f"Uitvoeringsprogramma {o.year}")
    status = Programme.Status.DRAFT
    created_by = factory.SubFactory(UserFactory, role=Role.POLICY_OFFICER)


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity

    programme = factory.SubFactory(ProgrammeFactory)
    theme = factory.SubFactory(ThemeFactory)
    title = factory.Sequence(lambda n: f"Activiteit {n}")
    kind = Activity.Kind.PLANNED
    planned_hours = Decimal("120")
    start_month = 1
    end_month = 12
    created_by = factory.LazyAttribute(lambda o: o.programme.created_by)


class PlannedEffortFactory(DjangoModelFactory):
    class Meta:
        model = PlannedEffort

    effort = factory.SubFactory("enforcement.tests.factories.PatrolEffortFactory", kind="planned")
    activity = factory.SubFactory(ActivityFactory)


class FocusAreaFactory(DjangoModelFactory):
    class Meta:
        model = FocusArea

    programme = factory.SubFactory(ProgrammeFactory)
    submitted_by = factory.SubFactory(UserFactory, role=Role.PARTNER)
    partner_organisation = factory.LazyAttribute(lambda o: o.submitted_by.partner_organisation)
    title = factory.Sequence(lambda n: f"Aandachtsgebied {n}")
    description = "Overlast rond het station in de avond."


class CapacityEntryFactory(DjangoModelFactory):
    class Meta:
        model = CapacityEntry

    team = factory.SubFactory(TeamFactory)
    year = factory.LazyFunction(lambda: dt.date.today().year)
    month = 1
    people = 5
    contract_hours = Decimal("144")
    leave_hours = Decimal("40")
    training_hours = Decimal("20")
    overhead_hours = Decimal("60")


class ThemePlanFactory(DjangoModelFactory):
    class Meta:
        model = ThemePlan

    theme = factory.SubFactory(ThemeFactory)
    year = factory.LazyFunction(lambda: dt.date.today().year)
    title = factory.LazyAttribute(lambda o: f"Themaplan {o.theme.name}")
    created_by = factory.SubFactory(UserFactory, role=Role.POLICY_OFFICER)


class GoalFactory(DjangoModelFactory):
    class Meta:
        model = Goal
        skip_postgeneration_save = True

    plan = factory.SubFactory(ThemePlanFactory)
    title = factory.Sequence(lambda n: f"Doel {n}")
    indicator = factory.RelatedFactory("planning.tests.factories.IndicatorFactory", "goal")


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    goal = factory.SubFactory(GoalFactory)
    name = "Meldingen jeugdoverlast centrum"
    baseline = Decimal("100")
    target = Decimal("80")
    measurement = "Aantal meldingen in de registratie"
    source = Indicator.Source.MANUAL


class IndicatorValueFactory(DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    measured_on = factory.LazyFunction(dt.date.today)
    value = Decimal("90")
    source = "Enquête wijkteam"
    recorded_by = factory.SubFactory(UserFactory, role=Role.POLICY_OFFICER)


class ExpertGroupFactory(DjangoModelFactory):
    class Meta:
        model = ExpertGroup

    theme = factory.SubFactory(ThemeFactory)
    name = factory.Sequence(lambda n: f"Expertgroep {n}")
    created_by = factory.SubFactory(UserFactory, role=Role.POLICY_OFFICER)


class ExpertGroupMemberFactory(DjangoModelFactory):
    class Meta:
        model = ExpertGroupMember

    group = factory.SubFactory(ExpertGroupFactory)
    user = None
    name = factory.Faker("name", locale="nl_NL")
    organisation = "Jongerenwerk"
    role = "Jongerenwerker"


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    group = factory.SubFactory(ExpertGroupFactory)
    held_on = factory.LazyFunction(dt.date.today)
    notes = "Besproken: voortgang doelen."
    created_by = factory.LazyAttribute(lambda o: o.group.created_by)


class EvaluationFactory(DjangoModelFactory):
    class Meta:
        model = Evaluation

    meeting = factory.SubFactory(MeetingFactory)
    goal = factory.SubFactory(GoalFactory)
    judgement = Evaluation.Judgement.ON_TRACK
    created_by = factory.LazyAttribute(lambda o: o.meeting.created_by)


class ActionItemFactory(DjangoModelFactory):
    class Meta:
        model = ActionItem

    group = factory.SubFactory(ExpertGroupFactory)
    title = "Extra surveillance plannen"
    owner = factory.SubFactory(UserFactory, role=Role.POLICY_OFFICER)
    due_on = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=14))
    created_by = factory.LazyAttribute(lambda o: o.owner)
