"""Forms of incidents: registration (phone first), status, list filters."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import privacy
from accounts.forms_util import ModelChoiceField
from accounts.listing import valid_filters
from accounts.models import User
from accounts.offline import RecordedAtField
from accounts.roles import TEAM_ROLES, Capability
from accounts.selectors import users_for_choice
from enforcement.models import Area, Category, Incident, Theme
from enforcement.selectors.incidents import SORTS, IncidentFilter
from enforcement.services import incidents as services


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Up to MAX_PHOTOS photos, each checked by content and re-encoded without metadata."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/heic,image/heif"}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data or []) if f] if isinstance(data, list | tuple) else []
        if data and not isinstance(data, list | tuple):
            files = [data]
        if not files:
            return []
        if len(files) > services.MAX_PHOTOS:
            raise ValidationError(
                _("U koos %(n)s foto's; een melding heeft hoogstens %(max)s.")
                % {"n": len(files), "max": services.MAX_PHOTOS}
            )
        prepared, errors = [], []
        for upload in files:
            try:
                prepared.append(services.photo_prepare(upload))
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            errors.append(_("Kies de foto's opnieuw; de rest van het formulier is bewaard."))
            raise ValidationError(errors)
        return prepared


def _ordered_by_recent(qs, recent_ids: list[int]):
    if not recent_ids:
        return qs
    return qs.annotate(
        recent_rank=Case(
            *[When(pk=pk, then=Value(i)) for i, pk in enumerate(recent_ids)],
            default=Value(len(recent_ids)),
            output_field=IntegerField(),
        )
    ).order_by("recent_rank", *qs.model._meta.ordering)


class IncidentForm(forms.Form):
    theme = ModelChoiceField(
        label=_("Thema"),
        queryset=Theme.objects.filter(active=True),
        empty_label=_("Kies een thema"),
    )
    category = ModelChoiceField(
        label=_("Categorie"),
        queryset=Category.objects.filter(active=True).select_related("theme"),
        required=False,
        empty_label=_("(geen)"),
    )
    latitude = forms.FloatField(
        label=_("Breedtegraad"),
        required=False,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    longitude = forms.FloatField(
        label=_("Lengtegraad"),
        required=False,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    address = forms.CharField(
        label=_("Adres"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
        help_text=_("Straat en huisnummer, of gebruik de knop voor de GPS-locatie."),
    )
    occurred_at = forms.DateTimeField(
        label=_("Tijdstip"),
        widget=forms.DateTimeInput(
            # data-hh-now: a page kept on the device gets the device's time when opened.
            attrs={"type": "datetime-local", "data-hh-now": "datetime"},
            format="%Y-%m-%dT%H:%M",
        ),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%d-%m-%Y %H:%M"],
    )
    description = forms.CharField(
        label=_("Korte omschrijving"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    priority = forms.TypedChoiceField(
        label=_("Prioriteit"),
        choices=Incident.Priority.choices,
        coerce=int,
        initial=Incident.Priority.NORMAL,
    )
    source = forms.ChoiceField(
        label=_("Bron"),
        choices=[c for c in Incident.Source.choices if c[0] != Incident.Source.IMPORT],
        initial=Incident.Source.OWN_OBSERVATION,
    )
    reporter_name = forms.CharField(label=_("Naam melder"), max_length=200, required=False)
    reporter_contact = forms.CharField(
        label=_("Telefoon of e-mail melder"), max_length=200, required=False
    )
    reported_by = ModelChoiceField(
        label=_("Namens boa"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("(geen boa: melding van bewoner, politie of partner)"),
    )
    photos = MultiplePhotoField(
        label=_("Foto's"),
        required=False,
        help_text=_("JPEG, PNG of HEIC, hoogstens 15 MB per foto, maximaal 10."),
    )
    # Set by the device when it stored the form without a connection (the queue).
    recorded_at = RecordedAtField()

    def __init__(self, *args, user, recent_theme_ids=(), recent_category_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["theme"].queryset = _ordered_by_recent(
            Theme.objects.filter(active=True), list(recent_theme_ids)
        )
        self.fields["category"].queryset = _ordered_by_recent(
            Category.objects.filter(active=True).select_related("theme"),
            list(recent_category_ids),
        )
        self.fields["category"].label_from_instance = lambda c: f"{c.theme.name}: {c.name}"
        self.on_behalf = user.can(Capability.INCIDENT_CREATE_ON_BEHALF)
        if self.on_behalf:
            boas = users_for_choice().filter(role__in=TEAM_ROLES)
            if not user.can(Capability.INCIDENT_VIEW_ALL):
                boas = (
                    boas.filter(team_id=user.team_id) if user.team_id else boas.filter(pk=user.pk)
                )
            self.fields["reported_by"].queryset = boas.order_by("first_name", "last_name")
            if user.can(Capability.INCIDENT_CREATE):
                self.fields["reported_by"].initial = user.pk
        else:
            del self.fields["reported_by"]
        if not self.is_bound:
            self.initial.setdefault(
                "occurred_at", timezone.localtime().replace(second=0, microsecond=0)
            )

    def clean_occurred_at(self):
        value = self.cleaned_data["occurred_at"]
        services.check_occurred_at(value)
        return value

    def clean(self):
        data = super().clean()
        lat, lon = data.get("latitude"), data.get("longitude")
        try:
            services.check_coordinates(lat, lon)
        except ValidationError as exc:
            self.add_error("latitude", exc)
        if lat is None and lon is None and not (data.get("address") or "").strip():
            self.add_error("address", _("Geef een adres op of gebruik de GPS-locatie."))
        theme, category = data.get("theme"), data.get("category")
        if theme and category and category.theme_id != theme.pk:
            self.add_error("category", _("Deze categorie hoort niet bij het gekozen thema."))
        if data.get("source") not in services.SOURCES_WITH_REPORTER:
            # Personal data only where the source needs it (resident, partner).
            data["reporter_name"] = data["reporter_contact"] = ""
        return data

    def incident_fields(self) -> dict:
        """The cleaned incident as ``services.incident_create`` takes it, the same for the
        page, the API and Open311; who reported it, photos and the device's time are the
        caller's to add."""
        data = self.cleaned_data
        return {
            "theme": data["theme"],
            "category": data.get("category"),
            "occurred_at": data["occurred_at"],
            "address": data.get("address") or "",
            "latitude": data.get("latitude"),
            "longitude": data.get("longitude"),
            "description": data.get("description") or "",
            "priority": data["priority"],
            "source": data["source"],
            "reporter_name": data.get("reporter_name") or "",
            "reporter_contact": data.get("reporter_contact") or "",
        }


