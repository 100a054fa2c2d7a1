"""Fill the database with a realistic municipality over ten years.

    python manage.py generate_data --scale small|medium|large --seed N

Each app with volume data provides ``<app>/demo/generate.py`` with
``generate(*, scale: str, seed: int, stdout) -> None``; they run in
INSTALLED_APPS order (registration before cases, planning and reports), so a
later app can build on the records of an earlier one. Generators write with
bulk inserts or COPY, never one save per row.

At the end the whole database is analysed once: a generator that runs after
another one's ANALYZE (or that forgets its own) would otherwise leave its tables
without planner statistics, and with autovacuum off or not yet awake the planner
then guesses a handful of rows (seen: a report query 30x slower than with stats).
"""

import time

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection

from accounts.dbroles import as_owner
from accounts.demo.modules import app_dev_module

SCALES = ("small", "medium", "large")


class Command(BaseCommand):
    help = "Vult de database met een realistische gemeente over tien jaar."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=SCALES, default="small")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, scale, seed, **options):
        # Bulk loading drops and re-creates indexes: the owner's work (accounts.dbroles).
        with as_owner():
            self._generate(scale=scale, seed=seed)

    def _generate(self, *, scale, seed):
        started = time.monotonic()
        for config in apps.get_app_configs():
            module = app_dev_module(config.name, "generate")
            if module is None:
                continue
            t0 = time.monotonic()
            module.generate(scale=scale, seed=seed, stdout=self.stdout)
            self.stdout.write(f"{config.label}: {time.monotonic() - t0:.1f} s")
        t0 = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(f"ANALYZE: {time.monotonic() - t0:.1f} s")
        self.stdout.write(
            self.style.SUCCESS(f"generate_data {scale}: {time.monotonic() - started:.1f} s")
        )
