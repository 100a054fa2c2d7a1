"""Reading from a replica: which reads may go to ``DATABASE_REPLICA_URL``, and when not.

A read goes to the replica only when all of these hold (otherwise: the primary):

- a replica is configured (``settings.DATABASES["replica"]``);
- the request's view is one of ``settings.REPLICA_READ_VIEWS`` (figures, dashboards,
  exports) or the Celery task one of ``settings.REPLICA_READ_TASKS`` (report builds,
  the privacy audit); everything else reads from the primary;
- the request or task has not written yet (``db_for_write``), apart from the rows it
  never reads back (``REPLICA_WRITES_NOT_READ_BACK``: the access-log line of an
  export, the progress of a report build), and is not inside a transaction;
- the model is not one that must be read where it was just written (sessions, users,
  login throttling, schedules, build rows: ``PRIMARY_ONLY``);
- the replica answers and lags at most ``DATABASE_REPLICA_MAX_LAG_SECONDS`` behind the
  primary (checked at most every ``DATABASE_REPLICA_CHECK_SECONDS`` per process).

Raw SQL of such readers goes through ``read_connection()`` (reports/queries.py).
``/health/`` reports the replica's state (config/health.py).
"""

from __future__ import annotations

import contextvars
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import connections

log = logging.getLogger(__name__)

REPLICA = "replica"
PRIMARY = "default"

# Models whose rows a request may read right after another request wrote them
# (a login's session, a new user, a queued build): always the primary.
PRIMARY_ONLY = {
    "sessions.session",
    "accounts.user",
    "axes.accessattempt",
    "axes.accessfailurelog",
    "axes.accesslog",
    "reports.reportbuild",
}
PRIMARY_ONLY_APPS = {"django_celery_beat", "contenttypes", "auth"}

_replica_reads: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "replica_reads", default=False
)
_wrote: contextvars.ContextVar[bool] = contextvars.ContextVar("wrote", default=False)


# --- the replica's state --------------------------------------------------------------


@dataclass(frozen=True)
class ReplicaState:
    status: str  # "ok", "lagging", "down" (or "none": no replica configured)
    lag_seconds: float | None = None

    @property
    def usable(self) -> bool:
        return self.status == "ok"


_state_lock = threading.Lock()
_state: tuple[float, ReplicaState] | None = None


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def _measure() -> ReplicaState:
    """Ask the primary how far its WAL is and the replica how far it has replayed it.

    Caught up (replayed the primary's current position): no lag, however long ago the
    last write was. Otherwise the lag is the age of the last transaction it replayed.
    A replica that is not in recovery (promoted, or the primary itself) has no lag.
    """
    try:
        with connections[PRIMARY].cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_insert_lsn()::text")
            (primary_lsn,) = cursor.fetchone()
    except Exception:
        return ReplicaState("down")  # the primary is down: /health/ says so separately
    try:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute(
                "SELECT pg_is_in_recovery(), "
                "coalesce(pg_last_wal_replay_lsn() >= %s::pg_lsn, false), "
                "extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp())",
                [primary_lsn],
            )
            in_recovery, caught_up, age = cursor.fetchone()
    except Exception as exc:
        log.warning("read replica unreachable, reading from the primary: %s", exc)
        connections[REPLICA].close()
        return ReplicaState("down")
    lag = 0.0 if not in_recovery or caught_up else float(age if age is not None else "inf")
    if lag > settings.DATABASE_REPLICA_MAX_LAG_SECONDS:
        log.warning("read replica lags %.1f s, reading from the primary", lag)
        return ReplicaState("lagging", lag)
    return ReplicaState("ok", lag)


def replica_state(*, fresh: bool = False) -> ReplicaState:
    """The replica's state, measured at most every DATABASE_REPLICA_CHECK_SECONDS."""
    global _state
    if not replica_configured():
        return ReplicaState("none")
    now = time.monotonic()
    with _state_lock:
        cached = _state
        if fresh or cached is None or now - cached[0] >= settings.DATABASE_REPLICA_CHECK_SECONDS:
            cached = _state = (now, _measure())
    return cached[1]


def replica_state_forget() -> None:
    """Measure again at the next read (tests; after a fail-over)."""
    global _state
    with _state_lock:
        _state = None


# --- which reads may go there ---------------------------------------------------------


@contextmanager
def replica_reads(allowed: bool = True) -> Iterator[None]:
    """Reads in this block may go to the replica (a request or task of its own)."""
    scope, wrote = _replica_reads.set(allowed), _wrote.set(False)
    try:
        yield
    finally:
        _replica_reads.reset(scope)
        _wrote.reset(wrote)


def read_alias(model=None) -> str:
    if not replica_configured() or not _replica_reads.get() or _wrote.get():
        return PRIMARY
    if model is not None:
        meta = model._meta
        if meta.label_lower in PRIMARY_ONLY or meta.app_label in PRIMARY_ONLY_APPS:
            return PRIMARY
    # Inside a transaction a read must see what that transaction did.
    if connections[PRIMARY].in_atomic_block:
        return PRIMARY
    return REPLICA if replica_state().usable else PRIMARY


def read_connection():
    """The connection for a raw-SQL read under the same rules as the ORM's reads."""
    return connections[read_alias()]


class ReplicaRouter:
    """settings.DATABASE_ROUTERS: reads as ``read_alias``, every write to the primary."""

    def db_for_read(self, model, **hints):
        return read_alias(model)

    def db_for_write(self, model, **hints):
        if model._meta.label_lower not in settings.REPLICA_WRITES_NOT_READ_BACK:
            _wrote.set(True)
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, **hints):
        return db == PRIMARY


class ReplicaReadsMiddleware:
    """Marks the views of REPLICA_READ_VIEWS (URL names) as readers of the replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Every request starts with nothing written and reading from the primary
        # (a worker thread serves many requests; context variables outlive them).
        with replica_reads(False):
            return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and match.view_name in settings.REPLICA_READ_VIEWS:
            _replica_reads.set(True)  # undone by replica_reads() at the end of the request


_task_tokens: dict[str, tuple] = {}


def _task_started(sender=None, task_id=None, task=None, **kwargs):
    allowed = getattr(task, "name", "") in settings.REPLICA_READ_TASKS
    _task_tokens[task_id] = (_replica_reads.set(allowed), _wrote.set(False))


def _task_finished(sender=None, task_id=None, task=None, **kwargs):
    tokens = _task_tokens.pop(task_id, None)
    if tokens is not None:  # back to what it was (an eager task inside a request)
        _replica_reads.reset(tokens[0])
        _wrote.reset(tokens[1])


def connect_celery_signals() -> None:
    from celery.signals import task_postrun, task_prerun

    task_prerun.connect(_task_started, weak=False, dispatch_uid="replica_reads_start")
    task_postrun.connect(_task_finished, weak=False, dispatch_uid="replica_reads_end")
