"""One record per create form, however often it is sent (issue 10 finding 7, issue 15).

The class, not the examples: every URL whose view is a create view carries
``accounts.submissions.submission_once``, each such view has a valid POST below, and
each is posted twice with the same submission key: the second POST changes nothing
in the database and answers with the first answer (a redirect to the same record).
Two threads posting the same key at the same moment also make one record.
"""

from __future__ import annotations

import datetime as dt
import io
import threading
import uuid

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import close_old_connections, connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from PIL import Image

from accounts.models import AccessLogEntry, Submission
from accounts.roles import Role

pytestmark = pytest.mark.django_db

QUEUED = {"HTTP_X_HH_OFFLINE": "1"}


class _Quiet:
    def write(self, *args, **kwargs):
        pass


def _walk(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _walk(entry, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + entry.name, entry.callback


def once_views() -> set[str]:
    return {name for name, view in _walk(get_resolver()) if getattr(view, "submission_once", 0)}


# The API's creates take the key as an Idempotency-Key header (same Submission table),
# tested with it in api/tests/test_endpoints.py and api/tests/test_open311.py.
API_CREATES = {
    "api:incident_list",
    "api:case_action_items",
    "open311:requests",
    "open311:request_detail",
}
# Answer with a page that shows a secret once (no redirect): tested on their own below,
# a resent form is sent to the list and the secret is not shown again.
SHOWN_ONCE = {"accounts:token_create"}
# URL names that look like creating something but are not a create form, with why.
NOT_CREATE_FORMS = {
    "accounts:user_send_password_link": "sends an e-mail; sending twice is harmless",
    "planning:focus_area_decide": "a decision on an existing record (state check refuses twice)",
    "enforcement:incident_address_suggest": "a GET look-up, creates nothing",
}
# Django admin's add pages are for superusers' maintenance, outside the product's forms.
ADMIN_PREFIX = "admin:"
CREATE_WORDS = ("create", "_new", "nieuw", "_add", "upload", "start", "_open", "request")


def test_every_create_url_is_guarded_by_the_submission_key():
    names = {name for name, _view in _walk(get_resolver())}
    looks_like_create = {
        n for n in names if any(w in n.split(":")[-1] or w in n for w in CREATE_WORDS)
    }
    looks_like_create = {n for n in looks_like_create if not n.startswith(ADMIN_PREFIX)}
    missing = sorted(looks_like_create - once_views() - set(NOT_CREATE_FORMS))
    assert not missing, f"create views without submission_once: {missing}"
    assert set(PAYLOADS) | API_CREATES | SHOWN_ONCE == once_views(), (
        "every guarded view needs a POST in PAYLOADS"
    )


def _png(name="foto.png"):
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (1, 2, 3)).save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


class World:
    """Users and records the create forms need, made on first use."""

    def __init__(self, make_user):
        from enforcement import demo

        demo.seed_reference(stdout=_Quiet())
        from accounts.tests.factories import TeamFactory

        self.team = TeamFactory(name="Team Eén")
        self.boa = make_user(Role.BOA, username="s_boa", team=self.team)
        self.lead = make_user(Role.TEAM_LEAD, username="s_lead", team=self.team)
        self.policy = make_user(Role.POLICY_OFFICER, username="s_policy")
        self.manager = make_user(Role.MANAGER, username="s_manager")
        self.admin = make_user(Role.FUNCTIONAL_ADMIN, username="s_admin")

    def theme(self):
        from enforcement.models import Theme

        return Theme.objects.filter(active=True).order_by("pk").first()

    def area(self):
        from enforcement.models import Area

        return Area.objects.filter(active=True).order_by("pk").first()

    def incident(self):
        from enforcement.tests.factories import IncidentFactory

        return IncidentFactory(
            registered_by=self.boa, reported_by=self.boa, team=self.team, theme=self.theme()
        )

    def case(self):
        from cases.tests.factories import CaseFactory

        return CaseFactory(team=self.team, assignee=self.lead)

    def briefing(self):
        from cases.tests.factories import BriefingFactory

        return BriefingFactory(team=self.team, chair=self.lead)

    def programme(self):
        from planning.tests.factories import ProgrammeFactory

        return ProgrammeFactory(year=2031)

    def plan(self):
        from planning.tests.factories import ThemePlanFactory

        return ThemePlanFactory(year=2031, theme=self.theme())

    def group(self):
        from planning.tests.factories import ExpertGroupFactory

        return ExpertGroupFactory(theme=self.theme())


def _today():
    return timezone.localdate().isoformat()


def _soon():
    return (timezone.localdate() + dt.timedelta(days=7)).isoformat()


def p_incident(w):
    data = {
        "theme": w.theme().pk,
        "address": "Markt 1",
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "priority": 2,
        "source": "own",
        "photos": _png(),
    }
    return w.boa, reverse("enforcement:incident_create"), data


def p_photos(w):
    url = reverse("enforcement:incident_photos_add", args=[w.incident().pk])
    return w.boa, url, {"photos": _png()}


def _violation_data():
    from enforcement.models import Offence

    return {
        "offence": Offence.objects.get(code="H009").pk,
        "committed_on": _today(),
        "attitude": "B",
        "consequence": "limited",
        "offender_kind": "person",
        "offender_name": "Piet Pieters",
        "offender_date_of_birth": "1990-01-02",
        "offender_address": "Dorpsstraat 3",
        "address": "Dorpsstraat 3",
    }


def p_violation(w):
    url = reverse("enforcement:violation_create", args=[w.incident().pk])
    return w.boa, url, _violation_data()


def _submitted(user, obj):
    from django.contrib.contenttypes.models import ContentType

    key = uuid.uuid4()
    Submission.objects.create(
        user=user,
        key=key,
        path="/",
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
    )
    return str(key)


def p_violation_pending(w):
    data = dict(_violation_data(), incident_key=_submitted(w.boa, w.incident()))
    return w.boa, reverse("enforcement:violation_create_pending"), data


def p_patrol_start(w):
    return w.boa, reverse("enforcement:patrol_start"), {"mode": "foot", "team": w.team.pk}


def _running_shift(w):
    from enforcement.tests.factories import PatrolLogFactory

    return PatrolLogFactory(
        boa=w.boa, team=w.team, started_at=timezone.now() - dt.timedelta(hours=2), ended_at=None
    )


def p_patrol_end(w):
    return w.boa, reverse("enforcement:patrol_end", args=[_running_shift(w).pk]), {}


def p_patrol_end_pending(w):
    key = _submitted(w.boa, _running_shift(w))
    return w.boa, reverse("enforcement:patrol_end_pending"), {"start_key": key}


def p_patrol_effort(w):
    from enforcement.tests.factories import PatrolLogFactory

    start = timezone.now() - dt.timedelta(hours=3)
    log = PatrolLogFactory(
        boa=w.boa, team=w.team, started_at=start, ended_at=start + dt.timedelta(hours=2)
    )
    data = {
        "effort-TOTAL_FORMS": "1",
        "effort-INITIAL_FORMS": "0",
        "effort-0-theme": w.theme().pk,
        "effort-0-kind": "reactive",
        "effort-0-minutes": "60",
    }
    return w.boa, reverse("enforcement:patrol_effort", args=[log.pk]), data


def p_reference(w):
    url = reverse("enforcement:reference_create", kwargs={"kind": "gebieden"})
    return w.admin, url, {"name": "Nieuwe Wijk", "code": "WK99", "kind": "wijk", "active": "on"}


def p_strategy(w):
    return w.admin, reverse("enforcement:strategy_new"), {}


def p_letter_template(w):
    from enforcement.models import InterventionType

    data = {
        "name": "Waarschuwing",
        "intervention": InterventionType.objects.order_by("pk").first().pk,
        "subject": "Waarschuwing",
        "body": "Geachte {{ naam }},",
        "active": "on",
    }
    return w.admin, reverse("enforcement:letter_template_create"), data


def p_case(w):
    from enforcement.tests.factories import CaseTypeFactory

    data = {
        "title": "Overlast",
        "case_type": CaseTypeFactory().pk,
        "theme": w.theme().pk,
        "area": w.area().pk,
        "priority": 2,
    }
    return w.lead, reverse("cases:open"), data


def p_action_item(w):
    url = reverse("cases:action_item_create", args=[w.case().pk])
    return (
        w.lead,
        url,
        {"description": "Buurt bellen", "owner": f"u:{w.lead.pk}", "due_date": _soon()},
    )


def p_note(w):
    return w.lead, reverse("cases:note_create", args=[w.case().pk]), {"text": "Intern"}


def p_document(w):
    return w.lead, reverse("cases:document_upload", args=[w.case().pk]), {"file": _png()}


def p_case_link(w):
    url = reverse("cases:link", args=[w.case().pk])
    return w.lead, url, {"references": w.incident().reference}


def p_briefing(w):
    data = {
        "title": "Briefing",
        "date": _soon(),
        "time": "08:30",
        "weeks": 1,
        "areas": [w.area().pk],
        "participants": [w.boa.pk],
    }
    return w.lead, reverse("cases:briefing_create"), data


def p_agenda_item(w):
    url = reverse("cases:agenda_item_add", args=[w.briefing().pk])
    return w.lead, url, {"text": "Evenement zaterdag"}


def p_briefing_action_item(w):
    case = w.case()
    briefing = w.briefing()
    briefing.participants.add(w.lead)
    data = {
        "case_reference": case.reference,
        "description": "Bewoners bellen",
        "owner": f"u:{w.lead.pk}",
        "due_date": _soon(),
    }
    return w.lead, reverse("cases:briefing_action_item", args=[briefing.pk]), data


def p_programme(w):
    return w.policy, reverse("planning:programme_create"), {"year": 2032, "title": "Programma"}


def p_programme_version(w):
    from planning.models import Programme

    programme = w.programme()
    Programme.objects.filter(pk=programme.pk).update(status="adopted")
    return w.policy, reverse("planning:programme_new_version", args=[programme.pk]), {}


def p_activity(w):
    data = {
        "theme": w.theme().pk,
        "title": "Surveillance park",
        "kind": "planned",
        "areas": [w.area().pk],
        "planned_hours": "40",
        "priority": 2,
        "start_month": 1,
        "end_month": 12,
    }
    return w.policy, reverse("planning:activity_create", args=[w.programme().pk]), data


def p_focus_area(w):
    from accounts.models import PartnerOrganisation
    from accounts.tests.factories import UserFactory

    org = PartnerOrganisation.objects.create(name="Politie Oost", kind="police")
    partner = UserFactory(role=Role.PARTNER, username="s_partner", partner_organisation=org)
    programme = w.programme()
    data = {
        "programme": programme.pk,
        "title": "Station",
        "theme": w.theme().pk,
        "areas": [w.area().pk],
        "description": "Overlast rond het station",
    }
    return partner, reverse("planning:focus_area_create"), data


def p_plan(w):
    data = {"theme": w.theme().pk, "year": 2031, "title": "Plan afval"}
    return w.policy, reverse("planning:plan_create"), data


def p_goal(w):
    data = {
        "title": "Minder afval",
        "indicator_name": "Meldingen afval",
        "baseline": "100",
        "target": "80",
        "measurement": "Telling",
        "source": "manual",
    }
    return w.policy, reverse("planning:goal_create", args=[w.plan().pk]), data


def p_indicator_value(w):
    from planning.tests.factories import GoalFactory

    goal = GoalFactory(plan=w.plan())
    url = reverse("planning:indicator_value_create", args=[goal.plan_id, goal.pk])
    return w.policy, url, {"measured_on": _today(), "value": "12", "source": "Telling"}


def p_group(w):
    data = {"theme": w.theme().pk, "name": "Expertgroep afval"}
    return w.policy, reverse("planning:group_create"), data


def p_member(w):
    url = reverse("planning:member_add", args=[w.group().pk])
    return w.policy, url, {"name": "Dr. Jansen", "organisation": "GGD", "role": "arts"}


def p_meeting(w):
    url = reverse("planning:meeting_create", args=[w.group().pk])
    return w.policy, url, {"held_on": _today(), "notes": "Goed gesprek"}


def p_evaluation(w):
    from planning.tests.factories import GoalFactory, MeetingFactory

    group = w.group()
    plan = w.plan()
    goal = GoalFactory(plan=plan)
    group.theme = plan.theme
    meeting = MeetingFactory(group=group)
    data = {"goal": goal.pk, "judgement": "on_track", "comment": "Goed", "follow_up": "none"}
    return w.policy, reverse("planning:meeting_detail", args=[group.pk, meeting.pk]), data


def p_user(w):
    data = {
        "username": "nieuw",
        "first_name": "Nieuwe",
        "last_name": "Boa",
        "email": "nieuw@example.org",
        "role": "boa",
        "team": w.team.pk,
        "is_active": "on",
    }
    return w.admin, reverse("accounts:user_create"), data


def p_team(w):
    return w.admin, reverse("accounts:team_create"), {"name": "Team Twee"}


def p_token(w):
    import datetime as dt

    from django.utils import timezone

    until = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    data = {"name": "Signalen", "role": "boa", "team": w.team.pk, "expires_on": until}
    return w.admin, reverse("accounts:token_create"), data


def p_partner(w):
    data = {"name": "Jongerenwerk Noord", "kind": "youth_work", "active": "on"}
    return w.admin, reverse("accounts:partner_create"), data


def p_webhook(w):
    # An IP literal: no DNS look-up, and a public address, so the SSRF check lets it pass.
    data = {"name": "Meldkamer", "target_url": "https://93.184.216.34/hook",
            "event_kinds": ["incident.created"]}  # fmt: skip
    return w.admin, reverse("integrations:webhook_create"), data


def p_build(w):
    return w.policy, reverse("reports:build_request"), {"period": "2025Q1"}


def p_hold(w):
    url = reverse("privacy:hold_place")
    return w.admin, url, {"case_reference": w.case().reference, "reason": "Bezwaarzaak"}


def p_audit(w):
    return w.admin, reverse("privacy:audits"), {"year": 2025}


def p_focus_add(w):
    # A hotspot of next week in a district the team works in, and an upcoming briefing.
    from forecast.models import HotspotCell, TeamDistrict

    now = timezone.now()
    TeamDistrict.objects.create(team=w.team, district=w.area(), share=0.9, computed_at=now)
    cell = HotspotCell.objects.create(
        theme=w.theme(), district=w.area(), row=1, col=1, min_lat=52.30, min_lon=4.90,
        max_lat=52.3022, max_lon=4.9037, recent=30, before=0, expected_next_week=4.0,
        peak_weekday=4, peak_block=5, computed_at=now,
    )  # fmt: skip
    briefing = w.briefing()
    return w.lead, reverse("cases:focus_add"), {"cell": cell.pk, "briefing": briefing.pk}


def p_programme_proposal(w):
    # A draft with next quarter's forecast for one theme and district, and capacity.
    from decimal import Decimal

    from forecast.models import ForecastWeek
    from forecast.services import current_monday
    from planning.tests.factories import CapacityEntryFactory, ProgrammeFactory

    now = timezone.now()
    year = timezone.localdate().year
    programme = ProgrammeFactory(year=year, created_by=w.policy)
    for week in range(13):
        ForecastWeek.objects.create(
            theme=w.theme(), district=w.area(), week=current_monday() + dt.timedelta(weeks=week),
            expected=10, low=7, high=13, method="glm", computed_at=now,
        )  # fmt: skip
    CapacityEntryFactory(year=year, month=1, people=10, contract_hours=Decimal("106"),
                         leave_hours=0, training_hours=0, overhead_hours=0)  # fmt: skip
    url = reverse("planning:programme_proposal", args=[programme.pk])
    return w.policy, url, {"hours_0": "120"}


PAYLOADS = {
    "enforcement:incident_create": p_incident,
    "enforcement:incident_photos_add": p_photos,
    "enforcement:violation_create": p_violation,
    "enforcement:violation_create_pending": p_violation_pending,
    "enforcement:patrol_start": p_patrol_start,
    "enforcement:patrol_end": p_patrol_end,
    "enforcement:patrol_end_pending": p_patrol_end_pending,
    "enforcement:patrol_effort": p_patrol_effort,
    "enforcement:reference_create": p_reference,
    "enforcement:reference_update": p_reference,
    "enforcement:strategy_new": p_strategy,
    "enforcement:letter_template_create": p_letter_template,
    "enforcement:letter_template_edit": p_letter_template,
    "cases:open": p_case,
    "cases:action_item_create": p_action_item,
    "cases:note_create": p_note,
    "cases:document_upload": p_document,
    "cases:link": p_case_link,
    "cases:briefing_create": p_briefing,
    "cases:agenda_item_add": p_agenda_item,
    "cases:briefing_action_item": p_briefing_action_item,
    "cases:focus_add": p_focus_add,
    "planning:programme_create": p_programme,
    "planning:programme_new_version": p_programme_version,
    "planning:programme_proposal": p_programme_proposal,
    "planning:activity_create": p_activity,
    "planning:activity_edit": p_activity,
    "planning:focus_area_create": p_focus_area,
    "planning:plan_create": p_plan,
    "planning:goal_create": p_goal,
    "planning:goal_edit": p_goal,
    "planning:indicator_value_create": p_indicator_value,
    "planning:group_create": p_group,
    "planning:member_add": p_member,
    "planning:meeting_create": p_meeting,
    "planning:meeting_detail": p_evaluation,
    "accounts:user_create": p_user,
    "accounts:team_create": p_team,
    "accounts:team_update": p_team,
    "accounts:partner_create": p_partner,
    "integrations:webhook_create": p_webhook,
    "accounts:partner_update": p_partner,
    "reports:build_request": p_build,
    "privacy:hold_place": p_hold,
    "privacy:audits": p_audit,
}
# The same view serves create and edit: its create URL is posted, the edit URL shares it.
SAME_VIEW_AS = {
    "enforcement:reference_update": "enforcement:reference_create",
    "enforcement:letter_template_edit": "enforcement:letter_template_create",
    "planning:activity_edit": "planning:activity_create",
    "planning:goal_edit": "planning:goal_create",
    "accounts:team_update": "accounts:team_create",
    "accounts:partner_update": "accounts:partner_create",
}

IGNORED_MODELS = {Submission, AccessLogEntry}


def _counts() -> dict[str, int]:
    counts = {}
    for model in apps.get_models():
        if model in IGNORED_MODELS or model._meta.app_label in ("sessions", "axes"):
            continue
        if model._meta.app_label in ("admin", "contenttypes", "auth", "django_celery_beat"):
            continue
        counts[model._meta.label] = model._default_manager.count()
    return counts


def _problems(response) -> list[str]:
    import re

    text = response.content.decode()
    found = re.findall(
        r'(?s)class="(?:invalid-feedback|alert alert-danger)[^"]*"[^>]*>(.*?)</', text
    )
    return [re.sub(r"<[^>]+>|\s+", " ", f).strip() for f in found] or [text[-1500:]]


def _files(data):
    return {k: (v.seek(0) or v) if hasattr(v, "seek") else v for k, v in data.items()}


@pytest.mark.parametrize("name", sorted(n for n in PAYLOADS if n not in SAME_VIEW_AS))
def test_a_create_form_sent_twice_with_its_key_makes_one_record(name, make_user, client):
    world = World(make_user)
    user, url, data = PAYLOADS[name](world)
    client.force_login(user)
    data = dict(data, submission_key=str(uuid.uuid4()))
    before = _counts()
    first = client.post(url, _files(data))
    assert first.status_code in (302, 303) or first.has_header("HX-Redirect"), (
        name,
        first.status_code,
        _problems(first),
    )
    after_first = _counts()
    assert after_first != before, f"{name}: the first POST created nothing"
    second = client.post(url, _files(data))
    assert _counts() == after_first, f"{name}: the second POST changed the database"
    assert second.status_code == 302 and second.url == first.url
    page = client.get(second.url, follow=True).content.decode()
    assert "Dit formulier was al verstuurd; het is één keer opgeslagen." in page
    # The offline queue's resend gets the first answer as JSON.
    queued = client.post(url, _files(data), **QUEUED)
    assert queued.status_code == 200 and queued.json()["ok"] is True
    assert queued.json()["url"] == first.url
    assert _counts() == after_first


def test_a_new_key_makes_a_new_record_and_another_user_cannot_replay_a_key(make_user, client):
    world = World(make_user)
    user, url, data = p_note(world)
    client.force_login(user)
    key = str(uuid.uuid4())
    client.post(url, dict(data, submission_key=key))
    client.post(url, dict(data, submission_key=str(uuid.uuid4())))
    from cases.models import CaseNote

    assert CaseNote.objects.count() == 2
    other = make_user(Role.TEAM_LEAD, username="ander", team=world.team)
    client.force_login(other)
    client.post(url, dict(data, submission_key=key))  # someone else's key: their own record
    assert CaseNote.objects.count() == 3


def test_a_refused_submission_gives_its_key_back(make_user, client):
    world = World(make_user)
    user, url, data = p_note(world)
    client.force_login(user)
    key = str(uuid.uuid4())
    refused = client.post(url, {"text": "", "submission_key": key})
    assert refused.status_code == 400 and not Submission.objects.filter(key=key).exists()
    client.post(url, dict(data, submission_key=key))  # corrected, same form: saved
    from cases.models import CaseNote

    assert CaseNote.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", ["cases:open", "enforcement:incident_create"])
def test_two_requests_at_the_same_moment_with_one_key_make_one_record(name, make_user):
    world = World(make_user)
    user, url, data = PAYLOADS[name](world)
    data = dict(data, submission_key=str(uuid.uuid4()))
    before = _counts()
    barrier = threading.Barrier(2)
    answers = []

    def post():
        client = Client()
        client.force_login(user)
        payload = {k: (_png() if hasattr(v, "seek") else v) for k, v in data.items()}
        barrier.wait()
        try:
            answers.append(client.post(url, payload))
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [a.status_code for a in answers] == [302, 302]
    assert answers[0].url == answers[1].url
    after = _counts()
    changed = {k: after[k] - before[k] for k in after if after[k] != before[k]}
    model = "cases.Case" if name == "cases:open" else "enforcement.Incident"
    assert changed[model] == 1
    assert Submission.objects.filter(user=user).count() == 1


@pytest.mark.parametrize("headers", [{}, QUEUED], ids=["browser", "queued"])
def test_the_token_form_sent_twice_makes_one_token_and_shows_the_key_once(
    headers, make_user, client
):
    from accounts.models import ApiToken

    world = World(make_user)
    user, url, data = p_token(world)
    client.force_login(user)
    data = dict(data, submission_key=str(uuid.uuid4()))
    first = client.post(url, data)
    token = ApiToken.objects.get()
    assert first.status_code == 200 and f"hh_{token.prefix}_" in first.content.decode()
    before = _counts()
    second = client.post(url, data, **headers)
    assert _counts() == before and ApiToken.objects.count() == 1
    listing = reverse("accounts:token_list")
    if headers:
        assert second.status_code == 200 and second.json()["url"] == listing
    else:
        assert second.status_code == 302 and second.url == listing
        page = client.get(listing).content.decode()
        assert "Dit formulier was al verstuurd; het is één keer opgeslagen." in page
        assert f"hh_{token.prefix}_" + "x" not in page
