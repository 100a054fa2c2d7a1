"""Demo teams, partner organisations and one user per role (password ``demo``)."""

from accounts.models import PartnerOrganisation, Team, User
from accounts.roles import ADMIN_SITE_ROLES, Role

DEMO_PASSWORD = "demo"

TEAMS = ["Team Centrum", "Team Noord", "Team Zuid"]
PARTNERS = [
    ("Politie basisteam Voorbeeld", PartnerOrganisation.Kind.POLICE),
    ("Jongerenwerk De Schakel", PartnerOrganisation.Kind.YOUTH_WORK),
    ("Woonstichting Thuis", PartnerOrganisation.Kind.HOUSING),
    ("Zorgnetwerk Voorbeeld", PartnerOrganisation.Kind.CARE),
]
# username, first name, last name, role, team, partner organisation
USERS = [
    ("boa", "Bram", "de Boer", Role.BOA, "Team Centrum", None),
    ("boa2", "Sanne", "Visser", Role.BOA, "Team Centrum", None),
    ("boa3", "Mohamed", "El Amrani", Role.BOA, "Team Noord", None),
    ("teamlead", "Ingrid", "Jansen", Role.TEAM_LEAD, "Team Centrum", None),
    ("policy", "Pieter", "Bakker", Role.POLICY_OFFICER, None, None),
    ("manager", "Marleen", "de Vries", Role.MANAGER, None, None),
    ("council", "Kees", "Smit", Role.COUNCIL_MEMBER, None, None),
    ("partner", "Yvonne", "Mulder", Role.PARTNER, None, "Politie basisteam Voorbeeld"),
    ("admin", "Ahmed", "Yilmaz", Role.FUNCTIONAL_ADMIN, None, None),
]


def seed(*, stdout) -> None:
    teams = {name: Team.objects.get_or_create(name=name)[0] for name in TEAMS}
    partners = {
        name: PartnerOrganisation.objects.get_or_create(name=name, defaults={"kind": kind})[0]
        for name, kind in PARTNERS
    }
    for username, first, last, role, team, partner in USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@gemeente.example",
                "role": role,
                "team": teams.get(team),
                "partner_organisation": partners.get(partner),
                "is_staff": role in ADMIN_SITE_ROLES,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
    stdout.write(f"  gebruikers: {', '.join(u[0] for u in USERS)} (wachtwoord: {DEMO_PASSWORD})")
