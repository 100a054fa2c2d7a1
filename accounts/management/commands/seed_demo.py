"""Load the demo municipality. Idempotent: creates what is missing, changes nothing else.

Each app that has demo data provides ``<app>/demo/__init__.py`` with ``seed(stdout)``;
this command calls them in INSTALLED_APPS order, so accounts knows no domain.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = "Laadt de demogemeente (alleen met DEBUG aan)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Ook zonder DEBUG (alleen voor tests)."
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Alleen in een lege database (zonder gebruikers); `make run` gebruikt dit, "
            "zodat verwijderde demogegevens niet bij elke start terugkomen.",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo weigert te draaien met DEBUG uit: demogebruikers met wachtwoord "
                "'demo' horen niet in productie."
            )
        if options["if_empty"] and get_user_model().objects.exists():
            self.stdout.write("Database heeft al gebruikers: demodata overgeslagen.")
            return
        with transaction.atomic():
            for config in apps.get_app_configs():
                module_name = f"{config.name}.demo"
                if find_spec(module_name) is None:
                    continue
                seed = getattr(import_module(module_name), "seed", None)
                if seed is not None:  # a demo package may hold only a generator or benches
                    seed(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demodata geladen."))
