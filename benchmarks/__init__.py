"""Whole-application benchmarks, kept apart from the apps' own ``<app>/demo/bench.py``.

- ``pages``: every page each demo role reaches from its home page and menu, timed
  (``python manage.py bench pages``).
- ``load``: a locust mix against gunicorn with production settings
  (``python manage.py bench load``; the locust file is ``benchmarks/locustfile.py``).

They are registered as groups of the ``bench`` command (``benchmarks.GROUPS``).
"""


def _pages(**kwargs):
    from benchmarks.pages import run

    return run(**kwargs)


def _load(**kwargs):
    from benchmarks.load import run

    return run(**kwargs)


GROUPS = {"pages": _pages, "load": _load}