class PhotosForm(forms.Form):
    photos = MultiplePhotoField(label=_("Foto's toevoegen"), required=True)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Nieuwe status"), choices=Incident.Status.choices)


class IncidentFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Zoeken (woorden, of een volledig kenmerk)"), required=False, max_length=200
    )
    address = forms.CharField(
        label=_("Adres"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"placeholder": _("bijv. Kerkstraat 5")}),
        help_text=_(
            "Een volledig adres met huisnummer zoekt gericht; een deel van een adres "
            "zoekt binnen de bladergrens."
        ),
    )
    purpose = privacy.purpose_field()
    # Plain choices from values_list: no per-row model instances, no server-side cursor.
    theme = forms.TypedChoiceField(label=_("Thema"), required=False, coerce=int, empty_value=None)
    area = forms.TypedChoiceField(label=_("Gebied"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle statussen")), *Incident.Status.choices],
    )
    source = forms.ChoiceField(
        label=_("Bron"), required=False, choices=[("", _("Alle bronnen")), *Incident.Source.choices]
    )
    date_from = forms.DateField(
        label=_("Van"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    scope = forms.ChoiceField(
        label=_("Van wie"),
        required=False,
        choices=[
            ("", _("Alles wat ik mag zien")),
            ("mine", _("Mijn meldingen")),
            ("team", _("Mijn team")),
        ],
    )
    sort = forms.ChoiceField(
        label=_("Sorteren"),
        required=False,
        choices=[
            ("-occurred_at", _("Nieuwste eerst")),
            ("occurred_at", _("Oudste eerst")),
            ("-priority", _("Hoogste prioriteit")),
            ("-reference", _("Kenmerk aflopend")),
            ("reference", _("Kenmerk oplopend")),
        ],
    )
    per_page = forms.TypedChoiceField(
        label=_("Per pagina"),
        required=False,
        coerce=int,
        choices=[(25, "25"), (50, "50"), (100, "100")],
        empty_value=25,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [
            ("", _("Alle thema's")),
            *Theme.objects.order_by("order", "name").values_list("pk", "name"),
        ]
        areas = Area.objects.filter(active=True).order_by("kind", "name")
        self.fields["area"].choices = [
            ("", _("Alle gebieden")),
            *(
                (pk, name if kind == Area.Kind.DISTRICT else f"– {name}")
                for pk, name, kind in areas.values_list("pk", "name", "kind")
            ),
        ]
        # Plain Bootstrap classes: the list page renders these without crispy (speed; the
        # widgets themselves are built in Python by config.form_renderer).
        for field in self.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs.setdefault("class", "form-select" if is_select else "form-control")

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("De einddatum ligt voor de begindatum."))
        return data

    def to_filter(self) -> IncidentFilter:
        data = valid_filters(self)
        sort = data.get("sort") or "-occurred_at"
        return IncidentFilter(
            theme_id=data.get("theme"),
            area_id=data.get("area"),
            status=data.get("status") or "",
            source=data.get("source") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            scope=data.get("scope") or "",
            q=data.get("q") or "",
            address=data.get("address") or "",
            sort=sort if sort in SORTS else "-occurred_at",
            purpose=data.get("purpose") or "",
        )
