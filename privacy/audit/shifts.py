"""Whether an access-log row fell within one of the person's shifts (the audit's
night-time check): a person's shifts sorted once, then a bisection per row."""

from __future__ import annotations

import bisect
import datetime as dt


def _coverage(spans: list[tuple[dt.datetime, dt.datetime]]) -> tuple[list, list]:
    """A person's shifts as (starts, latest end so far), sorted by start, for bisection."""
    spans.sort()
    starts, ends, latest = [], [], None
    for a, b in spans:
        latest = b if latest is None or b > latest else latest
        starts.append(a)
        ends.append(latest)
    return starts, ends


def _within_a_shift(coverage: tuple[list, list] | None, at: dt.datetime) -> bool:
    """Whether ``at`` falls in one of the shifts: the last shift started at or before it,
    or an earlier, longer one, still running (a bisection instead of a scan per row)."""
    if not coverage:
        return False
    starts, ends = coverage
    i = bisect.bisect_right(starts, at) - 1
    return i >= 0 and ends[i] >= at
