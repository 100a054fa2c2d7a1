"""Which areas 'an area' means: the area itself and every area below it.

A district (wijk) contains its neighbourhoods (buurten); an incident is usually
registered on the neighbourhood it lies in. Every filter, agenda, indicator,
figure and list "for an area" asks this module which areas that is, so a
district's figures include its neighbourhoods everywhere alike.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from enforcement.models import Area


def _ids(areas):
    if areas is None:
        return []
    if isinstance(areas, QuerySet):
        return areas.values("pk")  # a subquery: no extra round trip
    if isinstance(areas, (Area, int)):
        areas = [areas]
    return [a.pk if isinstance(a, Area) else int(a) for a in areas]


def area_with_descendants(
    areas: Area | int | Iterable[Area | int] | QuerySet[Area],
) -> QuerySet[Area]:
    """The given area(s) and all areas below them (lazy: use as ``area_id__in=...``).

    Areas nest at most three deep (a buurt in a wijk; a wijk has no parent), and a
    third level is included should one ever be added."""
    ids = _ids(areas)
    return Area.objects.filter(Q(pk__in=ids) | Q(parent_id__in=ids) | Q(parent__parent_id__in=ids))


def area_id_set(areas: Area | int | Iterable[Area | int]) -> set[int]:
    return set(area_with_descendants(areas).values_list("pk", flat=True))


def area_sets(parents: Iterable[tuple[int, int | None]]) -> dict[int, set[int]]:
    """For every area in ``parents`` (pairs of id and parent id, e.g. from a query that
    already loads the areas): the set ``area_with_descendants`` gives for it."""
    parent_of = dict(parents)
    out = {pk: {pk} for pk in parent_of}
    for pk, parent in parent_of.items():
        if parent is not None and parent in out:
            out[parent].add(pk)
            grandparent = parent_of.get(parent)
            if grandparent is not None and grandparent in out:
                out[grandparent].add(pk)
    return out


def roll_up(by_area: dict, sets: dict[int, set[int]]) -> dict:
    """Per-area values (lists of numbers, as the rollups give them) summed over each area's
    set, so a district shows its neighbourhoods' numbers too. Unknown keys (None) stay."""
    out = {}
    for area, members in sets.items():
        rows = [by_area[m] for m in members if m in by_area]
        if rows:
            out[area] = [sum(values) for values in zip(*rows, strict=True)]
    for key, values in by_area.items():
        if key not in sets:
            out[key] = values
    return out
