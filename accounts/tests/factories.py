import factory
from factory.django import DjangoModelFactory

from accounts.models import AccessLogEntry, Notification, PartnerOrganisation, Team, User
from accounts.roles import Role


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Team {n}")


class PartnerOrganisationFactory(DjangoModelFactory):
    class Meta:
        model = PartnerOrganisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Partner {n}")
    kind = PartnerOrganisation.Kind.POLICE


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda u: f"{u.username}@gemeente.example")
    role = Role.BOA
    team = factory.Maybe(
        factory.LazyAttribute(lambda u: u.role in (Role.BOA, Role.TEAM_LEAD)),
        yes_declaration=factory.SubFactory(TeamFactory, name="Team Centrum"),
        no_declaration=None,
    )
    partner_organisation = factory.Maybe(
        factory.LazyAttribute(lambda u: u.role == Role.PARTNER),
        yes_declaration=factory.SubFactory(PartnerOrganisationFactory, name="Politie Basisteam"),
        no_declaration=None,
    )
    password = factory.PostGenerationMethodCall("set_password", "demo")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class NotificationFactory(DjangoModelFactory):
    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    message = "Er is een zaak aan u toegewezen."


class AccessLogEntryFactory(DjangoModelFactory):
    """A log line; the table is append-only, so build it complete in one INSERT."""

    class Meta:
        model = AccessLogEntry

    user = factory.SubFactory(UserFactory)
    username = factory.LazyAttribute(lambda e: e.user.username if e.user else "(systeem)")
    action = AccessLogEntry.Action.VIEW
    object_type = "enforcement.incident"
    object_id = factory.Sequence(str)
    object_repr = factory.Sequence(lambda n: f"M-2026-{n:06d}")
