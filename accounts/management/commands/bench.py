"""One benchmark command for the whole project: ``python manage.py bench <group>``.

Each app provides ``<app>/bench.py`` with ``GROUPS = {"name": callable}``; a
callable takes ``stdout`` and prints one line per figure as ``name: value unit``.
Benchmarks read the data that ``generate_data`` loaded; they are not tests.

Run it with production-like settings (``DEBUG=0``). The benchmarks talk to the
application through Django's test Client under host names of their own choosing
and over plain HTTP, so the command adds those names to ALLOWED_HOSTS and turns
off the HTTPS redirect for its own run: in production TLS ends at the proxy,
which forwards requests that are not redirected either, and a benchmark must
time the page, not a 400 or a 301.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

BENCH_HOSTS = ["testserver", "localhost", "127.0.0.1"]


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
        hosts = [*settings.ALLOWED_HOSTS, *BENCH_HOSTS]
        with override_settings(ALLOWED_HOSTS=hosts, SECURE_SSL_REDIRECT=False):
            for name in names:
                groups[name](stdout=self.stdout)
