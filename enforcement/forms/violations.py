"""Forms of violations, offender data and letter templates."""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import privacy
from accounts.forms_util import ModelChoiceField
from accounts.offline import RecordedAtField
from enforcement.letters import LetterTemplateError, check_template_text
from enforcement.models import (
    Area,
    InterventionType,
    LetterTemplate,
    Offence,
    Offender,
    Theme,
    Violation,
)


class ViolationForm(forms.Form):
    offence = ModelChoiceField(
        label=_("Feit"),
        queryset=Offence.objects.filter(active=True).order_by("code"),
        empty_label=_("— kies een feit —"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    committed_on = forms.DateField(
        label=_("Datum"),
        # data-hh-now: a page kept on the device gets the device's date when opened.
        widget=forms.DateInput(attrs={"type": "date", "data-hh-now": "date"}, format="%Y-%m-%d"),
    )
    address = forms.CharField(label=_("Adres van de overtreding"), max_length=300, required=False)
    attitude = forms.ChoiceField(
        label=_("Houding overtreder"), choices=Violation.Attitude.choices, widget=forms.RadioSelect
    )
    consequence = forms.ChoiceField(
        label=_("Gevolg van de overtreding"),
        choices=Violation.Consequence.choices,
        widget=forms.RadioSelect,
    )
    intervention = ModelChoiceField(
        label=_("Interventie"),
        queryset=InterventionType.objects.filter(active=True),
        required=False,
        empty_label=_("— het voorstel —"),
    )
    deviation_reason = forms.CharField(
        label=_("Reden van afwijking van het voorstel"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    offender_kind = forms.ChoiceField(
        label=_("Overtreder is een"),
        choices=Offender.Kind.choices,
        initial=Offender.Kind.PERSON,
        widget=forms.RadioSelect,
        required=False,
    )
    offender_name = forms.CharField(label=_("Naam"), max_length=200, required=False)
    offender_date_of_birth = forms.DateField(
        label=_("Geboortedatum"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    offender_address = forms.CharField(label=_("Adres"), max_length=300, required=False)
    offender_coc_number = forms.CharField(
        label=_("KvK-nummer"),
        max_length=8,
        required=False,
        validators=[RegexValidator(r"^[0-9]{8}$", _("Een KvK-nummer bestaat uit 8 cijfers."))],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    amount = forms.DecimalField(
        label=_("Bedrag (€)"),
        required=False,
        min_value=0,
        max_digits=9,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}),
    )
    # Set by the device when it stored the form without a connection (the queue).
    recorded_at = RecordedAtField()

    def __init__(self, *args, incident=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and incident is not None:
            self.initial.setdefault("address", incident.address)
            self.initial.setdefault("committed_on", timezone.localdate())
            self.initial.setdefault("offender_kind", Offender.Kind.PERSON)

    def clean_committed_on(self):
        value = self.cleaned_data["committed_on"]
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("De datum ligt in de toekomst."))
        return value


class OffenderForm(forms.Form):
    offender_kind = ViolationForm.base_fields["offender_kind"]
    offender_name = forms.CharField(label=_("Naam"), max_length=200)
    offender_date_of_birth = ViolationForm.base_fields["offender_date_of_birth"]
    offender_address = ViolationForm.base_fields["offender_address"]
    offender_coc_number = ViolationForm.base_fields["offender_coc_number"]


class ViolationFilterForm(forms.Form):
    def __init__(self, *args, personal_data: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not personal_data:
            del self.fields["person"]
            del self.fields["date_of_birth"]

    q = forms.CharField(
        label=_("Zoek (volledig kenmerk, feitcode of omschrijving)"), required=False
    )
    person = forms.CharField(
        label=_("Gericht zoeken: naam, volledig adres of KvK-nummer van de overtreder"),
        help_text=_("Een naam zoekt alleen gericht samen met de geboortedatum."),
        required=False,
        max_length=200,
    )
    date_of_birth = forms.DateField(
        label=_("Geboortedatum (bij een naam)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    purpose = privacy.purpose_field()
    intervention = ModelChoiceField(
        label=_("Interventie"), queryset=InterventionType.objects.all(), required=False
    )
    # The theme of the violation's incident: what the management figures count by.
    theme = ModelChoiceField(
        label=_("Thema (van de melding)"),
        queryset=Theme.objects.order_by("order", "name"),
        required=False,
        empty_label=_("Alle thema's"),
    )
    area = ModelChoiceField(
        label=_("Gebied (van de melding)"),
        queryset=Area.objects.order_by("name"),
        required=False,
        empty_label=_("Alle gebieden"),
    )
    date_from = forms.DateField(
        label=_("Van"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    mine = forms.BooleanField(label=_("Alleen door mij vastgelegd"), required=False)
    sort = forms.ChoiceField(
        label=_("Sorteren"),
        required=False,
        choices=[
            ("-date", _("Nieuwste eerst")),
            ("date", _("Oudste eerst")),
            ("reference", _("Kenmerk")),
            ("offence", _("Feitcode")),
        ],
    )


class LetterTemplateForm(forms.ModelForm):
    class Meta:
        model = LetterTemplate
        fields = ["name", "subject", "body", "active"]
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}

    def clean_subject(self):
        return self._check(self.cleaned_data["subject"])

    def clean_body(self):
        return self._check(self.cleaned_data["body"])

    def _check(self, text: str) -> str:
        try:
            check_template_text(text)
        except LetterTemplateError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return text


class OffenceSearchForm(forms.Form):
    """The violation form's offence search box and preselected offence (htmx), validated
    before the catalogue is queried: too long or not an id means no search, no choice."""

    offence_q = forms.CharField(required=False, max_length=100)
    offence = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)

    def value(self, name: str):
        self.is_valid()
        return None if name in self.errors else self.cleaned_data.get(name)
