"""Report periods: a quarter (``2026Q3``) or a calendar year (``2026``).

A period covers whole local days (Europe/Amsterdam): from its first day 00:00 up to,
not including, the first day of the next period. Datetime fields are compared with
``[start_at, end_at)``, date fields with ``[start, end)``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import holidays
from django.utils import timezone
from django.utils.translation import gettext as _

_PATTERN = re.compile(r"^\s*(\d{4})(?:\s*[-/ ]?\s*[Qq]([1-4]))?\s*$")


class PeriodError(ValueError):
    """A period that cannot be reported on; the message is shown to the user (Dutch)."""


@dataclass(frozen=True, order=True)
class Period:
    year: int
    quarter: int | None = None  # None: the whole year

    # --- construction ---------------------------------------------------------------

    @classmethod
    def parse(cls, text: str, *, today: dt.date | None = None, allow_open: bool = True) -> Period:
        """Parse ``2026Q3`` or ``2026``.

        Refuses text that is no period, periods before 2000, periods that have not
        started yet and, with ``allow_open=False``, periods that have not ended yet.
        """
        match = _PATTERN.match(text or "")
        if not match:
            raise PeriodError(
                _(
                    "Onbekende periode ‘%(text)s’. "
                    "Gebruik een kwartaal zoals 2026Q3 of een jaar zoals 2026."
                )
                % {"text": (text or "").strip()[:20]}
            )
        year = int(match.group(1))
        quarter = int(match.group(2)) if match.group(2) else None
        if year < 2000:
            raise PeriodError(
                _("Periode %(year)s ligt te ver terug; kies 2000 of later.") % {"year": year}
            )
        period = cls(year, quarter)
        today = today or timezone.localdate()
        if period.start > today:
            raise PeriodError(
                _("Periode %(period)s ligt in de toekomst.") % {"period": period.label}
            )
        if not allow_open and period.end > today:
            raise PeriodError(
                _("Periode %(period)s is nog niet afgelopen; een rapportage kan vanaf %(day)s.")
                % {"period": period.label, "day": f"{period.end:%d-%m-%Y}"}
            )
        return period

    @classmethod
    def containing(cls, day: dt.date) -> Period:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def last_completed_quarter(cls, today: dt.date | None = None) -> Period:
        today = today or timezone.localdate()
        return cls.containing(today).previous

    # --- properties -----------------------------------------------------------------

    @property
    def is_year(self) -> bool:
        return self.quarter is None

    @property
    def code(self) -> str:
        return str(self.year) if self.is_year else f"{self.year}Q{self.quarter}"

    @property
    def label(self) -> str:
        return str(self.year) if self.is_year else f"Q{self.quarter} {self.year}"

    @property
    def long_label(self) -> str:
        # In the interface language; the council's files render under Dutch (renderers).
        if self.is_year:
            return _("jaar %(year)s") % {"year": self.year}
        return _("%(quarter)se kwartaal %(year)s") % {"quarter": self.quarter, "year": self.year}

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 1 if self.is_year else 3 * self.quarter - 2, 1)

    @property
    def end(self) -> dt.date:
        """First day after the period."""
        if self.is_year or self.quarter == 4:
            return dt.date(self.year + 1, 1, 1)
        return dt.date(self.year, 3 * self.quarter + 1, 1)

    @property
    def last_day(self) -> dt.date:
        return self.end - dt.timedelta(days=1)

    @property
    def start_at(self) -> dt.datetime:
        return _local_midnight(self.start)

    @property
    def end_at(self) -> dt.datetime:
        return _local_midnight(self.end)

    @property
    def previous(self) -> Period:
        if self.is_year:
            return Period(self.year - 1)
        if self.quarter == 1:
            return Period(self.year - 1, 4)
        return Period(self.year, self.quarter - 1)

    @property
    def next(self) -> Period:
        if self.is_year:
            return Period(self.year + 1)
        if self.quarter == 4:
            return Period(self.year + 1, 1)
        return Period(self.year, self.quarter + 1)

    @property
    def year_earlier(self) -> Period:
        return Period(self.year - 1, self.quarter)

    def is_complete(self, today: dt.date | None = None) -> bool:
        return self.end <= (today or timezone.localdate())

    def __str__(self) -> str:
        return self.code


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in holidays.NL(years=day.year)


def first_working_day_after(day: dt.date) -> dt.date:
    """The first working day (no weekend, no Dutch public holiday) after ``day``."""
    candidate = day + dt.timedelta(days=1)
    while not is_working_day(candidate):
        candidate += dt.timedelta(days=1)
    return candidate


def quarter_due_on(day: dt.date) -> Period | None:
    """The quarter whose report is due to be drafted on ``day``, if ``day`` is the first
    working day after that quarter ended; else None."""
    quarter = Period.containing(day).previous
    if first_working_day_after(quarter.last_day) == day:
        return quarter
    return None


def period_choices(
    *,
    first_year: int | None = None,
    today: dt.date | None = None,
    allow_open: bool = True,
    min_years: int = 3,
) -> list[Period]:
    """The periods a picker offers: quarters, newest first, then years, newest first.

    From ``first_year`` (the first year with data; at least ``min_years`` back, never
    before 2000) up to the current quarter and year, or with ``allow_open=False`` up
    to the last completed ones. Never a period that has not started.
    """
    today = today or timezone.localdate()
    first = max(2000, min(first_year or today.year, today.year - min_years + 1))
    last_quarter = Period.containing(today)
    last_year = Period(today.year)
    if not allow_open:
        last_quarter, last_year = last_quarter.previous, last_year.previous
    quarters = []
    period = last_quarter
    while period.year >= first:
        quarters.append(period)
        period = period.previous
    years = [Period(year) for year in range(last_year.year, first - 1, -1)]
    return quarters + years


def first_data_year() -> int | None:
    """The year of the earliest incident or shift (two index lookups, one query)."""
    from config.db_router import read_connection

    with read_connection().cursor() as cursor:
        cursor.execute(
            "SELECT LEAST((SELECT MIN(occurred_at) FROM enforcement_incident),"
            " (SELECT MIN(started_at) FROM enforcement_patrollog))"
        )
        (first,) = cursor.fetchone()
    return timezone.localtime(first).year if first else None
