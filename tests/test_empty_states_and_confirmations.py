"""Every list says what to do when it is empty, and every destructive action asks first
(issue 18; the review table is in docs/accessibility.md).

A list page on an empty database shows a sentence, not a bare table head. An action that
cannot be undone, or that takes access away, is either a link to a confirmation page (the
GET asks and changes nothing, the POST acts) or a form with ``data-confirm`` (app.js asks;
without JavaScript the button itself says what it does).
"""

import datetime as dt
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from enforcement.tests.test_matrix import ladder  # noqa: F401  (fixture: intervention types)

pytestmark = pytest.mark.django_db

EMPTY_LISTS = [
    # (role, url, what the empty page says)
    (Role.FUNCTIONAL_ADMIN, "/accounts/teams/", "Er zijn nog geen teams."),
    (Role.FUNCTIONAL_ADMIN, "/accounts/partners/", "Er zijn nog geen partnerorganisaties."),
    (Role.FUNCTIONAL_ADMIN, "/accounts/api-sleutels/", "Er zijn nog geen API-sleutels."),
    (Role.FUNCTIONAL_ADMIN, "/accounts/gebruikers/?q=niemand", "Geen gebruikers gevonden"),
    (Role.FUNCTIONAL_ADMIN, "/accounts/toegangslog/", "Geen regels gevonden voor deze filters."),
    (Role.FUNCTIONAL_ADMIN, "/registratie/referentie/themas/", "Hier staat nog niets."),
    (Role.FUNCTIONAL_ADMIN, "/registratie/referentie/gebieden/", "Hier staat nog niets."),
    (Role.FUNCTIONAL_ADMIN, "/registratie/referentie/feiten/", "Hier staat nog niets."),
    (Role.FUNCTIONAL_ADMIN, "/registratie/referentie/handhavingsstrategie/", "Nog geen eigen"),
    (Role.FUNCTIONAL_ADMIN, "/privacy/audit/", "Er is nog geen audit gemaakt."),
    (Role.FUNCTIONAL_ADMIN, "/privacy/bewaartermijnen/", "Er rust op geen enkele zaak een"),
    (Role.FUNCTIONAL_ADMIN, "/koppelingen/", "Er zijn nog geen webhooks."),
    (Role.FUNCTIONAL_ADMIN, "/planning/capaciteit/", "Geen teams."),
    (Role.BOA, "/", "U heeft nog geen meldingen."),
    (Role.BOA, "/registratie/meldingen/", "Geen meldingen gevonden met deze filters."),
    (Role.BOA, "/registratie/diensten/", "Geen diensten gevonden."),
    (Role.BOA, "/registratie/overtredingen/", "Geen overtredingen gevonden."),
    (Role.BOA, "/zaken/", "Er zijn geen open zaken voor u of uw team."),
    (Role.BOA, "/zaken/mijn-actiepunten/", "Geen open actiepunten."),
    (Role.BOA, "/zaken/briefings/", "Geen briefings."),
    (Role.BOA, "/registratie/offline/wachtrij/", "Er wacht niets op dit toestel."),
    (Role.BOA, "/planning/", "Er is nog geen programma."),
    (Role.TEAM_LEAD, "/zaken/werkvoorraad/", "Geen open zaken."),
    (Role.TEAM_LEAD, "/zaken/focus/", "Nog geen vooruitblik voor de wijken van je team"),
    (Role.TEAM_LEAD, "/vooruitblik/", "Nog geen verwachting."),
    (Role.TEAM_LEAD, "/vooruitblik/hotspots/", "Geen hotspots"),
    (Role.POLICY_OFFICER, "/planning/themaplannen/", "Nog geen themaplannen."),
    (Role.POLICY_OFFICER, "/planning/expertgroepen/", "U bent (nog) geen lid van een expertgroep."),
    (Role.POLICY_OFFICER, "/planning/aandachtsgebieden/", "Nog geen aandachtsgebieden."),
    (Role.POLICY_OFFICER, "/rapportages/", "Nog geen rapportages. Bouw hiernaast de eerste op."),
    (Role.POLICY_OFFICER, "/rapportages/dashboard/", "Geen gegevens in deze periode."),
    (Role.MANAGER, "/rapportages/raad/", "Er zijn nog geen gepubliceerde rapportages."),
    (Role.MANAGER, "/rapportages/raad/vergelijken/", "Vergelijken kan zodra er twee"),
    (Role.MANAGER, "/rapportages/raad/verloop/", "Er zijn nog geen gepubliceerde kwartaal"),
    (Role.COUNCIL_MEMBER, "/", "Er zijn nog geen gepubliceerde rapportages."),
    (Role.PARTNER, "/zaken/", "Er zijn (nog) geen open zaken met uw organisatie gedeeld."),
    (Role.PARTNER, "/zaken/mijn-actiepunten/", "Geen open actiepunten."),
    (Role.PARTNER, "/zaken/briefings/", "Geen briefings."),
]


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(response.content.decode())


