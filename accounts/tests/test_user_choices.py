"""Drop-downs of people list only active, human accounts of the relevant team or role.

One queryset, ``accounts.selectors.users_for_choice``, leaves out deactivated accounts,
technical superusers and the load-test accounts of ``generate_data``; every form that
lists users narrows it by team or role.
"""

import re
from pathlib import Path

import pytest

from accounts.models import Team
from accounts.roles import Role
from accounts.selectors import GENERATED_USERNAME_PREFIX, users_for_choice

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def people(make_user, team_lead):
    team = team_lead.team
    return {
        "colleague": make_user(Role.BOA, team=team, first_name="Anna"),
        "inactive": make_user(Role.BOA, team=team, is_active=False, first_name="Oud"),
        "generated": make_user(
            Role.BOA, team=team, username=f"{GENERATED_USERNAME_PREFIX}boa-01-01"
        ),
        "superuser": make_user(Role.BOA, team=team, is_superuser=True, first_name="Root"),
        "other_team": make_user(
            Role.BOA, team=Team.objects.create(name="Team Elders"), first_name="Elders"
        ),
        "lead": team_lead,
    }


def _names(choices) -> set[str]:
    return {str(label) for _value, label in choices if _value}


def test_users_for_choice_leaves_out_inactive_superuser_and_generated_accounts(people):
    listed = set(users_for_choice())
    assert people["colleague"] in listed and people["lead"] in listed
    assert people["inactive"] not in listed
    assert people["generated"] not in listed
    assert people["superuser"] not in listed


def test_the_case_assign_drop_down_lists_the_teams_active_people_only(people):
    from cases.forms import AssignForm, BulkAssignForm

    for form_class in (AssignForm, BulkAssignForm):
        form = form_class(team_id=people["lead"].team_id)
        listed = set(form.fields["assignee"].queryset)
        assert listed == {people["colleague"], people["lead"]}, form_class


def test_a_posted_inactive_or_generated_assignee_is_refused(people):
    from cases.forms import AssignForm

    for who in ("inactive", "generated", "superuser", "other_team"):
        form = AssignForm(
            {"version": 1, "assignee": people[who].pk}, team_id=people["lead"].team_id
        )
        assert not form.is_valid(), who
        assert "assignee" in form.errors


def test_briefing_participants_are_the_teams_people_and_partners(people, partner):
    from cases.forms import BriefingForm

    form = BriefingForm(team_id=people["lead"].team_id)
    listed = set(form.fields["participants"].queryset)
    assert listed == {people["colleague"], people["lead"], partner}


def test_the_shift_filter_and_companions_list_no_generated_or_inactive_boa(people, boa):
    from enforcement.forms.patrols import boa_users

    listed = set(boa_users())
    assert people["colleague"] in listed and boa in listed
    assert not listed & {people["inactive"], people["generated"], people["superuser"]}


def test_expert_group_and_privacy_officer_drop_downs(people, council_member):
    from planning.forms import MemberForm
    from privacy.forms import PrivacyOfficerForm

    for form in (MemberForm(), PrivacyOfficerForm()):
        listed = set(form.fields["user"].queryset)
        assert people["colleague"] in listed
        assert not listed & {people["inactive"], people["generated"], people["superuser"]}
    assert council_member not in set(MemberForm().fields["user"].queryset)


def test_no_form_lists_users_without_users_for_choice():
    """A new drop-down of people starts from ``users_for_choice``, not from
    ``User.objects`` (which holds the generated and technical accounts)."""
    listing = re.compile(r"User\.objects\.(filter|exclude|all|order_by)\((?!pk=)")
    problems = []
    for path in ROOT.glob("*/forms*"):
        files = path.rglob("*.py") if path.is_dir() else [path]
        for file in files:
            for number, line in enumerate(file.read_text().splitlines(), 1):
                # A uniqueness check (one e-mail address per account) lists nobody.
                if listing.search(line) and "email__iexact" not in line:
                    problems.append(f"{file.relative_to(ROOT)}:{number}: {line.strip()}")
    assert problems == []
