"""The figures of the yearly Wpg privacy audit, read from the access log and the accounts."""

from __future__ import annotations

import bisect
import datetime as dt
import statistics
from collections import Counter, defaultdict

from django.conf import settings
from django.db import connection
from django.db.models import Count, Q
from django.db.models.functions import ExtractHour
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AccessLogEntry, User
from accounts.roles import Capability, roles_with, roles_with_personal_data
from accounts.two_factor import two_factor_status_by_user
from cases.models import Case
from enforcement.models import Incident, PatrolLog, Violation
from privacy.audit.shifts import _coverage, _within_a_shift
from privacy.models import RetentionRun
from privacy.retention import KINDS

# Kinds of personal data, by the access log's object_type.
DATA_KINDS = {
    "enforcement.incident": _("Meldingen"),
    "enforcement.incidentphoto": _("Foto's"),
    "enforcement.violation": _("Overtredingen"),
    "enforcement.offender": _("Overtreders"),
    "enforcement.patrollog": _("Diensten"),
    "cases.case": _("Zaken"),
    "cases.casedocument": _("Documenten"),
    "accounts.user": _("Gebruikers"),
    "accounts.accesslogentry": _("Toegangslog"),
}


# Records with a team: access by a team-bound role to another team's record is flagged.
TEAM_RECORDS = {
    "enforcement.incident": Incident,
    "enforcement.violation": Violation,
    "cases.case": Case,
}


# Thresholds of the anomaly rules (documented in the report itself).
VOLUME_FACTOR = 3  # more than three times the median of the role


VOLUME_MINIMUM = 20  # and at least this many, so small numbers are not flagged


NIGHT_END_HOUR = 6  # 00:00-06:00, outside a shift of the person


BULK_EXPORT_ROWS = 500


FOLLOW_UP_DAYS = 14


UNFOLLOWED_MINIMUM = 3


def _kind_label(object_type: str) -> str:
    return str(DATA_KINDS.get(object_type, object_type))


def _year_range(year: int) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    return dt.datetime(year, 1, 1, tzinfo=tz), dt.datetime(year + 1, 1, 1, tzinfo=tz)


def _user_label(user: User | None, username: str) -> str:
    return (user.get_full_name() or user.username) if user else username


def _two_factor(users: list[User]) -> dict[int, str]:
    status = two_factor_status_by_user(users)
    return {u.pk: _("ja") if status[u.pk] else _("nee") for u in users}


def _outside_team(*, start: dt.datetime, end: dt.datetime, roles: list[str]) -> Counter:
    """Per user of a team-bound role: how many of their log rows of the year are about a
    record of another team. One join per kind of record in the database (the log's
    object id is text: only all-digit ids are compared), not the rows into Python."""
    outside: Counter = Counter()
    log_table, user_table = AccessLogEntry._meta.db_table, User._meta.db_table
    for object_type, model in TEAM_RECORDS.items():
        sql = f"""
            SELECT l.user_id, count(*)
            FROM {log_table} l
            JOIN {user_table} u ON u.id = l.user_id
            JOIN {model._meta.db_table} r
              ON r.id = CASE WHEN l.object_id ~ '^[0-9]{{1,18}}$' THEN l.object_id::bigint END
            WHERE l.at >= %s AND l.at < %s AND l.object_type = %s
              AND u.role = ANY(%s) AND u.team_id IS NOT NULL AND r.team_id <> u.team_id
            GROUP BY l.user_id
        """  # noqa: S608  # nosec B608: table names from the models, values as %s parameters
        with connection.cursor() as cursor:
            cursor.execute(sql, [start, end, object_type, roles])
            for user_id, n in cursor.fetchall():
                outside[user_id] += n
    return outside


