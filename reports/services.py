"""Services that change report state: request and run builds, edit, publish.

Workflow of a report version (one table, checked here):

    draft --publish--> published          (files rendered and frozen, SHA-256 stored)
    published --build--> new draft version (a correction; must say what changed)

A published version is never changed or recomputed: its figures and files stay as
they were. Builds are recorded in ``ReportBuild``; a partial unique constraint lets
only one build per period be queued or running at a time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.queue import enqueue_on_commit
from accounts.roles import Capability, roles_with
from accounts.services import notification_create, notifications_mark_handled
from reports import notices
from reports.figures import figures_compute
from reports.models import CouncilReport, ReportBuild, ReportFile
from reports.periods import Period

log = logging.getLogger(__name__)

TRANSITIONS: dict[str, set[str]] = {
    CouncilReport.Status.DRAFT: {CouncilReport.Status.PUBLISHED},
    CouncilReport.Status.PUBLISHED: set(),
}

# A build that has not finished in this time is taken to have died with its worker.
STALE_BUILD_AFTER = dt.timedelta(hours=1)


class ReportError(Exception):
    """A refused report action; the message is shown to the user (in their language)."""


# --- builds -------------------------------------------------------------------------


def _expire_stale_builds(period: Period) -> None:
    ReportBuild.objects.filter(
        period=period.code,
        status__in=ReportBuild.ACTIVE,
        created_at__lt=timezone.now() - STALE_BUILD_AFTER,
    ).update(
        status=ReportBuild.Status.FAILED,
        error="Afgebroken: de opbouw kwam niet binnen een uur klaar.",
        finished_at=timezone.now(),
    )


def _claim_build(
    *,
    period: Period,
    actor: User | None,
    status: str,
    kind: str = ReportBuild.Kind.BUILD,
    report: CouncilReport | None = None,
) -> tuple[ReportBuild, bool]:
    """A new build row for ``period``, or the one already queued/running (created=False)."""
    _expire_stale_builds(period)
    try:
        with transaction.atomic():
            build = ReportBuild.objects.create(
                period=period.code, status=status, requested_by=actor, kind=kind, report=report
            )
            return build, True
    except IntegrityError:
        return ReportBuild.objects.get(period=period.code, status__in=ReportBuild.ACTIVE), False


def report_build_request(*, period: Period, actor: User | None) -> tuple[ReportBuild, bool]:
    """Queue a build of ``period`` (a Celery task, enqueued after commit).

    Returns ``(build, created)``: when a build of the period is already queued or
    running, that one is returned and nothing new starts.
    """
    from reports.tasks import build_report_task

    if not period.is_complete():
        raise ReportError(_("Periode %(period)s is nog niet afgelopen.") % {"period": period.label})
    with transaction.atomic():
        build, created = _claim_build(period=period, actor=actor, status=ReportBuild.Status.QUEUED)
        if created:
            enqueue_on_commit(build_report_task, build.pk)
    return build, created


def _progress(build: ReportBuild, progress: int, step: str) -> None:
    # Outside any transaction of the build: the person who asked polls this row.
    ReportBuild.objects.filter(pk=build.pk).update(progress=progress, step=step)


def report_build(
    *, period: Period, actor: User | None = None, build: ReportBuild | None = None
) -> CouncilReport:
    """Compute the figures of ``period`` into its draft report (creating the draft).

    Used by the Celery task (with its ``build`` row) and by ``manage.py build_report``
    (which claims a build row itself). Refuses when a build of the period is running.
    """
    if not period.is_complete():
        raise ReportError(_("Periode %(period)s is nog niet afgelopen.") % {"period": period.label})
    claimed_here = build is None
    if build is None:
        build, created = _claim_build(period=period, actor=actor, status=ReportBuild.Status.RUNNING)
        if not created:
            raise ReportError(
                _("Er loopt al een opbouw voor %(period)s.") % {"period": period.label}
            )
    try:
        return _run_build(period=period, actor=actor, build=build)
    except Exception as exc:
        if claimed_here:
            report_build_fail(build_id=build.pk, error=str(exc) or exc.__class__.__name__)
        raise


def _run_build(*, period: Period, actor: User | None, build: ReportBuild) -> CouncilReport:
    ReportBuild.objects.filter(pk=build.pk).update(
        status=ReportBuild.Status.RUNNING,
        started_at=timezone.now(),
        attempts=build.attempts + 1,
        error="",
    )
    # The figures take the build's time: 10-70 %, one step per subject as it is counted.
    figures = figures_compute(
        period=period,
        progress=lambda fraction, step: _progress(build, 10 + round(60 * fraction), step),
    )
    _progress(build, 70, "Concept opslaan")
    with transaction.atomic():
        report = _draft_for(period=period, actor=actor)
        report.figures = figures
        report.threshold = settings.REPORT_SUPPRESSION_THRESHOLD
        report.computed_at = timezone.now()
        report.save(update_fields=["figures", "threshold", "computed_at"])
        ReportBuild.objects.filter(pk=build.pk).update(
            status=ReportBuild.Status.DONE,
            progress=100,
            step="Klaar",
            report=report,
            finished_at=timezone.now(),
        )
        url = reverse("reports:report_detail", args=[report.pk])
        # The earlier "draft ready" messages of this draft and the failure messages of
        # earlier builds of the period are superseded by this one.
        _handled(draft=report, failed=ReportBuild.Kind.BUILD)
        notices.notify_managers(
            message=lambda: notices.draft_ready(period=period.label, version=report.version),
            url=url,
            also=actor,
        )
    return report


def _handled(*, draft: CouncilReport, failed: str) -> None:
    """Notifications about ``draft``, and about failed builds of kind ``failed`` of its
    period, no longer ask for anything once it is rebuilt or published: mark them read,
    for everyone who got them."""
    urls = [reverse("reports:report_detail", args=[draft.pk])]
    failures = ReportBuild.objects.filter(
        period=draft.period, kind=failed, status=ReportBuild.Status.FAILED
    )
    if failed == ReportBuild.Kind.PUBLISH:
        failures = failures.filter(report=draft)
    urls += [
        reverse("reports:build_detail", args=[pk]) for pk in failures.values_list("pk", flat=True)
    ]
    notifications_mark_handled(urls=urls)


def _draft_for(*, period: Period, actor: User | None) -> CouncilReport:
    """The period's draft (locked), or a new draft version after the last published one."""
    draft = (
        CouncilReport.objects.select_for_update()
        .filter(period=period.code, status=CouncilReport.Status.DRAFT)
        .first()
    )
    if draft is not None:
        return draft
    latest = (
        CouncilReport.objects.filter(period=period.code)
        .order_by("-version")
        .values("version", "introduction")
        .first()
    )
    version = (latest["version"] + 1) if latest else 1
    return CouncilReport.objects.create(
        period=period.code,
        version=version,
        introduction=latest["introduction"] if latest else "",
        created_by=actor,
    )


