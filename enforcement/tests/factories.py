import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.tests.factories import TeamFactory, UserFactory
from enforcement import geo
from enforcement.models import (
    Area,
    CaseType,
    Category,
    Incident,
    InterventionType,
    LetterTemplate,
    Offence,
    Offender,
    PatrolEffort,
    PatrolLog,
    Theme,
    Violation,
)
from enforcement.offenders import offender_key


class AreaFactory(DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"WK9{n:05d}")
    name = factory.Sequence(lambda n: f"Wijk {n}")
    kind = Area.Kind.DISTRICT
    population = 10000

    @classmethod
    def with_box(cls, min_lat, min_lon, max_lat, max_lon, **kwargs):
        boundary = geo.rectangle(min_lat, min_lon, max_lat, max_lon)
        return cls(
            boundary=boundary,
            min_lat=min_lat,
            min_lon=min_lon,
            max_lat=max_lat,
            max_lon=max_lon,
            **kwargs,
        )


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"thema-{n}")
    name = factory.Sequence(lambda n: f"Thema {n}")


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = Category

    theme = factory.SubFactory(ThemeFactory)
    name = factory.Sequence(lambda n: f"Categorie {n}")


class InterventionTypeFactory(DjangoModelFactory):
    class Meta:
        model = InterventionType
        django_get_or_create = ("code",)

    code = "written-warning"
    name = "Schriftelijke waarschuwing"
    ladder_step = 2
    needs_offender = True
    produces_letter = True


class OffenceFactory(DjangoModelFactory):
    class Meta:
        model = Offence

    code = factory.Sequence(lambda n: f"H{n:03d}")
    description = factory.Sequence(lambda n: f"Overtreding {n}")
    legal_basis = "APV art. 2:48"
    theme = factory.SubFactory(ThemeFactory)
    default_intervention = factory.SubFactory(InterventionTypeFactory)
    default_amount = Decimal("100.00")


class CaseTypeFactory(DjangoModelFactory):
    class Meta:
        model = CaseType
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"zaaktype-{n}")
    name = factory.Sequence(lambda n: f"Zaaktype {n}")
    standard_term_days = 10


class IncidentFactory(DjangoModelFactory):
    class Meta:
        model = Incident

    reference = factory.Sequence(lambda n: f"M-{timezone.now().year}-{n + 900000:06d}")
    theme = factory.SubFactory(ThemeFactory)
    occurred_at = factory.LazyFunction(timezone.now)
    reported_at = factory.LazyAttribute(lambda o: o.occurred_at)
    address = "Markt 1"
    latitude = 52.35
    longitude = 4.95
    description = "Geluidsoverlast bij de markt"
    registered_by = factory.SubFactory(UserFactory)
    reported_by = factory.LazyAttribute(lambda o: o.registered_by)
    team = factory.LazyAttribute(lambda o: o.registered_by.team)


class PatrolLogFactory(DjangoModelFactory):
    class Meta:
        model = PatrolLog

    boa = factory.SubFactory(UserFactory)
    team = factory.LazyAttribute(lambda o: o.boa.team or TeamFactory())
    # Each shift gets its own 5-hour slot back in time, so two shifts of one boa made by
    # the factory never overlap (the database refuses overlapping shifts of a boa).
    started_at = factory.Sequence(lambda n: timezone.now() - dt.timedelta(hours=5 * (n + 1)))
    ended_at = factory.LazyAttribute(lambda o: o.started_at + dt.timedelta(hours=4))


class PatrolEffortFactory(DjangoModelFactory):
    class Meta:
        model = PatrolEffort

    patrol_log = factory.SubFactory(PatrolLogFactory)
    theme = factory.SubFactory(ThemeFactory)
    kind = PatrolEffort.Kind.REACTIVE
    minutes = 60


class OffenderFactory(DjangoModelFactory):
    class Meta:
        model = Offender

    kind = Offender.Kind.PERSON
    name = factory.Faker("name", locale="nl_NL")
    date_of_birth = dt.date(1990, 5, 17)
    address = "Dorpsstraat 12"
    coc_number = ""
    match_key = factory.LazyAttribute(
        lambda o: offender_key(
            kind=o.kind,
            name=o.name,
            date_of_birth=o.date_of_birth,
            address=o.address,
            coc_number=o.coc_number,
        )
    )


class ViolationFactory(DjangoModelFactory):
    class Meta:
        model = Violation

    reference = factory.Sequence(lambda n: f"O-{timezone.now().year}-{n + 900000:06d}")
    incident = factory.SubFactory(IncidentFactory)
    offence = factory.SubFactory(OffenceFactory)
    offender = factory.SubFactory(OffenderFactory)
    attitude = Violation.Attitude.A
    consequence = Violation.Consequence.LIMITED
    proposed_intervention = factory.LazyAttribute(lambda o: o.offence.default_intervention)
    intervention = factory.LazyAttribute(lambda o: o.offence.default_intervention)
    committed_on = factory.LazyFunction(timezone.localdate)
    address = factory.LazyAttribute(lambda o: o.incident.address)
    recorded_by = factory.LazyAttribute(lambda o: o.incident.registered_by)
    team = factory.LazyAttribute(lambda o: o.recorded_by.team)


class LetterTemplateFactory(DjangoModelFactory):
    """Replaces the text of the template with the same code (the migration adds the default)."""

    class Meta:
        model = LetterTemplate

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        code = kwargs.pop("code")
        obj, _ = model_class.objects.update_or_create(code=code, defaults=kwargs)
        return obj

    code = "written-warning"
    name = "Schriftelijke waarschuwing"
    subject = "Schriftelijke waarschuwing {{ kenmerk }}"
    body = "Geachte {{ naam }},\n\nOp {{ datum }} overtrad u: {{ feit }} ({{ feitcode }}).\n\n{{ gemeente }}"
