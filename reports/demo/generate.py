"""Volume data for reports: the rollups of registration, and two published quarters.

Registration's generator loads with triggers off (replica mode), so the monthly
rollups the figures read (reports/rollup_sql.py) are recomputed once here, after
all loading (generate_data runs the apps in INSTALLED_APPS order, reports last).
Then the last two complete quarters are built and published from the generated
records, so the portal's comparison and trend views show real figures (a quarter
the demo seed already published gets a correction with these figures).
"""

from __future__ import annotations

import time

from django.db import connection, transaction

CORRECTION = "Opnieuw berekend nadat de gegenereerde registraties zijn geladen."


def _publish_quarters(stdout) -> None:
    from accounts.models import User
    from reports.models import CouncilReport
    from reports.periods import Period
    from reports.services import report_build, report_publish, report_update_text

    officer = User.objects.filter(role="policy_officer", is_active=True).first()
    last = Period.last_completed_quarter()
    for period in (last.previous, last):
        t0 = time.monotonic()
        report = report_build(period=period, actor=officer)
        if report.version > 1 or not report.introduction:
            report_update_text(
                report_id=report.pk,
                actor=officer,
                introduction=report.introduction
                or (
                    f"Deze rapportage geeft de cijfers van het {period.long_label}: meldingen, "
                    "inzet van handhavers en overtredingen, per thema en gebied."
                ),
                change_note=CORRECTION if report.version > 1 else "",
            )
        report_publish(report_id=report.pk, actor=officer)
        published = CouncilReport.objects.get(pk=report.pk)
        stdout.write(
            f"  rapportages: {period.label} versie {published.version} gepubliceerd "
            f"in {time.monotonic() - t0:.1f} s"
        )


def generate(*, scale: str, seed: int, stdout) -> None:
    t0 = time.monotonic()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT reports_rollup_rebuild()")
    stdout.write(f"  rapportages: maandtotalen herberekend in {time.monotonic() - t0:.1f} s")
    _publish_quarters(stdout)
