"""One benchmark command for the whole project: ``python manage.py bench <group>``.

Each app provides ``<app>/bench.py`` with ``GROUPS = {"name": callable}``; a
callable takes ``stdout`` and prints one line per figure as ``name: value unit``.
Benchmarks read the data that ``generate_data`` loaded; they are not tests.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError


def _groups() -> dict:
    groups = {}
    for config in apps.get_app_configs():
        module_name = f"{config.name}.bench"
        if find_spec(module_name) is not None:
            groups.update(import_module(module_name).GROUPS)
    return groups


class Command(BaseCommand):
    help = "Meet snelheid op de gegenereerde gegevens: bench <groep>."

    def add_arguments(self, parser):
        parser.add_argument(
            "group", nargs="?", help="registration, cases, planning, reports, or all"
        )

    def handle(self, *args, group=None, **options):
        groups = _groups()
        if not group:
            self.stdout.write("groepen: " + ", ".join(sorted(groups)))
            return
        names = sorted(groups) if group == "all" else [group]
        for name in names:
            if name not in groups:
                raise CommandError(
                    f"onbekende groep {name!r}; kies uit: {', '.join(sorted(groups))}"
                )
            groups[name](stdout=self.stdout)
