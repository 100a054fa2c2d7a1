"""Retention (Wpg art. 9 and 14): personal data goes once its record is past its term.

Each kind of record has a term (settings.WPG_RETENTION_DAYS_BY_KIND, default five
years after the record's date: an incident's time, a violation's date, a case's
closing, a shift's start). What a council figure counts stays, anonymised: the
rows the rollups count (reports/rollup_sql.py) are kept with their dimensions
(month, theme, area, offence, intervention, kind, minutes) and only their
personal fields are blanked; what no figure counts (photos, documents, notes,
offenders no violation points at any more) is deleted, files included.

A case under a legal hold keeps its own records, its incidents and violations,
and their photos and documents, until the hold is lifted.

Every step selects only what still holds personal data, so a second run removes
nothing and the preview's counts are exactly what a run removes.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import AccessLogEntry, Notification, User
from accounts.services import access_log_record
from cases.models import ActionItem, AgendaItem, Briefing, Case, CaseDocument, CaseEvent, CaseNote
from enforcement.models import (
    Incident,
    IncidentEvent,
    IncidentPhoto,
    Offender,
    PatrolLog,
    PatrolLogEvent,
    Violation,
)
from privacy.models import LegalHold, RetentionRun

log = logging.getLogger(__name__)

# The record kinds whose term is set (settings.WPG_RETENTION_DAYS_BY_KIND).
TERM_KINDS = ("incident", "violation", "case", "patrol_log")


def cutoffs(*, now: dt.datetime | None = None) -> dict[str, dt.datetime]:
    """Per kind of record: records dated before this moment are past their term."""
    now = now or timezone.now()
    days = settings.WPG_RETENTION_DAYS_BY_KIND
    cut = {kind: now - dt.timedelta(days=days[kind]) for kind in TERM_KINDS}
    cut["access_log"] = now - dt.timedelta(days=settings.ACCESS_LOG_RETENTION_DAYS)
    return cut


@dataclass(frozen=True)
class Held:
    case_ids: list[int]
    incident_ids: list[int]
    violation_ids: list[int]


def held() -> Held:
    """What legal holds keep: the held cases, their incidents and violations (and theirs)."""
    case_ids = list(
        LegalHold.objects.filter(lifted_at__isnull=True).values_list("case_id", flat=True)
    )
    incident_ids = set(
        Case.incidents.through.objects.filter(case_id__in=case_ids).values_list(
            "incident_id", flat=True
        )
    )
    violation_ids = set(
        Case.violations.through.objects.filter(case_id__in=case_ids).values_list(
            "violation_id", flat=True
        )
    )
    violation_ids |= set(
        Violation.objects.filter(incident_id__in=incident_ids).values_list("id", flat=True)
    )
    incident_ids |= set(
        Violation.objects.filter(id__in=violation_ids).values_list("incident_id", flat=True)
    )
    return Held(sorted(case_ids), sorted(incident_ids), sorted(violation_ids))


# What "still holds personal data" means per kind: the rows a run blanks. The partial
# indexes of privacy migration 0002 carry these same conditions, so that a preview walks
# only the rows not yet cleaned (test_retention_plans ties the two together).
INCIDENT_HOLDS_DATA = (
    ~Q(reporter_name="")
    | ~Q(reporter_contact="")
    | ~Q(address="")
    | ~Q(description="")
    | Q(latitude__isnull=False)
    | Q(longitude__isnull=False)
)
VIOLATION_HOLDS_DATA = Q(offender__isnull=False) | ~Q(address="") | ~Q(deviation_reason="")
CASE_HOLDS_DATA = ~Q(description="", title=F("reference"))
CASE_ACTION_HOLDS_DATA = ~Q(description="")
CASE_EVENT_HOLDS_DATA = ~Q(message="", data={})
PATROL_LOG_HOLDS_DATA = ~Q(notes="")


def _due_incidents(cut: dict, keep: Held) -> QuerySet:
    return Incident.objects.filter(occurred_at__lt=cut["incident"]).exclude(
        id__in=keep.incident_ids
    )


def _due_violations(cut: dict, keep: Held) -> QuerySet:
    return Violation.objects.filter(committed_on__lt=timezone.localdate(cut["violation"])).exclude(
        id__in=keep.violation_ids
    )


def _due_offenders(cut: dict, keep: Held) -> QuerySet:
    """Offenders none of whose violations is still kept (not due, or under a legal hold).

    An anti-join per offender (NOT EXISTS on the offender's violations), not a NOT IN
    over every kept violation: 3.5 s -> well under a second on the large data set.
    """
    kept = Violation.objects.filter(offender_id=OuterRef("pk")).filter(
        Q(committed_on__gte=timezone.localdate(cut["violation"])) | Q(id__in=keep.violation_ids)
    )
    return Offender.objects.filter(created_at__lt=timezone.now() - dt.timedelta(days=1)).exclude(
        Exists(kept)
    )


def _due_cases(cut: dict, keep: Held) -> QuerySet:
    return Case.objects.filter(closed_at__lt=cut["case"]).exclude(id__in=keep.case_ids)


@dataclass(frozen=True)
class Step:
    kind: str
    label: str
    # The rows that still hold personal data and are due.
    due: Callable[[dict, Held], QuerySet]
    # Remove their personal data; returns how many rows.
    apply: Callable[[QuerySet], int] | None = None
    # Instead of ``apply``: remove what is due by the cut-offs (the access log's function).
    purge: Callable[[dict], int] | None = None


def _blank(**values) -> Callable[[QuerySet], int]:
    return lambda qs: qs.update(**values)


def _delete(qs: QuerySet) -> int:
    ids = list(qs.values_list("id", flat=True))
    qs.model.objects.filter(id__in=ids).delete()
    return len(ids)


def _delete_with_files(*fields: str) -> Callable[[QuerySet], int]:
    def apply(qs: QuerySet) -> int:
        rows = list(qs.only("id", *fields))
        files = [
            (getattr(row, field).storage, getattr(row, field).name)
            for row in rows
            for field in fields
            if getattr(row, field)
        ]
        qs.model.objects.filter(id__in=[row.id for row in rows]).delete()
        # The files go once the rows are gone for good (a rollback keeps both).
        transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])
        return len(rows)

    return apply


def _purge_access_log(before: dt.datetime) -> int:
    """The runtime role cannot delete log rows; the owner's SECURITY DEFINER function
    deletes those older than ``before`` and refuses a ``before`` within five years
    (accounts migration 0007)."""
    with transaction.get_connection().cursor() as cursor:
        cursor.execute("SELECT accounts_accesslog_purge(%s)", [before])
        return cursor.fetchone()[0]


STEPS: tuple[Step, ...] = (
    Step(
        "incident",
        _("Meldingen: melder, adres, locatie en omschrijving"),
        lambda c, k: _due_incidents(c, k).filter(INCIDENT_HOLDS_DATA),
        _blank(
            reporter_name="",
            reporter_contact="",
            address="",
            description="",
            latitude=None,
            longitude=None,
        ),
    ),
    Step(
        "incident_photo",
        _("Foto's bij meldingen"),
        lambda c, k: IncidentPhoto.objects.filter(incident__in=_due_incidents(c, k)),
        _delete_with_files("image", "thumbnail"),
    ),
    Step(
        "incident_event",
        _("Tijdlijn van meldingen: berichten en gewijzigde waarden"),
        # The messages repeat what was typed (an address, a status reason naming people).
        lambda c, k: IncidentEvent.objects.filter(incident__in=_due_incidents(c, k)).exclude(
            message="", data={}
        ),
        _blank(message="", data={}),
    ),
    Step(
        "violation",
        _("Overtredingen: overtreder, adres en reden afwijking (ook in brieven)"),
        lambda c, k: _due_violations(c, k).filter(VIOLATION_HOLDS_DATA),
        _blank(offender=None, address="", deviation_reason=""),
    ),
    Step(
        "offender",
        _("Overtreders zonder overtreding binnen de bewaartermijn"),
        # Not one being registered right now (its violation follows in the same form).
        # Those whose every violation is due (so the preview counts them before the run
        # unlinks them), never one being registered right now.
        lambda c, k: _due_offenders(c, k),
        _delete,
    ),
    Step(
        "case",
        _("Zaken: titel en omschrijving"),
        lambda c, k: _due_cases(c, k).filter(CASE_HOLDS_DATA),
        # The title may name people; the reference says which case it was.
        _blank(title=F("reference"), description=""),
    ),
    Step(
        "case_note",
        _("Notities bij zaken"),
        lambda c, k: CaseNote.objects.filter(case__in=_due_cases(c, k)),
        _delete,
    ),
    Step(
        "case_document",
        _("Documenten bij zaken"),
        lambda c, k: CaseDocument.objects.filter(case__in=_due_cases(c, k)),
        _delete_with_files("file"),
    ),
    Step(
        "case_action",
        _("Acties bij zaken: omschrijving"),
        lambda c, k: ActionItem.objects.filter(case__in=_due_cases(c, k)).filter(
            CASE_ACTION_HOLDS_DATA
        ),
        _blank(description=""),
    ),
    Step(
        "case_event",
        _("Tijdlijn van zaken: berichten en gewijzigde waarden"),
        lambda c, k: CaseEvent.objects.filter(case__in=_due_cases(c, k)).filter(
            CASE_EVENT_HOLDS_DATA
        ),
        _blank(message="", data={}),
    ),
    Step(
        "patrol_log",
        _("Diensten: opmerkingen"),
        lambda c, k: PatrolLog.objects.filter(started_at__lt=c["patrol_log"]).filter(
            PATROL_LOG_HOLDS_DATA
        ),
        _blank(notes=""),
    ),
    Step(
        "patrol_log_event",
        _("Tijdlijn van diensten: berichten en gewijzigde waarden"),
        lambda c, k: PatrolLogEvent.objects.filter(
            patrol_log__started_at__lt=c["patrol_log"]
        ).exclude(message="", data={}),
        _blank(message="", data={}),
    ),
    Step(
        "agenda_item",
        _("Agendapunten van briefings over deze meldingen en zaken"),
        # A generated agenda item quotes its incident or case (address, title).
        lambda c, k: AgendaItem.objects.filter(
            Q(incident__in=_due_incidents(c, k))
            | Q(case__in=_due_cases(c, k))
            | Q(action_item__case__in=_due_cases(c, k))
        ).exclude(text=""),
        _blank(text=""),
    ),
    Step(
        "briefing_minutes",
        _("Verslagen van briefings"),
        # The minutes are free text about the incidents and cases discussed (names,
        # addresses): they go with the incident term, unless a held case was on the agenda.
        lambda c, k: (
            Briefing.objects.filter(starts_at__lt=c["incident"])
            .exclude(minutes="")
            .exclude(
                Exists(
                    AgendaItem.objects.filter(briefing_id=OuterRef("pk")).filter(
                        Q(case_id__in=k.case_ids) | Q(incident_id__in=k.incident_ids)
                    )
                )
            )
        ),
        _blank(minutes=""),
    ),
    Step(
        "notification",
        _("Notificaties ouder dan de langste bewaartermijn"),
        # A notification quotes the record it is about (a case title, an address) and
        # carries no link to it but its URL: it goes once even the longest term is over.
        lambda c, k: Notification.objects.filter(
            created_at__lt=min(c[kind] for kind in TERM_KINDS)
        ),
        _delete,
    ),
    Step(
        "access_log",
        _("Toegangslog ouder dan zijn eigen bewaartermijn"),
        lambda c, k: AccessLogEntry.objects.filter(at__lt=c["access_log"]),
        purge=lambda c: _purge_access_log(c["access_log"]),
    ),
)

KINDS = {step.kind: step.label for step in STEPS}


def retention_preview(*, now: dt.datetime | None = None) -> dict[str, int]:
    """What the next run would remove: per kind, the number of records."""
    cut, keep = cutoffs(now=now), held()
    return {step.kind: step.due(cut, keep).count() for step in STEPS}


@transaction.atomic
def retention_run(*, actor: User | None = None) -> RetentionRun:
    """Remove the personal data that passed its term (the daily job; safe to run twice)."""
    with transaction.get_connection().cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext('privacy.retention_run'))")
    now = timezone.now()
    cut, keep = cutoffs(now=now), held()
    counts = {}
    for step in STEPS:
        started = time.perf_counter()
        counts[step.kind] = step.purge(cut) if step.purge else step.apply(step.due(cut, keep))
        # One line per step, so a slow run shows which step it spends its time in.
        log.info(
            "retention %s: %s rows in %.1f s",
            step.kind,
            counts[step.kind],
            time.perf_counter() - started,
        )
    run = RetentionRun.objects.create(
        started_at=now,
        finished_at=timezone.now(),
        counts=counts,
        cutoffs={kind: timezone.localdate(value).isoformat() for kind, value in cut.items()},
        held_cases=len(keep.case_ids),
        actor=actor,
    )
    access_log_record(
        actor=actor,
        action=AccessLogEntry.Action.DELETE,
        obj=run,
        object_repr=f"Opschoonronde {timezone.localtime(now):%d-%m-%Y}",
        detail={"counts": counts},
    )
    return run
