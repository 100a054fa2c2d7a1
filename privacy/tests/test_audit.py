"""The yearly Wpg privacy audit: planted anomalies are flagged, normal work is not;
PDF and XLSX carry the content; the privacy officer's sign-off freezes it."""

import datetime as dt
import hashlib
import io
import subprocess
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from accounts.roles import Role
from accounts.tests.factories import AccessLogEntryFactory, TeamFactory
from enforcement.tests.factories import IncidentFactory, PatrolLogFactory, ViolationFactory
from privacy.audit import audit_build, audit_request
from privacy.models import PrivacyAudit
from privacy.services import privacy_officer_designate

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
YEAR = 2025


def _at(month, day, hour, minute=0):
    return dt.datetime(YEAR, month, day, hour, minute, tzinfo=AMS)


def _log(user, when, **kwargs):
    with time_machine.travel(when, tick=False):
        return AccessLogEntryFactory(user=user, **kwargs)


@pytest.fixture
def year_of_work(make_user):
    team = TeamFactory(name="Team Noord")
    peers = [
        make_user(
            Role.BOA, username=f"peer{i}", first_name=f"Collega{i}", last_name="Noord", team=team
        )
        for i in range(5)
    ]
    exporter = make_user(
        Role.BOA, username="exporteur", first_name="Erik", last_name="Exporteur", team=team
    )
    night = make_user(
        Role.BOA, username="nachtuil", first_name="Nina", last_name="Nacht", team=team
    )
    incident = IncidentFactory(registered_by=peers[0], team=team)
    for i, user in enumerate([*peers, exporter, night]):
        for d in range(4):  # daytime views of their own team's records
            _log(
                user,
                _at(3, 2 + d, 10),
                object_type="enforcement.incident",
                object_id=str(incident.pk),
            )
        for d in range(4):
            _log(
                user,
                _at(4, 1 + d, 11),
                action="export",
                object_type="enforcement.incident",
                detail={"rows": 40},
            )
    for user in peers:  # searches followed by a violation the next day
        for m in (5, 6):
            _log(
                user,
                _at(m, 10, 9),
                action="search",
                object_type="enforcement.violation",
                detail={"term": "x"},
            )
            with time_machine.travel(_at(m, 11, 9), tick=False):
                ViolationFactory(recorded_by=user, incident=incident)
    for d in range(40):  # ten times the peers' exports
        _log(
            exporter,
            _at(7, 1, 9) + dt.timedelta(hours=d),
            action="export",
            object_type="enforcement.violation",
            detail={"rows": 30},
        )
    for d in range(4):  # night-time targeted searches of old data, nothing follows
        _log(
            night,
            _at(9, 3 + d, 2, 30),
            action="search",
            object_type="enforcement.violation",
            detail={"term": "Jansen 1990-05-17", "purpose": "Nazoeken Z-2019-000123"},
        )
    _log(
        exporter,
        _at(7, 20, 10),
        action="export",
        object_type="enforcement.incident",
        detail={"rows": 2500},
    )
    # Normal night work: a peer on a night shift looks up records of the shift.
    shift = PatrolLogFactory(boa=peers[1], started_at=_at(8, 1, 22), ended_at=_at(8, 2, 6))
    for minute in (5, 20, 40):
        _log(
            peers[1],
            _at(8, 2, 1, minute),
            object_type="enforcement.incident",
            object_id=str(incident.pk),
        )
    # A boa of another team opens this team's records.
    stranger = make_user(
        Role.BOA,
        username="zuid1",
        first_name="Sam",
        last_name="Zuid",
        team=TeamFactory(name="Team Zuid"),
    )
    for d in range(3):
        _log(
            stranger,
            _at(10, 1 + d, 14),
            object_type="enforcement.incident",
            object_id=str(incident.pk),
        )
    return {"peers": peers, "exporter": exporter, "night": night, "shift": shift}


