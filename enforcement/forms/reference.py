"""Forms for managing reference data in the application."""

from __future__ import annotations

import json

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from enforcement import geo
from enforcement.models import (
    Area,
    CaseType,
    Category,
    InterventionType,
    Offence,
    OffenceGroup,
    Theme,
)
from enforcement.services.reference import KEEP

BOUNDARY_MAX_BYTES = 2 * 1024 * 1024


def _active_or_current(model, current_id):
    return model.objects.filter(Q(active=True) | Q(pk=current_id))


def parse_boundary(text: str) -> dict:
    """GeoJSON text -> a Polygon/MultiPolygon geometry; ValidationError with a Dutch reason."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise forms.ValidationError(
            _("De grens is geen geldige JSON (regel %(line)s)."), params={"line": exc.lineno}
        ) from exc
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        features = data.get("features") or []
        if len(features) != 1:
            raise forms.ValidationError(
                _("Een FeatureCollection moet precies één gebied bevatten, niet %(n)s."),
                params={"n": len(features)},
            )
        data = features[0]
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = data.get("geometry")
    if not isinstance(data, dict):
        raise forms.ValidationError(_("De grens is geen geldige GeoJSON-geometrie."))
    try:
        geo.validate_boundary(data)
    except ValueError as exc:
        raise forms.ValidationError(str(exc)) from exc
    return data


class AreaForm(forms.ModelForm):
    boundary_text = forms.CharField(
        label=_("Grens plakken (GeoJSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
        help_text=_(
            "Een Polygon of MultiPolygon in WGS84 (lengte, breedte), of een Feature. "
            "Leeg laten = grens ongewijzigd."
        ),
    )
    boundary_file = forms.FileField(
        label=_("Of upload een .geojson-bestand"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".geojson,.json,application/geo+json"}),
    )
    clear_boundary = forms.BooleanField(label=_("Grens verwijderen"), required=False)

    class Meta:
        model = Area
        fields = ["code", "name", "kind", "parent", "population"]
        labels = {
            "code": _("Code"),
            "name": _("Naam"),
            "kind": _("Soort"),
            "parent": _("Ligt in wijk"),
            "population": _("Inwoners"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.parent_id if self.instance.pk else None
        self.fields["parent"].queryset = _active_or_current(Area, current).filter(
            kind=Area.Kind.DISTRICT
        )
        self.fields["parent"].help_text = _("Verplicht voor een buurt, leeg voor een wijk.")
        self.fields["parent"].empty_label = _("(geen: dit is een wijk)")
        if not self.instance.pk or not self.instance.boundary:
            del self.fields["clear_boundary"]

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()

    def clean_boundary_file(self):
        upload = self.cleaned_data.get("boundary_file")
        if not upload:
            return None
        if not upload.name.lower().endswith((".geojson", ".json")):
            raise forms.ValidationError(_("Kies een bestand dat eindigt op .geojson of .json."))
        if upload.size > BOUNDARY_MAX_BYTES:
            raise forms.ValidationError(_("Het bestand is groter dan 2 MB."))
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError(_("Het bestand is geen UTF-8-tekst.")) from exc
        return parse_boundary(text)

    def clean_boundary_text(self):
        text = self.cleaned_data.get("boundary_text", "").strip()
        return parse_boundary(text) if text else None

    def clean(self):
        cleaned = super().clean()
        kind, parent = cleaned.get("kind"), cleaned.get("parent")
        if kind == Area.Kind.NEIGHBOURHOOD and not parent and "parent" not in self.errors:
            self.add_error("parent", _("Kies de wijk waarin deze buurt ligt."))
        if kind == Area.Kind.DISTRICT and parent:
            self.add_error("parent", _("Een wijk ligt niet in een ander gebied; laat dit leeg."))
        return cleaned

    def _post_clean(self):
        # The model forbids a parent on a wijk; that is reported above in Dutch already.
        if self.cleaned_data.get("kind") == Area.Kind.DISTRICT and self.cleaned_data.get("parent"):
            return
        super()._post_clean()

    def boundary_value(self):
        """What to do with the boundary: a new geometry, None (remove) or KEEP."""
        if self.cleaned_data.get("clear_boundary"):
            return None
        boundary = self.cleaned_data.get("boundary_file") or self.cleaned_data.get("boundary_text")
        return boundary if boundary is not None else KEEP

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class _ReferenceForm(forms.ModelForm):
    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ThemeForm(_ReferenceForm):
    class Meta:
        model = Theme
        fields = ["code", "name", "order"]
        labels = {"code": _("Code"), "name": _("Naam"), "order": _("Volgorde")}
        help_texts = {"code": _("Korte vaste sleutel: kleine letters, cijfers en -.")}


class CategoryForm(_ReferenceForm):
    class Meta:
        model = Category
        fields = ["theme", "name"]
        labels = {"theme": _("Thema"), "name": _("Naam")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.theme_id if self.instance.pk else None
        self.fields["theme"].queryset = _active_or_current(Theme, current)


class OffenceForm(_ReferenceForm):
    class Meta:
        model = Offence
        fields = [
            "code",
            "description",
            "legal_basis",
            "theme",
            "default_intervention",
            "default_amount",
            "group",
            "premises_bound",
        ]
        labels = {
            "code": _("Feitcode"),
            "description": _("Omschrijving"),
            "legal_basis": _("Grondslag"),
            "theme": _("Thema"),
            "default_intervention": _("Standaardinterventie"),
            "default_amount": _("Standaardbedrag (€)"),
            "group": _("Groep (voor herhaling)"),
            "premises_bound": _("Gebonden aan een inrichting (de exploitant is de overtreder)"),
        }
        help_texts = {
            "group": _(
                "Eerdere overtredingen door dezelfde overtreder tellen mee binnen de groep; "
                "zonder groep alleen van dit feit."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        inst = self.instance if self.instance.pk else None
        self.fields["theme"].queryset = _active_or_current(Theme, inst and inst.theme_id)
        self.fields["default_intervention"].queryset = _active_or_current(
            InterventionType, inst and inst.default_intervention_id
        )
        self.fields["default_amount"].widget.attrs.update({"min": "0", "step": "0.01"})
        self.fields["group"].queryset = _active_or_current(OffenceGroup, inst and inst.group_id)

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()


class OffenceGroupForm(_ReferenceForm):
    class Meta:
        model = OffenceGroup
        fields = ["code", "name"]
        labels = {"code": _("Code"), "name": _("Naam")}
        help_texts = {"code": _("Korte vaste sleutel: kleine letters, cijfers en -.")}


class InterventionTypeForm(_ReferenceForm):
    class Meta:
        model = InterventionType
        fields = [
            "code",
            "name",
            "ladder_step",
            "needs_offender",
            "needs_amount",
            "produces_letter",
        ]
        labels = {
            "code": _("Code"),
            "name": _("Naam"),
            "ladder_step": _("Trede op de escalatieladder"),
            "needs_offender": _("Vraagt gegevens van de overtreder"),
            "needs_amount": _("Vraagt een bedrag"),
            "produces_letter": _("Maakt een brief"),
        }
        help_texts = {"ladder_step": _("1 is het lichtst; hoger is zwaarder.")}


class CaseTypeForm(_ReferenceForm):
    class Meta:
        model = CaseType
        fields = ["code", "name", "standard_term_days"]
        labels = {
            "code": _("Code"),
            "name": _("Naam"),
            "standard_term_days": _("Standaardtermijn (werkdagen)"),
        }
        help_texts = {"standard_term_days": _("Minimaal 1 werkdag.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["standard_term_days"].min_value = 1
        self.fields["standard_term_days"].widget.attrs["min"] = "1"


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-bestand"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


class ReferenceFilterForm(forms.Form):
    """The reference lists' search, status and area kind, and the new category's theme,
    validated before any query: a value that is no choice falls back to the default."""

    q = forms.CharField(required=False, max_length=100)
    status = forms.ChoiceField(
        required=False, choices=[("active", "active"), ("inactive", "inactive"), ("all", "all")]
    )
    area_kind = forms.ChoiceField(required=False, choices=[("", ""), *Area.Kind.choices])
    theme = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)

    def value(self, name: str, default=""):
        self.is_valid()
        if name in self.errors:
            return default
        value = self.cleaned_data.get(name)
        return default if value in (None, "") else value
