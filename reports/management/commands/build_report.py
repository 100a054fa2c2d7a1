"""Build (the draft of) a council report on demand, through the same service as Celery.

python manage.py build_report --period 2026Q3
python manage.py build_report --period 2025
"""

from django.core.management.base import BaseCommand, CommandError

from reports.periods import Period, PeriodError
from reports.services import ReportError, report_build


class Command(BaseCommand):
    help = "Bouwt de (concept-)raadsrapportage van een kwartaal of jaar op."

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, help="kwartaal (2026Q3) of jaar (2026)")

    def handle(self, *args, period, **options):
        try:
            parsed = Period.parse(period, allow_open=False)
            report = report_build(period=parsed, actor=None)
        except (PeriodError, ReportError) as exc:
            raise CommandError(str(exc)) from exc
        state = "leeg (geen registraties)" if report.figures["meta"]["empty"] else "met cijfers"
        self.stdout.write(
            self.style.SUCCESS(
                f"Concept-raadsrapportage {parsed.label} versie {report.version} opgebouwd, {state}."
            )
        )
