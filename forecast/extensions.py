"""Extension point: the policy priority of each theme, provided by planning.

``forecast`` stands on ``enforcement`` and ``accounts``; the priorities live in the
execution programme (planning), which registers a provider from its ``ready()``. Without
one every theme weighs the same.
"""

from __future__ import annotations

from collections.abc import Callable

_providers: list[Callable[[], dict[int, int]]] = []

# Priority 1 (hoog) .. 3 (laag) -> weight in the focus ranking; no priority weighs 1.
PRIORITY_WEIGHT = {1: 3.0, 2: 2.0, 3: 1.0}


def register_theme_priority(provider: Callable[[], dict[int, int]]) -> None:
    if provider not in _providers:
        _providers.append(provider)


def theme_priorities() -> dict[int, int]:
    """{theme_id: priority} of this year's programme (1 = hoog)."""
    out: dict[int, int] = {}
    for provider in _providers:
        out.update(provider())
    return out
