"""GET /health/: the state of database and broker, 200 when both answer, 503 otherwise.

With a read replica (DATABASE_REPLICA_URL) the answer also says whether it is used:
``"replica": "ok"`` (with its lag), ``"lagging"`` or ``"down"``, and ``"reads"``:
``"replica"`` or ``"primary"``. A replica that lags or is down does not make the
answer 503: the primary then serves those reads too (config.db_router).
"""

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from config.db_router import replica_configured, replica_state


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def _broker_ok() -> bool:
    import redis

    try:
        client = redis.Redis.from_url(
            settings.CELERY_BROKER_URL, socket_timeout=2, socket_connect_timeout=2
        )
        return bool(client.ping())
    except Exception:
        return False


@never_cache
@require_GET
def health(request):
    state = {"database": _database_ok(), "broker": _broker_ok()}
    ok = all(state.values())
    body = {
        "status": "ok" if ok else "unavailable",
        **{k: "ok" if v else "down" for k, v in state.items()},
    }
    if replica_configured():
        replica = replica_state(fresh=True)
        body["replica"] = replica.status
        if replica.lag_seconds is not None and replica.lag_seconds != float("inf"):
            body["replica_lag_seconds"] = round(replica.lag_seconds, 1)
        body["reads"] = "replica" if replica.usable else "primary"
    return JsonResponse(body, status=200 if ok else 503)
