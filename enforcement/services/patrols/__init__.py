"""Services for patrol logs (diensten), by subdomain; the public names stay importable from here."""

from .open_shifts import (
    OPEN_FLAG_AFTER,
    patrol_log_flag_open,
    patrol_logs_flag_open,
)
from .shifts import (
    FUTURE_TOLERANCE,
    EffortRow,
    patrol_effort_correct,
    patrol_effort_set,
    patrol_log_correct,
    patrol_log_end,
    patrol_log_start,
)

__all__ = [
    "EffortRow",
    "FUTURE_TOLERANCE",
    "OPEN_FLAG_AFTER",
    "patrol_effort_correct",
    "patrol_effort_set",
    "patrol_log_correct",
    "patrol_log_end",
    "patrol_log_flag_open",
    "patrol_log_start",
    "patrol_logs_flag_open",
]
