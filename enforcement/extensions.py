"""Extension points through which higher apps add to registration screens.

``enforcement`` stands on ``accounts`` alone; ``cases`` and ``planning`` build
on it. Where a registration screen must show something of theirs, they
register a provider here from their ``AppConfig.ready()``, and enforcement
calls it without importing them. With nothing registered, the screens work
without that part.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol


class EffortActivityProvider(Protocol):
    """Lets planned patrol effort point at an activity of the execution programme (planning)."""

    def choices(self, *, patrol_log: Any) -> list[tuple[int, str]]:
        """Activities the log's boa may book planned effort on (its date, team, themes)."""

    def link(self, *, effort: Any, activity_id: int | None, actor: Any) -> None:
        """Record (or clear) the activity of one PatrolEffort; raise ValidationError when not allowed."""

    def labels(self, *, efforts: Iterable[Any]) -> dict[int, str]:
        """effort id -> activity label, for the efforts that have one (one query)."""


class OpenCaseProvider(Protocol):
    """Lets registration screens link to open cases (cases)."""

    def for_incidents(
        self, *, incident_ids: Iterable[int], user: Any
    ) -> dict[int, list[tuple[str, str]]]:
        """incident id -> [(url, label)] of open cases the user may see that hold the incident."""

    def open_url(self, *, user: Any, incident_ids: Iterable[int] = ()) -> str | None:
        """Where the user opens a case from these incidents, or None when they may not."""


_providers: dict[str, Any] = {}


def register(name: str, provider: Any) -> None:
    _providers[name] = provider


def get(name: str) -> Any | None:
    return _providers.get(name)


@contextmanager
def override(name: str, provider: Any | None) -> Iterator[None]:
    """Use ``provider`` (or none at all) for ``name`` inside the block, then restore."""
    missing = object()
    previous = _providers.get(name, missing)
    if provider is None:
        _providers.pop(name, None)
    else:
        _providers[name] = provider
    try:
        yield
    finally:
        if previous is missing:
            _providers.pop(name, None)
        else:
            _providers[name] = previous


EFFORT_ACTIVITY = "effort_activity"
OPEN_CASES = "open_cases"
