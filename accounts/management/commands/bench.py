"""One benchmark command for the whole project: ``python manage.py bench <group>``.

Each app provides ``<app>/demo/bench.py`` with ``GROUPS = {"name": callable}``; a
callable takes ``stdout`` and prints one line per figure as ``name: value unit``.
Benchmarks read the data that ``generate_data`` loaded; they are not tests.
The whole-application groups ``pages`` and ``load`` live in ``benchmarks/``; they
take the options below (``all`` runs every group except ``load``).

Run it with production-like settings (``DEBUG=0``). The benchmarks talk to the
application through Django's test Client under host names of their own choosing
and over plain HTTP, so the command adds those names to ALLOWED_HOSTS and turns
off the HTTPS redirect for its own run: in production TLS ends at the proxy,
which forwards requests that are not redirected either, and a benchmark must
time the page, not a 400 or a 301. For the same reason two-factor authentication is
not required in its run: its clients are logged in directly and would only time the
redirect to the code step.
"""

import inspect
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from accounts.demo.modules import app_dev_module

BENCH_HOSTS = ["testserver", "localhost", "127.0.0.1"]


def _groups() -> dict:
    groups = {}
    for config in apps.get_app_configs():
        module = app_dev_module(config.name, "bench")
        if module is not None:
            groups.update(module.GROUPS)
    groups.update(import_module("benchmarks").GROUPS)
    return groups


def _call(fn, *, stdout, options: dict) -> None:
    """Groups that take keyword options (``**kwargs``) get them; the others stdout only."""
    params = inspect.signature(fn).parameters.values()
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params):
        fn(stdout=stdout, **options)
    else:
        fn(stdout=stdout)


class Command(BaseCommand):
    help = "Meet snelheid op de gegenereerde gegevens: bench <groep>."

    def add_arguments(self, parser):
        parser.add_argument(
            "group",
            nargs="?",
            help="registration, cases, planning, reports, admin, pages, load, or all",
        )
        parser.add_argument("--runs", type=int, default=5, help="pages: runs per page (median)")
        parser.add_argument("--depth", type=int, default=2, help="pages: link depth from home")
        parser.add_argument(
            "--users", default="", help="pages: comma-separated user names (default: demo roles)"
        )
        parser.add_argument("--seconds", type=int, default=60, help="load: seconds per stage")
        parser.add_argument("--clients", type=int, default=16, help="load: simulated users")
        parser.add_argument("--workers", type=int, default=0, help="load: gunicorn workers")

    def handle(self, *args, group=None, **options):
        options = {
            k: options[k] for k in ("runs", "depth", "users", "seconds", "clients", "workers")
        }
        groups = _groups()
        if not group:
            self.stdout.write("groepen: " + ", ".join(sorted(groups)))
            return
        names = sorted(set(groups) - {"load"}) if group == "all" else [group]
        for name in names:
            if name not in groups:
                raise CommandError(
                    f"onbekende groep {name!r}; kies uit: {', '.join(sorted(groups))}"
                )
        hosts = [*settings.ALLOWED_HOSTS, *BENCH_HOSTS]
        with override_settings(
            ALLOWED_HOSTS=hosts, SECURE_SSL_REDIRECT=False, TWO_FACTOR_REQUIRED=False
        ):
            for name in names:
                _call(groups[name], stdout=self.stdout, options=options)
