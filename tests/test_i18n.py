"""Dutch by default; English through the language switch."""

import importlib.util
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.roles import Role

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.django_db


def _switch_language(client, code: str, next_url: str = "/login/"):
    return client.post("/i18n/setlang/", {"language": code, "next": next_url})


def test_login_page_is_dutch_by_default_even_for_an_english_browser(client):
    response = client.get("/login/", headers={"accept-language": "en-GB,en;q=0.9"})

    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "Inloggen" in html
    assert "Gebruikersnaam" in html
    # The switch offers English, labelled in English for those who need it.
    assert 'name="language" value="en" lang="en"' in html


def test_switching_to_english_shows_the_login_page_in_english(client):
    response = _switch_language(client, "en")
    assert response.status_code == 302

    html = client.get(response["Location"]).content.decode()

    assert '<html lang="en">' in html
    assert "Log in" in html
    assert "Username" in html
    assert "Forgot your password?" in html
    assert "Skip to content" in html
    assert "Inloggen" not in html
    assert 'name="language" value="nl" lang="nl"' in html  # and back to Dutch


def test_switching_back_to_dutch(client):
    _switch_language(client, "en")
    _switch_language(client, "nl")

    assert "Inloggen" in client.get("/login/").content.decode()


def test_home_page_and_role_name_in_english(client_for, team_lead):
    client = client_for(team_lead)
    _switch_language(client, "en", next_url="/")

    html = client.get("/").content.decode()

    assert "Good day," in html
    assert "Team lead" in html
    assert "Log out" in html


def test_every_role_has_an_english_name():
    with translation.override("en"):
        english = {role: str(role.label) for role in Role}
    with translation.override("nl"):
        dutch = {role: str(role.label) for role in Role}
    assert english[Role.BOA] == "Enforcement officer (boa)"
    untranslated = [role for role in Role if english[role] == dutch[role] and role != Role.PARTNER]
    assert untranslated == []


def test_compiled_catalogue_matches_its_source():
    spec = importlib.util.spec_from_file_location(
        "compile_messages", ROOT / "scripts" / "compile_messages.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    assert module.main(["--check"]) == 0, "run: python scripts/compile_messages.py"


def test_incident_list_and_case_list_in_english(client_for, boa, team_lead):
    boa_client = client_for(boa)
    _switch_language(boa_client, "en", next_url="/")
    html = boa_client.get("/registratie/meldingen/").content.decode()
    assert '<html lang="en">' in html
    assert '<h1 class="mb-0">Reports</h1>' in html
    assert "Search and filter" in html
    assert "Zoeken en filteren" not in html

    lead_client = client_for(team_lead)
    _switch_language(lead_client, "en", next_url="/")
    html = lead_client.get("/zaken/").content.decode()
    assert '<h1 class="mb-0">Cases</h1>' in html
    assert "Filter cases" in html
    assert "Zaken filteren" not in html


def test_incident_form_and_detail_in_english(client_for, boa):
    from enforcement.tests.factories import IncidentFactory

    incident = IncidentFactory(registered_by=boa)
    client = client_for(boa)
    _switch_language(client, "en", next_url="/")
    form = client.get("/registratie/meldingen/nieuw/").content.decode()
    assert "Use my location" in form and "Save report" in form
    assert "Melding opslaan" not in form
    detail = client.get(f"/registratie/meldingen/{incident.pk}/").content.decode()
    assert f"Report {incident.reference}" in detail and "Timeline" in detail
    assert "Tijdlijn" not in detail


# Interface words (not data: the demo municipality's themes and areas are Dutch names).
DUTCH_WORDS = [
    "Opslaan",
    "Annuleren",
    "Zoeken",
    "Terug",
    "Wijzigen",
    "Verwijderen",
    "Filteren",
    "Uitloggen",
    "Toon",
    "Vorige",
    "Volgende",
    "Geen",
    "Startpagina",
    "Naar de inhoud",
    "Registratie",
    "Informatie",
    "Beheer",
    "Meldingen",
    "Zaken",
    "Diensten",
    "Overtredingen",
    "Wachtwoord",
    "Gebruikers",
    "Tijdstip",
]
ENGLISH_WORDS = [
    "Save",
    "Cancel",
    "Search",
    "Back",
    "Edit",
    "Delete",
    "Filter",
    "Log out",
    "Show",
    "Previous",
    "Next",
    "None",
    "New",
    "Home page",
    "Skip to content",
    "Reports",
    "Cases",
    "Shifts",
    "Violations",
    "Password",
    "Users",
    "Management",
]


def _visible_words(html: str) -> str:
    import re

    html = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html)
    # The language switch names the other language in that language, on purpose.
    html = re.sub(r'(?is)<button[^>]*name="language".*?</button>', " ", html)
    html = _strip_dutch_parts(html)
    text = re.sub(r"(?s)<[^>]+>", " ", html)
    return " ".join(text.split())


