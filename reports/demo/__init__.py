"""Demo data: published council reports of the last two quarters, so the portal shows something."""

from reports.models import CouncilReport
from reports.periods import Period
from reports.services import report_build, report_publish, report_update_text


def seed(*, stdout) -> None:
    from accounts.models import User

    officer = User.objects.filter(role="policy_officer", is_active=True).first()
    if officer is None:
        stdout.write("  rapportages: geen beleidsmedewerker, overgeslagen")
        return
    last = Period.last_completed_quarter()
    made = []
    for period in (last.previous, last):
        if CouncilReport.objects.filter(period=period.code).exists():
            continue
        report = report_build(period=period, actor=officer)
        report_update_text(
            report_id=report.pk,
            actor=officer,
            introduction=(
                f"Deze rapportage geeft de cijfers van het {period.long_label}: meldingen, "
                "inzet van handhavers en overtredingen, per thema en gebied."
            ),
            change_note="",
        )
        report_publish(report_id=report.pk, actor=officer)
        made.append(period.label)
    stdout.write(f"  rapportages: gepubliceerd {', '.join(made) or 'al aanwezig'}")
