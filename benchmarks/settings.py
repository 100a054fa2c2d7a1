"""Production settings plus one bare view, for ``bench load`` only.

gunicorn runs with ``DJANGO_SETTINGS_MODULE=benchmarks.settings``: everything comes
from ``config.settings`` and the environment (``DEBUG=0``), only the URLconf adds
``/bench/bare/`` (a Django view without database, the ceiling of the server).
"""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"

# The simulated users log in with a password only: a benchmark times the pages, not the
# two-factor step (which production requires; accounts.two_factor).
TWO_FACTOR_REQUIRED = False
