"""Reference data management for the functional admin (REFERENCE_DATA_MANAGE).

One set of views serves every kind of reference data; ``KINDS`` says per kind
which model, form, services and columns. Other users get 404.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.confirm import confirm_set_active
from accounts.decorators import capability_required, paginate
from accounts.forms_util import apply_errors
from accounts.roles import Capability
from accounts.submissions import submission_once
from enforcement import importers
from enforcement.forms import reference as forms
from enforcement.models import (
    Area,
    CaseType,
    Category,
    InterventionType,
    Offence,
    OffenceGroup,
    Theme,
)
from enforcement.selectors.reference import reference_list
from enforcement.services import reference as services

MANAGE = Capability.REFERENCE_DATA_MANAGE


def _amount(value) -> str:
    return "" if value is None else f"€ {number_format(value, 2)}"


@dataclass(frozen=True)
class Kind:
    key: str
    label: Any
    singular: Any
    model: type[models.Model]
    form: type
    create: Callable
    update: Callable  # (actor, obj, **fields)
    columns: list[tuple[Any, Callable[[Any], Any]]]
    importer: str = ""
    help: Any = ""


KINDS: dict[str, Kind] = {
    k.key: k
    for k in [
        Kind(
            key="gebieden",
            label=gettext_lazy("Gebieden"),
            singular=gettext_lazy("gebied"),
            model=Area,
            form=forms.AreaForm,
            create=services.area_create,
            update=lambda actor, obj, **f: services.area_update(actor=actor, area=obj, **f),
            columns=[
                (gettext_lazy("Code"), lambda o: o.code),
                (gettext_lazy("Soort"), lambda o: o.get_kind_display()),
                (gettext_lazy("Ligt in"), lambda o: o.parent or ""),
                (gettext_lazy("Inwoners"), lambda o: "" if o.population is None else o.population),
                (gettext_lazy("Grens"), lambda o: _("ja") if o.boundary else _("nee")),
            ],
            importer="gebieden",
            help=gettext_lazy(
                "Wijken en buurten, met CBS-code en optioneel een grens op de kaart."
            ),
        ),
        Kind(
            key="themas",
            label=gettext_lazy("Thema's"),
            singular=gettext_lazy("thema"),
            model=Theme,
            form=forms.ThemeForm,
            create=services.theme_create,
            update=lambda actor, obj, **f: services.theme_update(actor=actor, theme=obj, **f),
            columns=[
                (gettext_lazy("Code"), lambda o: o.code),
                (gettext_lazy("Volgorde"), lambda o: o.order),
                (
                    gettext_lazy("Categorieën"),
                    lambda o: ", ".join(c.name for c in o.categories.all() if c.active),
                ),
            ],
            importer="themas",
        ),
        Kind(
            key="categorieen",
            label=gettext_lazy("Categorieën"),
            singular=gettext_lazy("categorie"),
            model=Category,
            form=forms.CategoryForm,
            create=services.category_create,
            update=lambda actor, obj, **f: services.category_update(actor=actor, category=obj, **f),
            columns=[(gettext_lazy("Thema"), lambda o: o.theme)],
            importer="themas",
        ),
        Kind(
            key="feiten",
            label=gettext_lazy("Feitencatalogus"),
            singular=gettext_lazy("feit"),
            model=Offence,
            form=forms.OffenceForm,
            create=services.offence_create,
            update=lambda actor, obj, **f: services.offence_update(actor=actor, offence=obj, **f),
            columns=[
                (gettext_lazy("Grondslag"), lambda o: o.legal_basis),
                (gettext_lazy("Thema"), lambda o: o.theme or ""),
                (gettext_lazy("Standaardinterventie"), lambda o: o.default_intervention),
                (gettext_lazy("Bedrag"), lambda o: _amount(o.default_amount)),
                (gettext_lazy("Groep"), lambda o: o.group or ""),
            ],
            importer="feiten",
        ),
        Kind(
            key="feitgroepen",
            label=gettext_lazy("Groepen van feiten"),
            singular=gettext_lazy("groep van feiten"),
            model=OffenceGroup,
            form=forms.OffenceGroupForm,
            create=services.offence_group_create,
            update=lambda actor, obj, **f: services.offence_group_update(
                actor=actor, offence_group=obj, **f
            ),
            columns=[(gettext_lazy("Code"), lambda o: o.code)],
            help=gettext_lazy(
                "Feiten die de handhavingsstrategie samen telt bij herhaling, "
                "met een eigen escalatieladder."
            ),
        ),
        Kind(
            key="interventies",
            label=gettext_lazy("Interventiesoorten"),
            singular=gettext_lazy("interventiesoort"),
            model=InterventionType,
            form=forms.InterventionTypeForm,
            create=services.intervention_type_create,
            update=lambda actor, obj, **f: services.intervention_type_update(
                actor=actor, intervention_type=obj, **f
            ),
            columns=[
                (gettext_lazy("Code"), lambda o: o.code),
                (gettext_lazy("Trede"), lambda o: o.ladder_step),
            ],
            importer="interventies",
        ),
        Kind(
            key="zaaktypen",
            label=gettext_lazy("Zaaktypen"),
            singular=gettext_lazy("zaaktype"),
            model=CaseType,
            form=forms.CaseTypeForm,
            create=services.case_type_create,
            update=lambda actor, obj, **f: services.case_type_update(
                actor=actor, case_type=obj, **f
            ),
            columns=[
                (gettext_lazy("Code"), lambda o: o.code),
                (gettext_lazy("Termijn (werkdagen)"), lambda o: o.standard_term_days),
            ],
            importer="zaaktypen",
        ),
    ]
}


def _kind(key: str) -> Kind:
    try:
        return KINDS[key]
    except KeyError:
        raise Http404 from None


@capability_required(MANAGE)
def reference_index(request: HttpRequest) -> HttpResponse:
    counts = {key: kind.model.objects.filter(active=True).count() for key, kind in KINDS.items()}
    return render(
        request,
        "enforcement/reference/index.html",
        {
            "kinds": KINDS.values(),
            "kind_counts": [(kind, counts[key]) for key, kind in KINDS.items()],
        },
    )


@capability_required(MANAGE)
def reference_list_view(request: HttpRequest, kind: str) -> HttpResponse:
    k = _kind(kind)
    filters = forms.ReferenceFilterForm(request.GET)
    search = filters.value("q").strip()
    status = filters.value("status", "active")
    active = {"active": True, "inactive": False}.get(status)
    area_kind = filters.value("area_kind") if k.model is Area else ""
    qs = reference_list(model=k.model, search=search, active=active, area_kind=area_kind)
    page = paginate(request, qs)
    rows = [(obj, [fn(obj) for _label, fn in k.columns]) for obj in page.object_list]
    return render(
        request,
        "enforcement/reference/list.html",
        {
            "kind": k,
            "kinds": KINDS.values(),
            "page": page,
            "rows": rows,
            "search": search,
            "status": status,
            "area_kind": area_kind,
            "area_kinds": Area.Kind.choices if k.model is Area else [],
            "column_labels": [label for label, _fn in k.columns],
        },
    )


def _form_kwargs(request, k: Kind, instance=None) -> dict:
    kwargs: dict[str, Any] = {"instance": instance}
    if request.method == "POST":
        kwargs.update(data=request.POST, files=request.FILES)
    elif instance is None and k.model is Category:
        theme = forms.ReferenceFilterForm(request.GET).value("theme", None)
        if theme is not None:
            kwargs["initial"] = {"theme": theme}
    return kwargs


def _save(request, k: Kind, form, instance):
    fields = form.service_fields()
    if k.model is Area:
        boundary = form.boundary_value()
        if instance is None:
            boundary = None if boundary is services.KEEP else boundary
            return k.create(actor=request.user, boundary=boundary, **fields)
        return k.update(request.user, instance, boundary=boundary, **fields)
    if instance is None:
        return k.create(actor=request.user, **fields)
    return k.update(request.user, instance, **fields)


@capability_required(MANAGE)
@submission_once
def reference_edit(request: HttpRequest, kind: str, pk: int | None = None) -> HttpResponse:
    k = _kind(kind)
    instance = get_object_or_404(k.model, pk=pk) if pk else None
    form = k.form(**_form_kwargs(request, k, instance))
    if request.method == "POST" and form.is_valid():
        # The form changed its instance while validating; the service gets a fresh one.
        fresh = k.model.objects.get(pk=pk) if pk else None
        try:
            obj = _save(request, k, form, fresh)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("%(name)s is opgeslagen.") % {"name": obj})
            return redirect("enforcement:reference_list", kind=k.key)
    context = {"kind": k, "kinds": KINDS.values(), "form": form, "object": instance}
    if k.model is Area:
        context.update(
            map_boundary=instance.boundary if instance else None,
            map_tile_url=settings.MAP_TILE_URL,
            map_attribution=settings.MAP_TILE_ATTRIBUTION,
            map_bbox=list(settings.MUNICIPALITY_BBOX),
        )
    if k.model is Theme and instance is not None:
        context["categories"] = instance.categories.order_by("-active", "name")
    return render(request, "enforcement/reference/form.html", context)


@capability_required(MANAGE)
def reference_set_active(request: HttpRequest, kind: str, pk: int, active: bool) -> HttpResponse:
    k = _kind(kind)
    obj = get_object_or_404(k.model, pk=pk)
    list_url = reverse("enforcement:reference_list", kwargs={"kind": k.key})
    if request.method == "POST":
        services.reference_set_active(actor=request.user, obj=obj, active=active)
        if active:
            messages.success(request, _("%(name)s is weer actief.") % {"name": obj})
        else:
            messages.success(
                request,
                _(
                    "%(name)s is gedeactiveerd: niet meer te kiezen, wel bewaard bij bestaande registraties."
                )
                % {"name": obj},
            )
        return redirect(list_url)
    return confirm_set_active(
        request,
        obj=obj,
        active=active,
        explanation=_(
            "Het is daarna niet meer te kiezen bij nieuwe registraties. Bestaande meldingen, "
            "overtredingen en zaken houden het; u kunt het later weer activeren."
        ),
        cancel_url=list_url,
    )


def _importer(key: str) -> importers.Importer:
    try:
        return importers.IMPORTERS[key]
    except KeyError:
        raise Http404 from None


@capability_required(MANAGE)
def reference_import(request: HttpRequest, kind: str) -> HttpResponse:
    importer = _importer(kind)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = importers.run_import(importer, form.cleaned_data["file"], actor=request.user)
        except importers.ImportRefused as exc:
            form.add_error("file", str(exc))
    return render(
        request,
        "enforcement/reference/import.html",
        {
            "importer": importer,
            "importers": importers.IMPORTERS.values(),
            "form": form,
            "report": report,
            "max_mb": importers.MAX_BYTES // (1024 * 1024),
        },
    )


@capability_required(MANAGE)
def reference_import_example(request: HttpRequest, kind: str) -> HttpResponse:
    importer = _importer(kind)
    response = HttpResponse(importer.example_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="voorbeeld-{importer.key}.csv"'
    return response
