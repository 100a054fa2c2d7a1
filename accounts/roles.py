"""The one place that decides what a role may do.

Roles are fixed by the product (see docs/architecture.md). Each role has a set of capabilities;
object-level rules (``<app>/permissions.py``) start from these and add what the
object itself decides (own team, shared with a partner, published, ...).
Views, downloads, admin, API and tasks ask ``has_capability`` or the app's
permission functions, never ``user.role`` directly.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    BOA = "boa", _("Handhaver (boa)")
    TEAM_LEAD = "team_lead", _("Teamleider")
    POLICY_OFFICER = "policy_officer", _("Beleidsmedewerker OOV")
    MANAGER = "manager", _("Leidinggevende / portefeuillehouder")
    COUNCIL_MEMBER = "council_member", _("Raadslid")
    PARTNER = "partner", _("Partner")
    FUNCTIONAL_ADMIN = "functional_admin", _("Functioneel beheerder")


class Capability(models.TextChoices):
    # Field registration
    INCIDENT_CREATE = "incident.create", _("Meldingen registreren")
    INCIDENT_CREATE_ON_BEHALF = (
        "incident.create_on_behalf",
        _("Meldingen namens anderen registreren"),
    )
    INCIDENT_VIEW_TEAM = "incident.view_team", _("Meldingen van het eigen team inzien")
    INCIDENT_VIEW_ALL = "incident.view_all", _("Alle meldingen inzien")
    PATROL_LOG_OWN = "patrol.own", _("Eigen diensten registreren")
    PATROL_LOG_CORRECT_TEAM = "patrol.correct_team", _("Diensten van het team corrigeren")
    PATROL_LOG_VIEW_ALL = "patrol.view_all", _("Alle diensten inzien")
    VIOLATION_CREATE = "violation.create", _("Overtredingen registreren")
    PERSONAL_DATA_VIEW = "personal_data.view", _("Persoonsgegevens inzien")
    EXPORT_OPERATIONAL = "export.operational", _("Operationele lijsten exporteren")
    # Cases and briefings
    CASE_VIEW_TEAM = "case.view_team", _("Zaken van het eigen team inzien")
    CASE_VIEW_ALL = "case.view_all", _("Alle zaken inzien")
    CASE_VIEW_SHARED = "case.view_shared", _("Gedeelde zaken inzien")
    CASE_WORK = "case.work", _("Toegewezen zaken behandelen")
    CASE_ASSIGN = "case.assign", _("Zaken toewijzen")
    CASE_SHARE = "case.share", _("Zaken delen met partners")
    BRIEFING_RUN = "briefing.run", _("Briefings plannen en voorzitten")
    BRIEFING_ATTEND = "briefing.attend", _("Briefings bijwonen")
    # Planning
    PROGRAMME_DRAFT = "programme.draft", _("Uitvoeringsprogramma opstellen")
    PROGRAMME_CONTRIBUTE = "programme.contribute", _("Aandachtsgebieden aandragen")
    PROGRAMME_PRIORITISE = "programme.prioritise", _("Programma prioriteren en vaststellen")
    PROGRAMME_READ_ADOPTED = "programme.read_adopted", _("Vastgesteld programma lezen")
    CAPACITY_MANAGE = "capacity.manage", _("Capaciteit vastleggen")
    THEME_PLAN_MANAGE = "theme_plan.manage", _("Themaplannen en expertgroepen beheren")
    EXPERT_GROUP_PARTICIPATE = "expert_group.participate", _("Deelnemen aan expertgroepen")
    # Management information
    DASHBOARD_VIEW = "dashboard.view", _("Managementinformatie inzien")
    REPORT_MANAGE = "report.manage", _("Raadsrapportages opstellen en publiceren")
    REPORT_READ_PUBLISHED = "report.read_published", _("Gepubliceerde raadsrapportages lezen")
    # Administration
    USERS_MANAGE = "users.manage", _("Gebruikers en teams beheren")
    REFERENCE_DATA_MANAGE = "reference_data.manage", _("Referentiegegevens beheren")
    ACCESS_LOG_VIEW = "access_log.view", _("Toegangslog inzien")
    RETENTION_MANAGE = "privacy.retention", _("Bewaartermijnen en bewaarplicht beheren")
    PRIVACY_AUDIT_BUILD = "privacy.audit", _("Wpg-privacy-audit maken")
    INTEGRATIONS_MANAGE = "integrations.manage", _("Koppelingen (webhooks, Signalen) beheren")


C = Capability

ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.BOA: frozenset(
        {
            C.INCIDENT_CREATE,
            C.INCIDENT_VIEW_TEAM,
            C.PATROL_LOG_OWN,
            C.VIOLATION_CREATE,
            C.PERSONAL_DATA_VIEW,
            C.CASE_VIEW_TEAM,
            C.CASE_WORK,
            C.BRIEFING_ATTEND,
            C.PROGRAMME_DRAFT,
            C.PROGRAMME_READ_ADOPTED,
        }
    ),
    Role.TEAM_LEAD: frozenset(
        {
            C.INCIDENT_CREATE,
            C.INCIDENT_CREATE_ON_BEHALF,
            C.INCIDENT_VIEW_TEAM,
            C.PATROL_LOG_OWN,
            C.PATROL_LOG_CORRECT_TEAM,
            C.VIOLATION_CREATE,
            C.PERSONAL_DATA_VIEW,
            C.EXPORT_OPERATIONAL,
            C.CASE_VIEW_TEAM,
            C.CASE_WORK,
            C.CASE_ASSIGN,
            C.CASE_SHARE,
            C.BRIEFING_RUN,
            C.BRIEFING_ATTEND,
            C.PROGRAMME_READ_ADOPTED,
            C.CAPACITY_MANAGE,
            C.DASHBOARD_VIEW,
        }
    ),
    Role.POLICY_OFFICER: frozenset(
        {
            C.INCIDENT_CREATE_ON_BEHALF,
            C.INCIDENT_VIEW_ALL,
            C.PATROL_LOG_VIEW_ALL,
            C.EXPORT_OPERATIONAL,
            C.CASE_VIEW_ALL,
            C.PROGRAMME_DRAFT,
            C.PROGRAMME_READ_ADOPTED,
            C.THEME_PLAN_MANAGE,
            C.EXPERT_GROUP_PARTICIPATE,
            C.DASHBOARD_VIEW,
            C.REPORT_MANAGE,
            C.REPORT_READ_PUBLISHED,
        }
    ),
    Role.MANAGER: frozenset(
        {
            C.INCIDENT_VIEW_ALL,
            C.PATROL_LOG_VIEW_ALL,
            C.CASE_VIEW_ALL,
            C.PROGRAMME_PRIORITISE,
            C.PROGRAMME_READ_ADOPTED,
            C.EXPERT_GROUP_PARTICIPATE,
            C.DASHBOARD_VIEW,
            C.REPORT_READ_PUBLISHED,
        }
    ),
    Role.COUNCIL_MEMBER: frozenset({C.PROGRAMME_READ_ADOPTED, C.REPORT_READ_PUBLISHED}),
    Role.PARTNER: frozenset(
        {
            C.CASE_VIEW_SHARED,
            C.BRIEFING_ATTEND,
            C.PROGRAMME_CONTRIBUTE,
            C.EXPERT_GROUP_PARTICIPATE,
        }
    ),
    Role.FUNCTIONAL_ADMIN: frozenset(
        {
            C.USERS_MANAGE,
            C.REFERENCE_DATA_MANAGE,
            C.CAPACITY_MANAGE,
            C.ACCESS_LOG_VIEW,
            C.RETENTION_MANAGE,
            C.PRIVACY_AUDIT_BUILD,
            C.INTEGRATIONS_MANAGE,
        }
    ),
}


# Capabilities through which a role sees personal data (records with offenders, reporters,
# names; the access log; the accounts). A role holding any of them must use two-factor
# authentication (accounts.two_factor) and is listed in the yearly Wpg audit (privacy.audit).
PERSONAL_DATA_CAPABILITIES: frozenset[str] = frozenset(
    {
        C.PERSONAL_DATA_VIEW,
        C.INCIDENT_VIEW_TEAM,
        C.INCIDENT_VIEW_ALL,
        C.PATROL_LOG_VIEW_ALL,
        C.CASE_VIEW_TEAM,
        C.CASE_VIEW_ALL,
        C.CASE_VIEW_SHARED,
        C.EXPORT_OPERATIONAL,
        C.ACCESS_LOG_VIEW,
        C.USERS_MANAGE,
        C.RETENTION_MANAGE,
        C.PRIVACY_AUDIT_BUILD,
    }
)


def roles_with_personal_data() -> list[str]:
    """The roles whose capabilities reach personal data."""
    return [r for r, caps in ROLE_CAPABILITIES.items() if caps & PERSONAL_DATA_CAPABILITIES]


def roles_with(capability: str, *, without: str | None = None) -> list[str]:
    """The roles that have ``capability`` (and not ``without``), for querying their users."""
    return [
        r
        for r, caps in ROLE_CAPABILITIES.items()
        if capability in caps and (without is None or without not in caps)
    ]


def has_capability(user, capability: str) -> bool:
    """Whether ``user`` may do ``capability``. Inactive or anonymous users may do nothing."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return capability in ROLE_CAPABILITIES.get(user.role, frozenset())


# Roles whose account belongs to a team (boa, team lead).
TEAM_ROLES = frozenset({Role.BOA, Role.TEAM_LEAD})
# Roles whose demo accounts reach Django admin.
ADMIN_SITE_ROLES = frozenset({Role.FUNCTIONAL_ADMIN})
# Roles an API token may act as: all but the functional admin (no account management
# through the API; accounts.services.tokens).
API_TOKEN_ROLES = tuple(r for r in Role.values if r not in ADMIN_SITE_ROLES)


def is_partner_role(role: str | None) -> bool:
    """The role of an external partner: the only role that belongs to a partner organisation."""
    return role == Role.PARTNER


def is_partner(user) -> bool:
    """An external partner's account (wijkagent, jongerenwerker, ...): the one place that asks."""
    return user is not None and is_partner_role(getattr(user, "role", None))