def audit_figures(*, year: int) -> dict:
    """Everything the audit of ``year`` says, as plain data."""
    start, end = _year_range(year)
    log = AccessLogEntry.objects.filter(at__gte=start, at__lt=end)
    users = {u.pk: u for u in User.objects.select_related("team")}

    # 1. Who accessed which kinds of personal data how often.
    per_user: dict[int | None, Counter] = defaultdict(Counter)
    names: dict[int | None, str] = {}
    # People only: the system's own rows (retention runs) are reported in section 4.
    people = log.filter(user__isnull=False)
    for row in people.values("user_id", "username", "object_type", "action").annotate(
        n=Count("id")
    ):
        key = row["user_id"]
        per_user[key][(row["object_type"], row["action"])] += row["n"]
        names.setdefault(key, _user_label(users.get(key), row["username"]))
    access = []
    for key, counts in per_user.items():
        user = users.get(key)
        kinds = Counter()
        for (object_type, _action), n in counts.items():
            kinds[_kind_label(object_type)] += n
        access.append(
            {
                "user": names[key],
                "role": str(user.get_role_display()) if user else "",
                "team": str(user.team) if user and user.team else "",
                "total": sum(counts.values()),
                "exports": sum(n for (_o, a), n in counts.items() if a == "export"),
                "searches": sum(n for (_o, a), n in counts.items() if a == "search"),
                "kinds": dict(sorted(kinds.items())),
            }
        )
    access.sort(key=lambda r: (-r["total"], r["user"]))

    anomalies = []

    # 2a. Volume far above the median of the person's role (all access, and exports).
    by_role: dict[str, list[dict]] = defaultdict(list)
    for row in access:
        by_role[row["role"]].append(row)
    for role, rows in by_role.items():
        for measure, label in (("total", _("inzagen")), ("exports", _("exports"))):
            median = statistics.median(r[measure] for r in rows) if len(rows) > 1 else None
            for r in rows:
                if (
                    median is not None
                    and r[measure] >= VOLUME_MINIMUM
                    and r[measure] > VOLUME_FACTOR * max(median, 1)
                ):
                    anomalies.append(
                        {
                            "kind": _("Veel meer dan de rol"),
                            "user": r["user"],
                            "what": _("%(n)s %(label)s; mediaan %(role)s: %(median)s")
                            % {"n": r[measure], "label": label, "role": role, "median": median},
                            "count": r[measure],
                        }
                    )

    # 2b. Night-time access outside the person's own shift.
    night = list(
        log.filter(user__isnull=False)
        .annotate(hour=ExtractHour("at", tzinfo=timezone.get_current_timezone()))
        .filter(hour__lt=NIGHT_END_HOUR)
        .values_list("user_id", "at", "action", named=True)
    )
    if night:
        shifts = defaultdict(list)
        for s in PatrolLog.objects.filter(
            boa_id__in={e.user_id for e in night},
            started_at__lt=end,
            started_at__gte=start - dt.timedelta(days=1),
        ).values("boa_id", "started_at", "ended_at"):
            shifts[s["boa_id"]].append(
                (s["started_at"], s["ended_at"] or s["started_at"] + dt.timedelta(hours=12))
            )
        covered = {user_id: _coverage(spans) for user_id, spans in shifts.items()}
        outside = Counter()
        old_searches = Counter()
        for e in night:
            if _within_a_shift(covered.get(e.user_id), e.at):
                continue
            outside[e.user_id] += 1
            if e.action == "search":
                old_searches[e.user_id] += 1
        for user_id, n in sorted(outside.items()):
            anomalies.append(
                {
                    "kind": _("Buiten werktijd"),
                    "user": names.get(user_id) or _user_label(users.get(user_id), ""),
                    "what": _(
                        "%(n)s keer tussen 0:00 en 6:00 buiten een eigen dienst, waarvan %(s)s zoekvragen"
                    )
                    % {"n": n, "s": old_searches[user_id]},
                    "count": n,
                }
            )

    # 2c. Records of another team, for roles that see only their own team.
    team_bound = roles_with(Capability.INCIDENT_VIEW_TEAM, without=Capability.INCIDENT_VIEW_ALL)
    outside_team = _outside_team(start=start, end=end, roles=sorted(team_bound))
    for user_id, n in sorted(outside_team.items()):
        anomalies.append(
            {
                "kind": _("Buiten het eigen team"),
                "user": names.get(user_id, ""),
                "what": _("%(n)s gegevens van een ander team ingezien") % {"n": n},
                "count": n,
            }
        )

    # 2d. Bulk exports.
    # Only the exports that name a large row count (in the query, not row by row).
    bulk = log.filter(action=AccessLogEntry.Action.EXPORT, detail__rows__gte=BULK_EXPORT_ROWS).only(
        "at", "user_id", "username", "object_type", "detail"
    )
    for e in bulk.order_by("at"):
        rows = e.detail.get("rows") if isinstance(e.detail, dict) else None
        if isinstance(rows, int) and rows >= BULK_EXPORT_ROWS:
            anomalies.append(
                {
                    "kind": _("Grote export"),
                    "user": names.get(e.user_id, e.username),
                    "what": _("%(rows)s regels %(kind)s op %(at)s")
                    % {
                        "rows": rows,
                        "kind": _kind_label(e.object_type),
                        "at": timezone.localtime(e.at).strftime("%d-%m-%Y %H:%M"),
                    },
                    "count": rows,
                }
            )

    # 2e. Searches not followed by any case or violation of the same person.
    searches = list(
        log.filter(action=AccessLogEntry.Action.SEARCH, user__isnull=False).values_list(
            "user_id", "at"
        )
    )
    if searches:
        searchers = {u for u, _at in searches}
        made = defaultdict(list)
        for user_id, at in Violation.objects.filter(
            recorded_by_id__in=searchers,
            created_at__gte=start,
            created_at__lt=end + dt.timedelta(days=FOLLOW_UP_DAYS),
        ).values_list("recorded_by_id", "created_at"):
            made[user_id].append(at)
        for user_id, at in Case.objects.filter(
            opened_by_id__in=searchers,
            opened_at__gte=start,
            opened_at__lt=end + dt.timedelta(days=FOLLOW_UP_DAYS),
        ).values_list("opened_by_id", "opened_at"):
            made[user_id].append(at)
        for moments in made.values():
            moments.sort()
        total, unfollowed = Counter(), Counter()
        window = dt.timedelta(days=FOLLOW_UP_DAYS)
        for user_id, at in searches:
            total[user_id] += 1
            # The first case or violation at or after the search, found by bisection.
            moments = made[user_id]
            i = bisect.bisect_left(moments, at)
            if i == len(moments) or moments[i] > at + window:
                unfollowed[user_id] += 1
        for user_id, n in sorted(unfollowed.items()):
            if n >= UNFOLLOWED_MINIMUM and n * 2 >= total[user_id]:
                anomalies.append(
                    {
                        "kind": _("Zoekvraag zonder vervolg"),
                        "user": names.get(user_id, ""),
                        "what": _(
                            "%(n)s van %(t)s zoekvragen zonder zaak of overtreding binnen %(d)s dagen"
                        )
                        % {"n": n, "t": total[user_id], "d": FOLLOW_UP_DAYS},
                        "count": n,
                    }
                )

    # 3. Targeted searches of old data, with their purposes (wpg's purpose in the details).
    targeted = []
    marked = log.filter(action=AccessLogEntry.Action.SEARCH).filter(
        detail__has_any_keys=["purpose", "old", "targeted"]
    )
    for e in marked.only("at", "user_id", "username", "object_type", "detail").order_by("at"):
        detail = e.detail if isinstance(e.detail, dict) else {}
        purpose = detail.get("purpose") or ""
        if purpose or detail.get("old") or detail.get("targeted"):
            targeted.append(
                {
                    "at": timezone.localtime(e.at).strftime("%d-%m-%Y %H:%M"),
                    "user": names.get(e.user_id, e.username),
                    "kind": _kind_label(e.object_type),
                    "purpose": purpose or _("(geen doel vastgelegd)"),
                }
            )

    # 4. Retention runs of the year.
    runs = [
        {
            "at": timezone.localtime(r.started_at).strftime("%d-%m-%Y %H:%M"),
            "total": r.total,
            "counts": {str(KINDS[k]): r.counts.get(k, 0) for k in KINDS},
        }
        for r in RetentionRun.objects.filter(started_at__gte=start, started_at__lt=end).order_by(
            "started_at"
        )
    ]
    removed = Counter()
    for r in runs:
        removed.update(r["counts"])

    # 5. People with access to personal data and their 2FA (an API token is no person).
    personal_roles = roles_with_personal_data()
    holders = list(
        User.objects.filter(Q(role__in=personal_roles) | Q(is_superuser=True), is_active=True)
        .exclude(is_system_account=True)
        .select_related("team")
        .order_by("last_name", "first_name", "username")
    )
    tfa = _two_factor(holders)
    access_holders = [
        {
            "user": u.get_full_name() or u.username,
            "username": u.username,
            "role": str(u.get_role_display()),
            "team": str(u.team) if u.team else "",
            "two_factor": str(tfa[u.pk]),
        }
        for u in holders
    ]

    # 6. Shortcomings found.
    shortcomings = []
    without = [h for h in access_holders if h["two_factor"] == str(_("nee"))]
    if without:
        shortcomings.append(
            _("%(n)s gebruikers met toegang tot persoonsgegevens zonder tweestapsverificatie.")
            % {"n": len(without)}
        )
    if not runs:
        shortcomings.append(_("In dit jaar is geen opschoonronde uitgevoerd."))
    if anomalies:
        shortcomings.append(
            _("%(n)s afwijkende toegangen gesignaleerd; beoordeel ze hieronder.")
            % {"n": len(anomalies)}
        )
    no_purpose = [t for t in targeted if t["purpose"] == str(_("(geen doel vastgelegd)"))]
    if no_purpose:
        shortcomings.append(
            _("%(n)s gerichte zoekvragen naar oude gegevens zonder vastgelegd doel.")
            % {"n": len(no_purpose)}
        )

    return {
        "year": year,
        "municipality": settings.MUNICIPALITY_NAME,
        "log_entries": log.count(),
        "access": access,
        "targeted": targeted,
        "anomalies": anomalies,
        "runs": runs,
        "removed": dict(removed),
        "access_holders": access_holders,
        "shortcomings": [str(s) for s in shortcomings],
        "rules": {
            "volume_factor": VOLUME_FACTOR,
            "volume_minimum": VOLUME_MINIMUM,
            "bulk_export_rows": BULK_EXPORT_ROWS,
            "follow_up_days": FOLLOW_UP_DAYS,
        },
    }
