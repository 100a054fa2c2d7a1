"""Retention (issue 12, finding 2): the job removes personal data past its term,
leaves every council figure identical and honours a legal hold."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from accounts.models import AccessLogEntry
from cases.models import CaseDocument, CaseEvent, CaseNote
from cases.tests.factories import ActionItemFactory, CaseFactory, CaseNoteFactory
from enforcement.models import Incident, IncidentPhoto, Offender, PatrolLog, Violation
from enforcement.tests.factories import (
    AreaFactory,
    IncidentFactory,
    OffenceFactory,
    PatrolEffortFactory,
    PatrolLogFactory,
    ThemeFactory,
    ViolationFactory,
)
from privacy.models import RetentionRun
from privacy.retention import KINDS, retention_preview, retention_run
from privacy.services import legal_hold_lift, legal_hold_place
from privacy.tasks import retention_run_daily
from reports.figures import figures_compute
from reports.periods import Period

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
OLD = dt.datetime(2020, 3, 10, 14, 0, tzinfo=AMS)  # past the five years in 2026
RECENT = dt.datetime(2024, 5, 10, 14, 0, tzinfo=AMS)  # within them
FIVE_YEARS_ON = dt.datetime(2026, 1, 15, 12, 0, tzinfo=AMS)
PERIODS = [Period(2020, 1), Period(2020, None), Period(2024, 2), Period(2024, None)]


def _figures():
    return {p.code: figures_compute(period=p) for p in PERIODS}


def _photo(incident):
    return IncidentPhoto.objects.create(
        incident=incident,
        image=ContentFile(b"\xff\xd8jpeg", name="foto.jpg"),
        thumbnail=ContentFile(b"\xff\xd8thumb", name="mini.jpg"),
        content_type="image/jpeg",
        size=6,
        uploaded_by=incident.registered_by,
    )


def _world(boa):
    theme, area = ThemeFactory(code="overlast"), AreaFactory(code="WK000301")
    offence = OffenceFactory(code="R999", theme=theme)
    out = {}
    for when, tag in ((OLD, "old"), (RECENT, "recent")):
        incidents = [
            IncidentFactory(
                reference=f"M-{tag}-{i}",
                theme=theme,
                area=area,
                occurred_at=when,
                registered_by=boa,
                reporter_name="Jan de Melder",
                reporter_contact="06-12345678",
                description="Buurman Piet maakt herrie",
            )
            for i in range(3)
        ]
        violations = [
            ViolationFactory(
                reference=f"O-{tag}-{i}",
                incident=incident,
                offence=offence,
                committed_on=when.date(),
                deviation_reason="Kent hem van school",
            )
            for i, incident in enumerate(incidents)
        ]
        case = CaseFactory(
            reference=f"Z-{tag}",
            title="Overlast familie Jansen",
            description="Namen en feiten",
            theme=theme,
            area=area,
            opened_at=when,
            closed_at=when + dt.timedelta(days=20),
            status="closed",
        )
        case.incidents.add(incidents[0])
        case.violations.add(violations[0])
        CaseNoteFactory(case=case, text="Gesproken met mevrouw Jansen")
        CaseEvent.objects.create(
            case=case,
            actor=boa,
            kind="note",
            message="Notitie: mevrouw Jansen gebeld",
            data={"phone": "06-1111"},
        )
        ActionItemFactory(case=case, description="Bel meneer Jansen")
        CaseDocument.objects.create(
            case=case,
            file=ContentFile(b"%PDF-1.4", name="brief.pdf"),
            filename="brief.pdf",
            content_type="application/pdf",
            size=8,
            uploaded_by=boa,
        )
        log = PatrolLogFactory(
            boa=boa,
            started_at=when,
            ended_at=when + dt.timedelta(hours=4),
            notes="Sprak met Kees op het plein",
        )
        log.areas.add(area)
        PatrolEffortFactory(patrol_log=log, theme=theme, minutes=90)
        out[tag] = {
            "incidents": incidents,
            "violations": violations,
            "case": case,
            "log": log,
            "photo": _photo(incidents[1]),
        }
    # A second old case under a legal hold keeps its incident and violation.
    held_incident = IncidentFactory(
        reference="M-held",
        theme=theme,
        area=area,
        occurred_at=OLD,
        registered_by=boa,
        reporter_name="Getuige Bep",
        description="Bewijs in de rechtszaak",
    )
    held_violation = ViolationFactory(
        reference="O-held", incident=held_incident, offence=offence, committed_on=OLD.date()
    )
    held_case = CaseFactory(
        reference="Z-held",
        title="Rechtszaak Van Dijk",
        theme=theme,
        area=area,
        opened_at=OLD,
        closed_at=OLD + dt.timedelta(days=5),
        status="closed",
    )
    held_case.incidents.add(held_incident)
    held_photo = _photo(held_incident)
    out["held"] = {
        "incident": held_incident,
        "violation": held_violation,
        "case": held_case,
        "photo": held_photo,
    }
    return out


@pytest.fixture
def world(boa):
    # Registered back then, so the rows' own creation times are realistic too.
    with time_machine.travel(OLD + dt.timedelta(days=2), tick=False):
        return _world(boa)


def test_run_five_years_on_removes_personal_data_keeps_figures_and_the_held_case(
    world, functional_admin, django_capture_on_commit_callbacks
):
    with time_machine.travel(FIVE_YEARS_ON, tick=False):
        legal_hold_place(
            actor=functional_admin, case=world["held"]["case"], reason="Rechtszaak 2025/123"
        )
        before = _figures()
        preview = retention_preview()
        photo_files = [world["old"]["photo"].image.name, world["old"]["photo"].thumbnail.name]
        assert all(default_storage.exists(name) for name in photo_files)
        with django_capture_on_commit_callbacks(execute=True):
            run = retention_run()
        assert _figures() == before

    assert run.counts == preview
    assert set(run.counts) == set(KINDS)
    assert run.counts["incident"] == 3
    assert run.counts["violation"] == 3
    assert run.counts["incident_photo"] == 1
    assert run.counts["case"] == 1
    assert run.counts["case_note"] == 1
    assert run.counts["case_document"] == 1
    assert run.counts["case_action"] == 1
    assert run.counts["patrol_log"] == 1
    assert run.counts["case_event"] == 1
    assert run.counts["offender"] == 3

    for incident in world["old"]["incidents"]:
        incident.refresh_from_db()
        assert (
            incident.reporter_name,
            incident.reporter_contact,
            incident.description,
            incident.address,
            incident.latitude,
        ) == ("", "", "", "", None)
        # What the figures count stays.
        assert incident.occurred_at == OLD and incident.theme_id and incident.area_id
    for violation in world["old"]["violations"]:
        violation.refresh_from_db()
        assert (violation.offender_id, violation.address, violation.deviation_reason) == (
            None,
            "",
            "",
        )
        assert violation.offence_id and violation.intervention_id
    old_case = world["old"]["case"]
    old_case.refresh_from_db()
    assert (old_case.title, old_case.description) == ("Z-old", "")
    assert not CaseNote.objects.filter(case=old_case).exists()
    assert not CaseDocument.objects.filter(case=old_case).exists()
    assert old_case.action_items.get().description == ""
    event = CaseEvent.objects.get(case=old_case)
    assert (event.message, event.data, event.kind) == ("", {}, "note")
    assert CaseEvent.objects.get(case=world["recent"]["case"]).message.startswith("Notitie")
    assert PatrolLog.objects.get(pk=world["old"]["log"].pk).notes == ""
    assert not IncidentPhoto.objects.filter(pk=world["old"]["photo"].pk).exists()
    assert not any(default_storage.exists(name) for name in photo_files)

    # Within the term: untouched.
    for incident in world["recent"]["incidents"]:
        incident.refresh_from_db()
        assert incident.reporter_name == "Jan de Melder"
    assert (
        Violation.objects.filter(reference__startswith="O-recent", offender__isnull=False).count()
        == 3
    )
    assert CaseNote.objects.filter(case=world["recent"]["case"]).exists()
    assert IncidentPhoto.objects.filter(pk=world["recent"]["photo"].pk).exists()

    # Under the legal hold: untouched.
    held = world["held"]
    assert Incident.objects.get(pk=held["incident"].pk).reporter_name == "Getuige Bep"
    assert Violation.objects.get(pk=held["violation"].pk).offender_id is not None
    assert IncidentPhoto.objects.filter(pk=held["photo"].pk).exists()
    assert Offender.objects.filter(pk=held["violation"].offender_id).exists()

    # The run is in the log of runs and in the access log.
    assert RetentionRun.objects.get() == run
    assert (
        AccessLogEntry.objects.filter(action="delete", object_type="privacy.retentionrun").count()
        == 1
    )


def test_second_run_removes_nothing_and_a_lifted_hold_lets_the_next_run_remove(
    world, functional_admin
):
    with time_machine.travel(FIVE_YEARS_ON, tick=False):
        hold = legal_hold_place(
            actor=functional_admin, case=world["held"]["case"], reason="Bezwaar"
        )
        retention_run()
        assert retention_run_daily() == dict.fromkeys(KINDS, 0)  # through the task
        assert retention_preview() == dict.fromkeys(KINDS, 0)
        legal_hold_lift(actor=functional_admin, hold_id=hold.pk, reason="Uitspraak gedaan")
        preview = retention_preview()
        assert preview["incident"] == 1 and preview["violation"] == 1 and preview["case"] == 1
        assert retention_run().counts == preview
    assert Incident.objects.get(pk=world["held"]["incident"].pk).reporter_name == ""
    assert RetentionRun.objects.count() == 3


def test_nothing_is_due_before_the_five_years(world):
    with time_machine.travel(dt.datetime(2024, 6, 1, tzinfo=AMS), tick=False):
        assert retention_preview() == dict.fromkeys(KINDS, 0)


def test_term_per_kind_of_record_is_a_setting(world, settings):
    settings.WPG_RETENTION_DAYS_BY_KIND = {
        **settings.WPG_RETENTION_DAYS_BY_KIND,
        "incident": 30 * 365,
    }
    with time_machine.travel(FIVE_YEARS_ON, tick=False):
        preview = retention_preview()
    assert preview["incident"] == 0 and preview["incident_photo"] == 0
    assert preview["violation"] == 4  # the held case is not held here


def test_case_timeline_still_refuses_rewriting_and_deleting(world):
    """Only retention's blanking (message and data to empty) passes the timeline's trigger."""
    from django.db import DatabaseError, transaction

    event = CaseEvent.objects.get(case=world["recent"]["case"])
    attempts = [
        lambda: CaseEvent.objects.filter(pk=event.pk).update(message="Iets anders"),
        lambda: CaseEvent.objects.filter(pk=event.pk).update(message="", data={}, kind="status"),
        lambda: CaseEvent.objects.filter(pk=event.pk).update(message="", data={"a": 1}),
        lambda: CaseEvent.objects.filter(pk=event.pk).delete(),
    ]
    for attempt in attempts:
        with pytest.raises(DatabaseError), transaction.atomic():
            attempt()
    event.refresh_from_db()
    assert event.message.startswith("Notitie") and event.kind == "note"


PLANTED = "Jolanda Vermeulen"
HELD_NAME = "Henk Bewaard"


def _database_rows_naming(text: str) -> dict[str, int]:
    """Per table.column: rows whose text or JSON holds ``text`` (every table of the app).

    The access log is left out: it records who looked at what, cannot be altered by
    the application (docs/privacy.md) and has no retention term of its own yet.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT table_name, column_name FROM information_schema.columns
               WHERE table_schema = current_schema()
                 AND data_type IN ('character varying', 'text', 'jsonb', 'json')
                 AND table_name <> 'accounts_accesslogentry'"""
        )
        columns = cursor.fetchall()
        found = {}
        for table, column in columns:
            cursor.execute(
                f'SELECT count(*) FROM "{table}" WHERE "{column}"::text ILIKE %s',  # noqa: S608 (names from the catalogue)  # nosec B608
                [f"%{text}%"],
            )
            if count := cursor.fetchone()[0]:
                found[f"{table}.{column}"] = count
    return found


def _files_naming(root, text: str) -> list[str]:
    return [
        str(path)
        for path in root.rglob("*")
        if path.is_file() and text.encode() in path.read_bytes()
    ]


def _plant(name: str, *, boa, incident, violation, case, log, now):
    from accounts.tests.factories import NotificationFactory
    from cases.tests.factories import AgendaItemFactory, BriefingFactory
    from enforcement.models import IncidentEvent, PatrolLogEvent

    Incident.objects.filter(pk=incident.pk).update(
        reporter_name=name, description=f"{name} belde over de buren"
    )
    IncidentEvent.objects.create(
        incident=incident, actor=boa, kind="status", message=f"Melder {name} teruggebeld",
        data={"reporter_name": name},
    )  # fmt: skip
    IncidentPhoto.objects.create(
        incident=incident, image=ContentFile(f"jpeg {name}".encode(), name="foto.jpg"),
        thumbnail=ContentFile(f"thumb {name}".encode(), name="mini.jpg"),
        content_type="image/jpeg", size=10, uploaded_by=boa,
    )  # fmt: skip
    Offender.objects.filter(pk=violation.offender_id).update(name=name, match_key=name)
    Violation.objects.filter(pk=violation.pk).update(deviation_reason=f"{name} is bekend")
    from cases.models import Case

    Case.objects.filter(pk=case.pk).update(title=f"Overlast {name}", description=name)
    CaseNoteFactory(case=case, text=f"Gesproken met {name}")
    CaseEvent.objects.create(case=case, actor=boa, kind="note", message=f"Notitie: {name}")
    item = ActionItemFactory(case=case, description=f"Bel {name}")
    CaseDocument.objects.create(
        case=case, file=ContentFile(f"%PDF {name}".encode(), name="brief.pdf"),
        filename="brief.pdf", content_type="application/pdf", size=8, uploaded_by=boa,
    )  # fmt: skip
    PatrolLog.objects.filter(pk=log.pk).update(notes=f"Sprak met {name}")
    PatrolLogEvent.objects.create(
        patrol_log=log, actor=boa, kind="note", message=f"Aanspraak: {name}", data={"n": name}
    )
    briefing = BriefingFactory(starts_at=now, minutes=f"Besproken: overlast door {name}")
    for link in ({"incident": incident}, {"case": case}, {"action_item": item}):
        AgendaItemFactory(briefing=briefing, kind="incident", text=f"Melding {name}", **link)
    NotificationFactory(user=boa, message=f"Zaak toegewezen: Overlast {name}")


def test_after_a_run_the_planted_name_is_nowhere_in_the_database_or_the_files_but_held(
    world, boa, functional_admin, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    with time_machine.travel(OLD + dt.timedelta(days=3), tick=False):
        old, held = world["old"], world["held"]
        _plant(
            PLANTED, boa=boa, incident=old["incidents"][2], violation=old["violations"][2],
            case=old["case"], log=old["log"], now=OLD,
        )  # fmt: skip
        later = OLD + dt.timedelta(days=1)
        held_log = PatrolLogFactory(
            boa=boa, started_at=later, ended_at=later + dt.timedelta(hours=2)
        )
        _plant(
            HELD_NAME, boa=boa, incident=held["incident"], violation=held["violation"],
            case=held["case"], log=held_log, now=OLD,
        )  # fmt: skip
    planted_tables = set(_database_rows_naming(PLANTED))
    assert len(planted_tables) >= 15, planted_tables  # the plant reached every kind of row
    assert _files_naming(tmp_path, PLANTED)

    with time_machine.travel(FIVE_YEARS_ON, tick=False):
        legal_hold_place(actor=functional_admin, case=held["case"], reason="Rechtszaak 2025/9")
        with django_capture_on_commit_callbacks(execute=True):
            run = retention_run()

    assert _database_rows_naming(PLANTED) == {}
    assert _files_naming(tmp_path, PLANTED) == []
    for kind in ("incident_event", "patrol_log_event", "agenda_item", "notification"):
        assert run.counts[kind] >= 1, kind
    # The legal hold keeps the held case's records, their timeline, agenda and files. The
    # shift is not part of the case: a hold keeps a case's records, not the boa's shifts.
    kept = _database_rows_naming(HELD_NAME)
    for column in (
        "enforcement_incident.reporter_name",
        "enforcement_incidentevent.message",
        "enforcement_offender.name",
        "enforcement_violation.deviation_reason",
        "cases_case.title",
        "cases_casenote.text",
        "cases_caseevent.message",
        "cases_actionitem.description",
        "cases_agendaitem.text",
    ):
        assert column in kept, column
    assert len(_files_naming(tmp_path, HELD_NAME)) == 3  # photo, thumbnail, document
    assert "enforcement_patrollog.notes" not in kept


def test_access_log_rows_past_their_own_term_go_through_the_owner_function(boa, settings):
    """The access log's term (ACCESS_LOG_RETENTION_DAYS, six years): the run removes the
    rows past it, counts them like every kind, and keeps the younger rows."""
    from accounts.services import access_log_record

    assert settings.ACCESS_LOG_RETENTION_DAYS == 6 * 365
    for at, label in ((dt.datetime(2019, 6, 1, tzinfo=AMS), "oud"), (RECENT, "recent")):
        with time_machine.travel(at, tick=False):
            access_log_record(actor=boa, action="view", obj=boa, object_repr=label)
    with time_machine.travel(FIVE_YEARS_ON, tick=False):
        assert retention_preview()["access_log"] == 1
        run = retention_run()
    assert run.counts["access_log"] == 1
    assert run.cutoffs["access_log"] == "2020-01-17"  # 6 x 365 days, two leap days
    reprs = set(AccessLogEntry.objects.values_list("object_repr", flat=True))
    assert "oud" not in reprs and "recent" in reprs
    # The run itself is in the log, with its counts.
    assert AccessLogEntry.objects.filter(detail__counts__access_log=1).exists()


def test_old_briefing_minutes_go_expert_group_members_stay(boa):
    """Minutes are free text about incidents and cases: blanked with the incident term,
    unless a held case was on the agenda. Expert-group members are the municipality's
    and partners' contact persons, no Wpg data (docs/privacy.md): kept."""
    from cases.tests.factories import BriefingFactory
    from planning.models import ExpertGroupMember
    from planning.tests.factories import ExpertGroupMemberFactory

    old = BriefingFactory(starts_at=OLD, minutes="Besproken: de buurman van nr. 12")
    recent = BriefingFactory(starts_at=RECENT, minutes="Besproken: de hangplek")
    member = ExpertGroupMemberFactory(user=None, name="J. Jansen", organisation="Politie")
    with time_machine.travel(FIVE_YEARS_ON, tick=False):
        assert retention_preview()["briefing_minutes"] == 1
        assert retention_run().counts["briefing_minutes"] == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.minutes, recent.minutes) == ("", "Besproken: de hangplek")
    assert ExpertGroupMember.objects.get(pk=member.pk).name == "J. Jansen"