def _no_bare_table(page: str) -> bool:
    """No table whose body has no row: the empty state is a sentence instead."""
    return not re.search(r"<tbody>\s*</tbody>", page)


@pytest.mark.parametrize(("role", "url", "text"), EMPTY_LISTS, ids=lambda v: str(v))
def test_an_empty_list_says_so(role, url, text, make_user, client):
    client.force_login(make_user(role, username=f"empty-{role}"))
    page = _page(client, url)
    assert text in page
    assert _no_bare_table(page)


def test_a_new_cases_parts_say_they_are_empty(make_user, client):
    from cases.tests.factories import CaseFactory

    lead = make_user(Role.TEAM_LEAD, username="lead")
    case = CaseFactory(team=lead.team, opened_by=lead, assignee=None)
    client.force_login(lead)
    page = _page(client, reverse("cases:detail", args=[case.pk]))
    for text in ["Nog geen actiepunten.", "Geen notities.", "Geen documenten.", "Niet gedeeld."]:
        assert text in page


def test_a_new_expert_group_and_theme_plan_say_they_are_empty(make_user, client):
    from planning.tests.factories import ExpertGroupFactory, ThemePlanFactory

    officer = make_user(Role.POLICY_OFFICER, username="policy")
    group = ExpertGroupFactory(created_by=officer)
    plan = ThemePlanFactory()
    client.force_login(officer)
    page = _page(client, reverse("planning:group_detail", args=[group.pk]))
    assert "Nog geen leden." in page and "Nog geen bijeenkomsten." in page
    assert "Nog geen doelen." in _page(client, reverse("planning:plan_detail", args=[plan.pk]))


# --- confirmation -------------------------------------------------------------------


def _asks(page: str, action: str) -> bool:
    """A confirmation page: a question as its heading and a POST form back to the action."""
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    return bool(
        heading
        and heading.group(1).strip().endswith("?")
        and re.search(r'<form method="post"(?: action="' + re.escape(action) + '")?>', page)
        and "Annuleren" in page
    )


def _confirm_pages(make_user):
    """(actor, url, check that nothing changed) for each action behind a confirmation page."""
    from accounts.services.tokens import api_token_create
    from accounts.tests.factories import PartnerOrganisationFactory, TeamFactory
    from enforcement.tests.factories import ThemeFactory
    from planning.tests.factories import ActivityFactory

    admin = make_user(Role.FUNCTIONAL_ADMIN, username="admin")
    boa = make_user(Role.BOA, username="boa")
    team, org, theme = TeamFactory(name="Team Noord"), PartnerOrganisationFactory(), ThemeFactory()
    token, _key = api_token_create(
        actor=admin,
        name="Meldingen-app",
        role=Role.BOA,
        team=team,
        expires_at=timezone.now() + dt.timedelta(days=30),
    )
    officer = make_user(Role.POLICY_OFFICER, username="policy")
    activity = ActivityFactory(programme__created_by=officer)
    programme = activity.programme
    return [
        (admin, reverse("accounts:user_deactivate", args=[boa.pk]), lambda: _active(boa)),
        (admin, reverse("accounts:user_login_unlock", args=[boa.pk]), lambda: True),
        (admin, reverse("accounts:team_deactivate", args=[team.pk]), lambda: _active(team)),
        (admin, reverse("accounts:partner_deactivate", args=[org.pk]), lambda: _active(org)),
        (
            admin,
            reverse("accounts:token_revoke", args=[token.pk]),
            lambda: type(token).objects.get(pk=token.pk).revoked_at is None,
        ),
        (
            admin,
            reverse("enforcement:reference_deactivate", args=["themas", theme.pk]),
            lambda: _active(theme),
        ),
        (
            officer,
            reverse("planning:activity_delete", args=[programme.pk, activity.pk]),
            lambda: type(activity).objects.filter(pk=activity.pk).exists(),
        ),
    ]