def report_build_fail(*, build_id: int, error: str) -> None:
    """Mark a build failed (after its last retry) and tell the policy officers."""
    build = ReportBuild.objects.select_related("requested_by").filter(pk=build_id).first()
    if build is None or build.status == ReportBuild.Status.DONE:
        return
    with transaction.atomic():
        ReportBuild.objects.filter(pk=build.pk).update(
            status=ReportBuild.Status.FAILED,
            error=error[:2000],
            step="Mislukt",
            finished_at=timezone.now(),
        )
        publish = build.kind == ReportBuild.Kind.PUBLISH
        notices.notify_managers(
            message=lambda: notices.build_failed(publish=publish, period=build.period, error=error),
            url=reverse("reports:build_detail", args=[build.pk]),
            also=build.requested_by,
        )


def report_build_retrying(*, build_id: int, error: str) -> None:
    ReportBuild.objects.filter(pk=build_id, status__in=ReportBuild.ACTIVE).update(
        status=ReportBuild.Status.QUEUED,
        step="Mislukt, wordt opnieuw geprobeerd",
        error=error[:2000],
    )


def quarter_report_due(*, today: dt.date | None = None) -> ReportBuild | None:
    """On the first working day after a quarter, queue a draft of that quarter (once)."""
    from reports.periods import quarter_due_on

    quarter = quarter_due_on(today or timezone.localdate())
    if quarter is None or CouncilReport.objects.filter(period=quarter.code).exists():
        return None
    build, created = report_build_request(period=quarter, actor=None)
    return build if created else None


# --- editing and publishing ---------------------------------------------------------