def _build(functional_admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        audit = audit_request(actor=functional_admin, year=YEAR)
    assert len(callbacks) == 1  # the Celery task, enqueued after commit
    return audit_build(audit_id=audit.pk)


def test_audit_flags_planted_anomalies_and_not_normal_work(
    year_of_work, functional_admin, django_capture_on_commit_callbacks
):
    audit = _build(functional_admin, django_capture_on_commit_callbacks)
    assert audit.status == PrivacyAudit.Status.READY
    flagged = {(a["kind"], a["user"]) for a in audit.data["anomalies"]}
    assert ("Veel meer dan de rol", "Erik Exporteur") in flagged
    assert ("Buiten werktijd", "Nina Nacht") in flagged
    assert ("Zoekvraag zonder vervolg", "Nina Nacht") in flagged
    assert ("Grote export", "Erik Exporteur") in flagged
    assert ("Buiten het eigen team", "Sam Zuid") in flagged
    # Nobody else: not the peers' daytime work, their followed-up searches, the night shift.
    flagged_users = {user for _kind, user in flagged}
    assert flagged_users == {"Erik Exporteur", "Nina Nacht", "Sam Zuid"}
    assert [t["purpose"] for t in audit.data["targeted"]] == ["Nazoeken Z-2019-000123"] * 4
    erik = next(r for r in audit.data["access"] if r["user"] == "Erik Exporteur")
    assert erik["exports"] == 45 and erik["kinds"]["Overtredingen"] == 40
    # Nobody in this year of work set up two-factor authentication: a shortcoming.
    assert {h["two_factor"] for h in audit.data["access_holders"]} == {"nee"}
    assert audit.data["shortcomings"]


def test_audit_shows_per_person_with_personal_data_whether_two_factor_is_set_up(
    make_user, functional_admin, django_capture_on_commit_callbacks, tmp_path
):
    from accounts.tests.test_two_factor import enrolled

    team = TeamFactory(name="Team West")
    with_app = make_user(Role.BOA, username="metapp", first_name="Mila", last_name="Met", team=team)
    make_user(Role.TEAM_LEAD, username="zonder", first_name="Zeno", last_name="Zonder", team=team)
    make_user(Role.COUNCIL_MEMBER, username="raad", first_name="Rik", last_name="Raad")
    make_user(Role.BOA, username="weg", first_name="Wim", last_name="Weg", is_active=False)
    enrolled(with_app)
    enrolled(functional_admin)
    audit = _build(functional_admin, django_capture_on_commit_callbacks)
    holders = {h["user"]: h["two_factor"] for h in audit.data["access_holders"]}
    # Every active account whose role reaches personal data, and only those.
    assert holders == {"Mila Met": "ja", "Zeno Zonder": "nee", str(functional_admin): "ja"}
    assert (
        "1 gebruikers met toegang tot persoonsgegevens zonder tweestapsverificatie."
        in audit.data["shortcomings"]
    )
    pdf = tmp_path / "audit.pdf"
    pdf.write_bytes(audit.pdf.read())
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = {
        line.split()[0] + " " + line.split()[1]: line
        for line in text.splitlines()
        if line.strip().startswith(("Mila Met", "Zeno Zonder"))
    }
    assert lines["Mila Met"].rstrip().endswith("ja")
    assert lines["Zeno Zonder"].rstrip().endswith("nee")
    assert "Rik Raad" not in text and "Wim Weg" not in text
    book = load_workbook(io.BytesIO(audit.xlsx.read()))
    rows = list(book["Gebruikers met toegang"].iter_rows(min_row=2, values_only=True))
    assert ("Mila Met", "metapp", "Handhaver (boa)", "Team West", "ja") in rows
    assert ("Zeno Zonder", "zonder", "Teamleider", "Team West", "nee") in rows


def test_audit_pdf_and_xlsx_carry_the_content(
    year_of_work, functional_admin, django_capture_on_commit_callbacks, tmp_path
):
    audit = _build(functional_admin, django_capture_on_commit_callbacks)
    pdf = tmp_path / "audit.pdf"
    pdf.write_bytes(audit.pdf.read())
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert f"Wpg-privacy-audit {YEAR}" in text
    assert "Erik Exporteur" in text and "Nina Nacht" in text
    assert "Nazoeken Z-2019-000123" in text
    assert "Nog niet afgetekend" in text
    book = load_workbook(io.BytesIO(audit.xlsx.read()))
    assert {
        "Samenvatting",
        "Toegang",
        "Afwijkingen",
        "Gerichte zoekvragen",
        "Opschoonrondes",
        "Gebruikers met toegang",
    } <= set(book.sheetnames)
    anomalies = list(book["Afwijkingen"].iter_rows(min_row=2, values_only=True))
    assert ("Veel meer dan de rol", "Erik Exporteur") in {(r[0], r[1]) for r in anomalies}


def test_privacy_officer_signs_off_which_freezes_it(
    year_of_work, functional_admin, policy_officer, client, django_capture_on_commit_callbacks
):
    audit = _build(functional_admin, django_capture_on_commit_callbacks)
    url = reverse("privacy:audit_detail", args=[audit.pk])
    # Not designated: no access at all.
    client.force_login(policy_officer)
    assert client.get(url).status_code == 404
    client.force_login(functional_admin)
    client.post(reverse("privacy:officer_designate"), {"user": policy_officer.pk})
    assert str(policy_officer) in client.get(reverse("privacy:audits")).content.decode()
    # The officer is told, and told again when an audit is ready to sign.
    assert policy_officer.notifications.filter(url=reverse("privacy:audits")).exists()
    audit_build(audit_id=audit.pk)
    assert policy_officer.notifications.filter(url=url).exists()
    client.force_login(policy_officer)
    page = client.get(url)
    assert page.status_code == 200 and "Aftekenen en vastleggen" in page.content.decode()
    # Signing fixes the audit: the form asks first (data-confirm, issue 18).
    assert f'data-confirm="De Wpg-audit {audit.year} aftekenen?' in page.content.decode()
    response = client.post(
        url, {"improvement_plan": "Exports boven 20 per maand vooraf laten goedkeuren."}
    )
    assert response.status_code == 302
    audit.refresh_from_db()
    assert audit.is_signed and audit.signed_by == policy_officer
    pdf_bytes = audit.pdf.read()
    assert hashlib.sha256(pdf_bytes).hexdigest() == audit.pdf_sha256
    # Frozen: a rebuild changes nothing and a second sign-off is refused.
    sha = audit.pdf_sha256
    assert audit_build(audit_id=audit.pk).pdf_sha256 == sha
    assert client.post(url, {"improvement_plan": "anders"}).status_code == 404
    audit.refresh_from_db()
    assert audit.improvement_plan.startswith("Exports boven 20")
    download = client.get(reverse("privacy:audit_file", args=[audit.pk, "pdf"]))
    assert download.status_code == 200


def test_functional_admin_cannot_sign_even_when_designated(
    year_of_work, functional_admin, make_user, client, django_capture_on_commit_callbacks
):
    audit = _build(functional_admin, django_capture_on_commit_callbacks)
    other_admin = make_user(Role.FUNCTIONAL_ADMIN, username="admin2")
    privacy_officer_designate(actor=other_admin, user=functional_admin)
    client.force_login(functional_admin)
    page = client.get(reverse("privacy:audit_detail", args=[audit.pk]))
    assert page.status_code == 200 and "Aftekenen en vastleggen" not in page.content.decode()
    assert (
        client.post(
            reverse("privacy:audit_detail", args=[audit.pk]), {"improvement_plan": "x"}
        ).status_code
        == 404
    )


def test_other_roles_get_404_on_audit_pages(boa, manager, client):
    for user in (boa, manager):
        client.force_login(user)
        assert client.get(reverse("privacy:audits")).status_code == 404


def test_within_a_shift_by_bisection_also_inside_an_earlier_longer_shift():
    import datetime as dt

    from privacy.audit.figures import _coverage, _within_a_shift

    def at(hour):
        return dt.datetime(2025, 3, 1, tzinfo=dt.UTC) + dt.timedelta(hours=hour)

    # A long shift 0-10 h, a short one 2-3 h inside it, one 20-22 h.
    coverage = _coverage([(at(20), at(22)), (at(2), at(3)), (at(0), at(10))])
    table = {-1: False, 0: True, 2.5: True, 5: True, 10: True, 11: False, 21: True, 23: False}
    assert {h: _within_a_shift(coverage, at(h)) for h in table} == table
    assert _within_a_shift(None, at(1)) is False