def _data_names() -> list[str]:
    """Names the demo municipality typed in Dutch (data, not interface): the goals and
    indicators of its theme plans, shown in the reports' goal table."""
    from planning.models import Goal, Indicator

    names = [*Goal.objects.values_list("title", flat=True)]
    names += Indicator.objects.values_list("name", flat=True)
    return sorted(names, key=len, reverse=True)


def _without(text: str, names: list[str]) -> str:
    for name in names:
        text = text.replace(name, " ")
    return text


def _strip_dutch_parts(html: str) -> str:
    """A passage marked lang="nl" is Dutch on purpose (the council report's introduction,
    part of the Dutch document): WCAG 3.1.2, language of parts."""
    import re

    return re.sub(r'(?is)<(p|div|span)\b[^>]*\blang="nl"[^>]*>.*?</\1>', " ", html)


def _found(text: str, words: list[str]) -> list[str]:
    import re

    return [w for w in words if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_each_roles_main_pages_are_in_one_language(language):
    import io

    from django.core.management import call_command
    from django.test import Client

    from accounts.models import User
    from tests.csp import DEMO_ROLES, role_pages

    call_command("seed_demo", "--force", stdout=io.StringIO())
    words = DUTCH_WORDS if language == "en" else ENGLISH_WORDS
    data = _data_names()
    problems, checked, reports_pages = [], 0, set()
    for username in DEMO_ROLES:
        client = Client()
        client.force_login(User.objects.get(username=username))
        _switch_language(client, language, next_url="/")
        for url in role_pages(client, limit=14):
            text = _without(_visible_words(client.get(url).content.decode()), data)
            checked += 1
            reports_pages.update([url] if url.startswith("/rapportages/") else [])
            if found := _found(text, words):
                problems.append(f"{username} {url}: {', '.join(found)}")
    assert checked > 40
    # The management information, the council portal and the report manage pages.
    assert len(reports_pages) >= 6, reports_pages
    assert not problems, "\n".join(problems)


def test_a_message_after_an_action_is_in_the_users_language(client_for, boa):
    """Starting a shift: the message shown after the redirect follows the language switch
    (the messages in the views were plain Dutch strings, issue 18)."""
    client = client_for(boa)
    _switch_language(client, "en", next_url="/")

    start = {"mode": "foot", "team": boa.team_id}
    html = client.post(reverse("enforcement:patrol_start"), start, follow=True).content.decode()
    assert "Shift started. Have a good shift!" in html
    assert "Goede dienst" not in html

    html = client.post(reverse("enforcement:patrol_start"), start, follow=True).content.decode()
    assert "You are already on duty." in html


# E-mails (issue 18): written in the recipient's language, whoever or whatever sends them.
EMAIL_DUTCH_WORDS = [
    "Beste",
    "Zaak",
    "toegewezen",
    "streefdatum",
    "Actiepunt",
    "verloopt",
    "uiterlijk",
    "Uiterlijk",
    "Overzicht",
    "verlopen",
    "zaken",
    "actiepunten",
    "Nieuw",
    "wachtwoord",
    "gebruikersnaam",
    "Met vriendelijke groet",
]
EMAIL_ENGLISH_WORDS = [
    "Dear",
    "Case",
    "assigned",
    "target date",
    "Action item",
    "due",
    "Due",
    "Overdue",
    "cases",
    "action items",
    "New",
    "password",
    "username",
    "Kind regards",
]


def _all_mails_of(user) -> list:
    """Send the user's notifications by e-mail, as the worker does, and return the mails."""
    from django.core import mail

    from accounts.models import Notification
    from accounts.tasks import notification_send_email

    for pk in Notification.objects.filter(user=user).values_list("pk", flat=True):
        notification_send_email(pk)
    return [m for m in mail.outbox if user.email in m.to]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_each_email_is_in_the_recipients_language(language, make_user, rf):
    """A case assignment, a new action item, the daily reminders, the overdue digest and the
    password link, each sent while the sender (a request in the other language, or a
    background job) speaks another language: subject and body in the recipient's."""
    import datetime as dt

    from django.utils import timezone

    from accounts.services import user_send_password_link
    from accounts.tests.factories import TeamFactory
    from cases.services import action_item_create, case_assign
    from cases.tasks import send_daily_reminders, send_overdue_digest
    from cases.tests.factories import CaseFactory

    other = "nl" if language == "en" else "en"
    team = TeamFactory(name="Team Centrum")
    lead = make_user(Role.TEAM_LEAD, username="lead", team=team, language=language)
    reader = make_user(Role.BOA, username="reader", team=team, language=language)
    sender = make_user(Role.TEAM_LEAD, username="sender", team=team, language=other)
    admin = make_user(Role.FUNCTIONAL_ADMIN, username="admin", language=other)
    today = timezone.localdate()
    case = CaseFactory(team=team, opened_by=sender, due_date=today + dt.timedelta(days=1))
    late = CaseFactory(team=team, opened_by=sender, due_date=today - dt.timedelta(days=3))  # digest

    with translation.override(other):  # the sender's request
        case_assign(actor=sender, case_id=case.pk, assignee=reader)
        action_item_create(
            actor=sender, case=case, description="Buurt bellen", due_date=today, owner_user=reader
        )
        user_send_password_link(actor=admin, user=reader, request=rf.get("/"))
    with translation.override(other):  # a worker's default, whatever it is
        send_daily_reminders()
        send_overdue_digest()

    mails = _all_mails_of(reader) + _all_mails_of(lead)
    # assignment, action item, its reminder, the case's reminder, password link; digest
    assert len(mails) == 6, [m.subject for m in mails]
    words = EMAIL_DUTCH_WORDS if language == "en" else EMAIL_ENGLISH_WORDS
    data = [case.title, late.title, "Buurt bellen", "Team Centrum"]
    problems = []
    for sent in mails:
        import re

        text = re.sub(r"https?://\S+", " ", f"{sent.subject}\n{sent.body}")  # /zaken/ is a URL
        text = _without(text, data)
        if found := _found(text, words):
            problems.append(f"{sent.subject}: {', '.join(found)}")
    assert not problems, "\n".join(problems)
    greeting = "Dear" if language == "en" else "Beste"
    assert all(m.body.startswith(greeting) for m in mails)


def test_the_language_switch_is_remembered_for_the_account(client_for, boa):
    client = client_for(boa)
    _switch_language(client, "en", next_url="/")
    client.get("/")
    boa.refresh_from_db()
    assert boa.language == "en"

    _switch_language(client, "nl", next_url="/")
    client.get("/")
    boa.refresh_from_db()
    assert boa.language == "nl"


def test_form_errors_are_in_english_too(client_for, boa):
    """A refused form in English: the field errors of the form and of the service (the
    time in the future, the place outside the municipality) are English."""
    import datetime as dt
    import uuid

    from django.utils import timezone

    from enforcement.tests.factories import ThemeFactory
    from enforcement.tests.test_incidents import CREATE, post_data

    theme = ThemeFactory(code="overlast", name="Overlast")
    client = client_for(boa)
    _switch_language(client, "en", next_url="/")
    future = (timezone.localtime() + dt.timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M")
    html = client.post(CREATE, post_data(theme, occurred_at=future)).content.decode()
    assert "The time is in the future." in html and "in de toekomst" not in html
    html = client.post(CREATE, post_data(theme, latitude="51.0", longitude="3.0")).content
    assert "This location is outside the municipality." in html.decode()
    html = client.post(CREATE, {"submission_key": str(uuid.uuid4())}).content.decode()
    assert "This field is required." in html and "Dit veld is verplicht" not in html