def _active(obj) -> bool:
    obj.refresh_from_db()
    return obj.is_active if hasattr(obj, "is_active") else obj.active


def test_a_destructive_link_opens_a_page_that_asks_and_changes_nothing(make_user, client):
    for actor, url, unchanged in _confirm_pages(make_user):
        client.force_login(actor)
        page = _page(client, url)
        assert _asks(page, url), url
        assert unchanged(), url


def test_the_inline_destructive_forms_ask_with_data_confirm(make_user, client, ladder):  # noqa: F811
    from cases.tests.factories import (
        AgendaItemFactory,
        BriefingFactory,
        CaseFactory,
        CaseShareFactory,
    )
    from enforcement.services.strategy import strategy_draft_create
    from planning.tests.factories import ExpertGroupFactory, ExpertGroupMemberFactory

    lead = make_user(Role.TEAM_LEAD, username="lead")
    case = CaseFactory(team=lead.team, opened_by=lead)
    share = CaseShareFactory(case=case)
    briefing = BriefingFactory(team=lead.team, chair=lead)
    item = AgendaItemFactory(briefing=briefing, text="Overlast bij het station")
    officer = make_user(Role.POLICY_OFFICER, username="policy")
    group = ExpertGroupFactory(created_by=officer)
    member = ExpertGroupMemberFactory(group=group)
    admin = make_user(Role.FUNCTIONAL_ADMIN, username="admin")
    strategy = strategy_draft_create(actor=admin)

    def form_asks(page: str, action: str, attribute: str = "data-confirm") -> bool:
        tag = re.search(r'<form[^>]*action="' + re.escape(action) + r'"[^>]*>', page)
        return bool(tag and re.search(attribute + r'="[^"]+\?', tag.group(0)))

    client.force_login(lead)
    page = _page(client, reverse("cases:detail", args=[case.pk]))
    assert form_asks(page, reverse("cases:unshare", args=[case.pk, share.partner_organisation_id]))
    page = _page(client, reverse("cases:briefing_detail", args=[briefing.pk]))
    assert form_asks(
        page, reverse("cases:agenda_item_remove", args=[briefing.pk, item.pk]), "hx-confirm"
    )
    client.force_login(officer)
    page = _page(client, reverse("planning:group_detail", args=[group.pk]))
    assert form_asks(page, reverse("planning:member_remove", args=[group.pk, member.pk]))
    client.force_login(admin)
    page = _page(client, reverse("enforcement:strategy_detail", args=[strategy.pk]))
    assert form_asks(page, reverse("enforcement:strategy_adopt", args=[strategy.pk]))


def test_new_recovery_codes_ask_first(make_user, client):
    """Making new recovery codes voids the old ones: the form asks."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    boa = make_user(Role.BOA, username="boa")
    TOTPDevice.objects.create(user=boa, name="app", confirmed=True)
    client.force_login(boa)
    page = _page(client, reverse("accounts:two_factor"))
    action = reverse("accounts:two_factor_recovery_codes")
    tag = re.search(r'<form[^>]*action="' + re.escape(action) + r'"[^>]*>', page)
    assert tag and "data-confirm=" in tag.group(0) and "werken daarna niet meer" in tag.group(0)
