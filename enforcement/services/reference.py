"""Services that change reference data. Each is one transaction.

Reference data is never deleted from the application: entries are
deactivated, so incidents, violations and cases that refer to them keep
their meaning. Create and update run the model's own validation
(``full_clean``), so the import and the forms refuse the same things.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from enforcement import geo
from enforcement.models import (
    Address,
    Area,
    CaseType,
    Category,
    InterventionType,
    Offence,
    OffenceGroup,
    Theme,
)

M = TypeVar("M", bound=models.Model)

# Marker: leave the area's boundary as it is.
KEEP = object()


@transaction.atomic
def area_set_boundary(*, area: Area, boundary: dict | None) -> Area:
    """Set (or clear) an area's GeoJSON boundary and keep its bounding box in step."""
    if boundary is None:
        area.boundary = None
        area.min_lat = area.min_lon = area.max_lat = area.max_lon = None
    else:
        geo.validate_boundary(boundary)
        area.boundary = boundary
        area.min_lat, area.min_lon, area.max_lat, area.max_lon = geo.bbox(boundary)
    area.save(update_fields=["boundary", "min_lat", "min_lon", "max_lat", "max_lon"])
    return area


def _create(model: type[M], fields: dict[str, Any], check=None) -> M:
    return _update(model(), fields, check)


def _update(obj: M, fields: dict[str, Any], check=None) -> M:
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.full_clean()
    if check is not None:
        check(obj)
    obj.save()
    return obj


def _check_area(area: Area) -> None:
    """A buurt lies in a wijk; a wijk lies in nothing."""
    if area.kind == Area.Kind.NEIGHBOURHOOD:
        if area.parent is None:
            raise ValidationError({"parent": _("Kies de wijk waarin deze buurt ligt.")})
        if area.parent.kind != Area.Kind.DISTRICT:
            raise ValidationError({"parent": _("Een buurt ligt in een wijk, niet in een buurt.")})
    elif area.parent_id is not None:
        raise ValidationError({"parent": _("Een wijk ligt niet in een ander gebied.")})


@transaction.atomic
def area_create(*, actor, boundary: dict | None = None, **fields: Any) -> Area:
    area = _create(Area, fields, _check_area)
    if boundary is not None:
        area_set_boundary(area=area, boundary=boundary)
    return area


@transaction.atomic
def area_update(*, actor, area: Area, boundary: Any = KEEP, **fields: Any) -> Area:
    area = _update(area, fields, _check_area)
    if boundary is not KEEP:
        area_set_boundary(area=area, boundary=boundary)
    return area


@transaction.atomic
def theme_create(*, actor, **fields: Any) -> Theme:
    return _create(Theme, fields)


@transaction.atomic
def theme_update(*, actor, theme: Theme, **fields: Any) -> Theme:
    return _update(theme, fields)


@transaction.atomic
def category_create(*, actor, **fields: Any) -> Category:
    return _create(Category, fields)


@transaction.atomic
def category_update(*, actor, category: Category, **fields: Any) -> Category:
    return _update(category, fields)


@transaction.atomic
def offence_create(*, actor, **fields: Any) -> Offence:
    return _create(Offence, fields)


@transaction.atomic
def offence_update(*, actor, offence: Offence, **fields: Any) -> Offence:
    return _update(offence, fields)


@transaction.atomic
def offence_group_create(*, actor, **fields: Any) -> OffenceGroup:
    return _create(OffenceGroup, fields)


@transaction.atomic
def offence_group_update(*, actor, offence_group: OffenceGroup, **fields: Any) -> OffenceGroup:
    return _update(offence_group, fields)


@transaction.atomic
def intervention_type_create(*, actor, **fields: Any) -> InterventionType:
    return _create(InterventionType, fields)


@transaction.atomic
def intervention_type_update(
    *, actor, intervention_type: InterventionType, **fields: Any
) -> InterventionType:
    return _update(intervention_type, fields)


@transaction.atomic
def case_type_create(*, actor, **fields: Any) -> CaseType:
    return _create(CaseType, fields)


@transaction.atomic
def case_type_update(*, actor, case_type: CaseType, **fields: Any) -> CaseType:
    return _update(case_type, fields)


@transaction.atomic
def reference_set_active(*, actor, obj: M, active: bool) -> M:
    """Deactivate (or reactivate) a reference entry; it stays for the records that use it."""
    obj.active = active
    obj.save(update_fields=["active"])
    return obj


def _check_address(address: Address) -> None:
    from django.conf import settings

    min_lat, min_lon, max_lat, max_lon = settings.MUNICIPALITY_BBOX
    if not (min_lat <= address.latitude <= max_lat and min_lon <= address.longitude <= max_lon):
        raise ValidationError(
            {"latitude": _("Dit punt ligt buiten de gemeente (controleer lat/lon).")}
        )


@transaction.atomic
def address_create(*, actor, **fields: Any) -> Address:
    return _create(Address, fields, _check_address)


@transaction.atomic
def address_update(*, actor, address: Address, **fields: Any) -> Address:
    return _update(address, fields, _check_address)