@transaction.atomic
def report_update_text(
    *, report_id: int, actor: User, introduction: str, change_note: str
) -> CouncilReport:
    report = CouncilReport.objects.select_for_update().get(pk=report_id)
    if report.is_published:
        raise ReportError(_("Een gepubliceerde rapportage verandert niet; maak een correctie."))
    report.introduction = introduction.strip()
    report.change_note = change_note.strip()
    report.save(update_fields=["introduction", "change_note"])
    return report


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _check_publishable(report: CouncilReport) -> None:
    if CouncilReport.Status.PUBLISHED not in TRANSITIONS[report.status]:
        raise ReportError(
            _("Versie %(version)s van %(period)s is al gepubliceerd.")
            % {"version": report.version, "period": report.period}
        )
    if not report.figures:
        raise ReportError(_("Deze rapportage heeft nog geen cijfers; bouw hem eerst op."))
    if report.version > 1 and not report.change_note.strip():
        raise ReportError(_("Een correctie moet zeggen wat er veranderd is."))


def report_publish_request(*, report_id: int, actor: User) -> ReportBuild:
    """Queue publishing (rendering the files takes a while): a Celery task, after commit.

    Refused at once when the report cannot be published or its period is being built.
    """
    from reports.tasks import publish_report_task

    with transaction.atomic():
        report = CouncilReport.objects.select_for_update().get(pk=report_id)
        _check_publishable(report)
        build, created = _claim_build(
            period=report.period_obj,
            actor=actor,
            status=ReportBuild.Status.QUEUED,
            kind=ReportBuild.Kind.PUBLISH,
            report=report,
        )
        if not created:
            raise ReportError(
                _("Voor %(period)s loopt al een %(kind)s; wacht tot die klaar is.")
                % {"period": report.period, "kind": build.get_kind_display().lower()}
            )
        enqueue_on_commit(publish_report_task, build.pk)
    return build


def report_publish_run(*, build: ReportBuild) -> CouncilReport:
    """Run a queued publication (the Celery task); a repeated delivery changes nothing."""
    from reports import renderers

    report = CouncilReport.objects.get(pk=build.report_id)
    if not report.is_published:
        ReportBuild.objects.filter(pk=build.pk).update(
            status=ReportBuild.Status.RUNNING,
            started_at=timezone.now(),
            attempts=build.attempts + 1,
            progress=5,
            step="Bestanden maken",
        )
        # Rendered before the publishing transaction, so the person who asked sees each
        # file's step as it happens (a row updated inside the transaction would not show).
        files = renderers.render_all(report, progress=lambda pct, step: _progress(build, pct, step))
        _progress(build, 95, "Bestanden vastleggen")
        report = report_publish(
            report_id=report.pk, actor=build.requested_by, files=files, rendered=report
        )
    ReportBuild.objects.filter(pk=build.pk).update(
        status=ReportBuild.Status.DONE,
        progress=100,
        step="Gepubliceerd",
        finished_at=timezone.now(),
    )
    return report


@transaction.atomic
def report_publish(
    *,
    report_id: int,
    actor: User | None,
    files: dict[str, bytes] | None = None,
    rendered: CouncilReport | None = None,
) -> CouncilReport:
    """Freeze a draft: render PDF, XLSX, CSV and JSON from its figures and store them with
    SHA-256. ``files``: already rendered from ``rendered`` (the draft as it was then); they
    are used only if the draft has not changed since."""
    from reports import renderers

    report = CouncilReport.objects.select_for_update().get(pk=report_id)
    _check_publishable(report)
    same = rendered is not None and all(
        getattr(rendered, f) == getattr(report, f)
        for f in ("introduction", "change_note", "figures", "threshold", "version")
    )
    report.status = CouncilReport.Status.PUBLISHED
    report.published_at = timezone.now()
    report.published_by = actor
    report.save(update_fields=["status", "published_at", "published_by"])
    for fmt, content in (files if files and same else renderers.render_all(report)).items():
        ReportFile.objects.create(
            report=report,
            format=fmt,
            file=ContentFile(content, name=f"raadsrapportage-{report.period}.{fmt}"),
            sha256=_sha256(content),
            size=len(content),
        )
    _handled(draft=report, failed=ReportBuild.Kind.PUBLISH)
    url = reverse("reports:portal_detail", args=[report.pk])
    council_roles = roles_with(Capability.REPORT_READ_PUBLISHED, without=Capability.REPORT_MANAGE)
    for user in User.objects.filter(role__in=council_roles, is_active=True):
        notification_create(
            user=user,
            message=lambda: notices.published(
                period=report.period_obj.label, version=report.version
            ),
            url=url,
        )
    return report


def latest_version_numbers() -> dict[str, int]:
    """period -> highest published version."""
    rows = (
        CouncilReport.objects.filter(status=CouncilReport.Status.PUBLISHED)
        .values("period")
        .annotate(v=Max("version"))
    )
    return {r["period"]: r["v"] for r in rows}
