"""Planning on a phone: draft, prioritise, adopt, monitor; an expert group evaluates a goal."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from enforcement.tests.factories import PatrolEffortFactory, PatrolLogFactory, ThemeFactory
from planning.models import Activity, Evaluation, Programme
from planning.tests.factories import (
    ExpertGroupFactory,
    GoalFactory,
    MeetingFactory,
    PlannedEffortFactory,
    ProgrammeFactory,
    ThemePlanFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _decide(page, button: str, decision: str):
    page.get_by_role("link", name=button).click()
    page.get_by_role("textbox", name=re.compile(r"^Besluit")).fill(decision)
    page.get_by_role("button", name=button).click()
    expect(page.get_by_role("alert").first).to_contain_text("Besluit vastgelegd")


def test_boa_drafts_manager_adopts_and_monitoring_shows_realised_hours(
    browser_page, login, logout, make_user
):
    page = browser_page
    year = timezone.localdate().year
    theme = ThemeFactory(name="Jeugd")
    programme = ProgrammeFactory(year=year, title=f"Programma {year}")
    boa = make_user(Role.BOA, username="boa-browser")
    manager = make_user(Role.MANAGER, username="manager-browser")

    login(page, boa)
    page.goto(f"/planning/programma/{programme.pk}/")
    page.get_by_role("link", name="Activiteit toevoegen").click()
    page.get_by_label("Thema").select_option(label="Jeugd")
    page.get_by_label("Wat").fill("Surveillance hangplekken")
    page.get_by_label("Geplande uren").fill("120")
    page.get_by_label("Van maand").select_option("1")
    page.get_by_label("T/m maand").select_option("12")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Activiteit opgeslagen.")).to_be_visible()
    expect(page.locator("strong", has_text="Surveillance hangplekken")).to_be_visible()
    activity = Activity.objects.get(title="Surveillance hangplekken")

    logout(page)
    login(page, manager)
    page.goto(f"/planning/programma/{programme.pk}/")
    page.get_by_role("link", name="Prioriteiten zetten").click()
    page.get_by_label("Prioriteit van Surveillance hangplekken").select_option(label="Hoog")
    page.get_by_role("button", name="Prioriteiten opslaan").click()
    expect(page.get_by_text("Prioriteiten opgeslagen.")).to_be_visible()
    _decide(page, "Prioritering vastleggen", "Prioriteiten besproken met portefeuillehouder")
    _decide(page, "Programma vaststellen", "Vastgesteld in het college")
    expect(page.locator("#programme-status")).to_have_text("Vastgesteld")
    programme.refresh_from_db()
    assert programme.status == Programme.Status.ADOPTED

    # A boa logs a shift with 90 minutes planned effort on the activity.
    start = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0)
    if start > timezone.now():
        start -= dt.timedelta(days=1)
    log = PatrolLogFactory(boa=boa, started_at=start, ended_at=start + dt.timedelta(hours=4))
    PlannedEffortFactory(
        activity=activity, effort__patrol_log=log, effort__theme=theme, effort__minutes=90
    )
    PatrolEffortFactory(patrol_log=log, theme=theme, kind="reactive", minutes=30)

    page.get_by_role("link", name="Monitoring").click()
    row = page.locator("#activities tbody tr", has_text="Surveillance hangplekken")
    expect(row.locator("[data-realised]")).to_have_text(re.compile(r"1[,.]5"))
    expect(page.locator("#total-realised")).to_contain_text("1,5")
    # Wide tables scroll inside their box; the page itself never scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.goto(f"/planning/programma/{programme.pk}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_expert_group_meeting_records_an_evaluation(browser_page, login, make_user):
    page = browser_page
    policy = make_user(Role.POLICY_OFFICER, username="policy-browser")
    plan = ThemePlanFactory()
    GoalFactory(plan=plan, title="Minder jeugdoverlast in het centrum")
    group = ExpertGroupFactory(theme=plan.theme, name="Expertgroep jeugd")
    meeting = MeetingFactory(group=group)

    login(page, policy)
    page.goto(f"/planning/expertgroepen/{group.pk}/")
    page.get_by_role("link", name=re.compile(meeting.held_on.strftime("%Y"))).first.click()
    page.get_by_label("Doel").select_option(
        label=f"{plan.year} – Minder jeugdoverlast in het centrum"
    )
    page.get_by_label("Risico").check()
    page.get_by_label("Toelichting").fill("Meer meldingen in de avond")
    page.get_by_label("Bijsturing").fill("Extra avondsurveillance op vrijdag")
    page.get_by_label("Actiepunt", exact=True).check()
    page.get_by_label("Eigenaar actiepunt").select_option(label=str(policy))
    page.get_by_label("Actiepunt uiterlijk").fill(
        (timezone.localdate() + dt.timedelta(days=14)).isoformat()
    )
    page.get_by_role("button", name="Evaluatie opslaan").click()
    expect(page.get_by_text("Evaluatie vastgelegd.")).to_be_visible()
    evaluations = page.locator("#evaluations")
    expect(evaluations).to_contain_text("Minder jeugdoverlast in het centrum")
    expect(evaluations).to_contain_text("Risico")
    expect(evaluations).to_contain_text("Extra avondsurveillance op vrijdag")
    ev = Evaluation.objects.get()
    assert ev.judgement == "at_risk" and ev.action_items.count() == 1


def test_capacity_overview_keeps_the_team_names_in_view_on_a_phone(browser_page, login, make_user):
    from accounts.tests.factories import TeamFactory

    for i in range(3):
        TeamFactory(name=f"Team Stadsdeel {i}")
    login(browser_page, make_user(Role.POLICY_OFFICER, username="policy-capacity"))
    browser_page.goto("/planning/capaciteit/")
    box = browser_page.locator(".table-responsive").first
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")  # twelve months: it scrolls
    # Scrolled to December, each row still shows its team.
    hidden = box.evaluate(
        """b => { b.scrollLeft = b.scrollWidth; const r = b.getBoundingClientRect();
          return [...b.querySelectorAll('tbody tr > :first-child')]
            .filter(c => c.getBoundingClientRect().left < r.left - 1)
            .map(c => c.textContent.trim()); }"""
    )
    assert hidden == []
    assert "Team Stadsdeel 0" in box.inner_text()
