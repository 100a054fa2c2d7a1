"""The links of a report table's numbers to the list of records behind them."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from urllib.parse import quote_plus, urlencode

from django.urls import NoReverseMatch, reverse

from reports.permissions import list_browse_floor

# Which query parameters of the linked list take a column's period, and from which end
# of it (first or last day). A table may name its own (``link_dates``), e.g. the cases
# list filters on the opening date: {"opened_from": "start", "opened_to": "end"}.
DEFAULT_LINK_DATES = {"date_from": "start", "date_to": "end"}

# The same few keys and values (theme and area ids, dates) recur in thousands of links on
# a dashboard; quoting each anew was most of urlencode's time.
_quote = lru_cache(maxsize=4096)(quote_plus)


def _encode(query: dict) -> str:
    return urlencode(query, quote_via=_quote)


def linker(link: str | None, dates: dict | None = None):
    """``href(filt, period)`` for one table's numbers: the list's URL and its browse floor
    are looked up once per table, not once per cell (a dashboard has ~1,400 linked cells)."""
    if not link:
        return lambda filt, period: None
    try:
        url = reverse(link)
    except NoReverseMatch:
        return lambda filt, period: None
    floor = list_browse_floor(link)
    params = (dates or DEFAULT_LINK_DATES).items()
    # A row's three numbers share its filter and a column's share its period: each is
    # encoded once (urlencode was most of the dashboard's link time).
    last_filter: list = [None, ""]
    by_period: dict[tuple, str] = {}

    def href(filt: dict | None, period: dict | None) -> str | None:
        if filt is None:
            return None
        if (
            floor is not None
            and period is not None
            and dt.date.fromisoformat(period["start"]) < floor
        ):
            return None  # the list shows records this old only to a targeted search
        if period is not None and any(param in filt for param, _end in params):
            query = {**filt, **{param: period[end] for param, end in params}}
            return f"{url}?{_encode(query)}"
        if last_filter[0] is not filt:
            last_filter[:] = [filt, _encode(filt)]
        encoded = last_filter[1]
        if period is not None:
            key = (period["start"], period["end"])
            dates_part = by_period.get(key)
            if dates_part is None:
                dates_part = by_period[key] = _encode({p: period[e] for p, e in params})
            encoded = f"{encoded}&{dates_part}" if encoded else dates_part
        return f"{url}?{encoded}"

    return href
