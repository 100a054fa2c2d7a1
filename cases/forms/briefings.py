"""Briefing forms: they parse and show input; the rules live in the services."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.forms_util import ModelMultipleChoiceField
from accounts.models import PartnerOrganisation, User
from accounts.roles import TEAM_ROLES, Role
from accounts.selectors import users_for_choice
from cases.forms.cases import DATE
from cases.models import Case
from enforcement.models import Area

WEEKDAYS = [
    (0, "maandag"),
    (1, "dinsdag"),
    (2, "woensdag"),
    (3, "donderdag"),
    (4, "vrijdag"),
    (5, "zaterdag"),
    (6, "zondag"),
]


class ParticipantsField(ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        extra = obj.partner_organisation if obj.partner_organisation_id else obj.get_role_display()
        return f"{obj} ({extra})"


class BriefingForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200, initial="Gezamenlijke briefing")
    recurring = forms.BooleanField(label=_("Terugkerend"), required=False)
    date = forms.DateField(label=_("Datum (of eerste datum)"), widget=DATE)
    time = forms.TimeField(
        label=_("Tijd"), widget=forms.TimeInput(attrs={"type": "time"}), initial="08:30"
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Weekdagen (bij terugkerend)"),
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    weeks = forms.IntegerField(
        label=_("Aantal weken vooruit plannen"), min_value=1, max_value=12, initial=4
    )
    location = forms.CharField(label=_("Locatie"), max_length=200, required=False)
    areas = ModelMultipleChoiceField(
        label=_("Gebieden"),
        queryset=Area.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
    )
    participants = ParticipantsField(
        label=_("Deelnemers"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, team_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = (
            users_for_choice()
            .filter(Q(team_id=team_id, role__in=TEAM_ROLES) | Q(role=Role.PARTNER))
            .select_related("partner_organisation")
            .order_by("role", "first_name")
        )

    def clean(self):
        data = super().clean()
        if data.get("recurring") and not data.get("weekdays"):
            self.add_error("weekdays", _("Kies ten minste één weekdag."))
        if data.get("date") and data["date"] < timezone.localdate():
            self.add_error("date", _("De datum ligt in het verleden."))
        return data


class AgendaItemForm(forms.Form):
    text = forms.CharField(label=_("Nieuw agendapunt"), max_length=500)


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Verslag"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )


class BriefingActionItemForm(forms.Form):
    """Case from the agenda (a short list on a phone) or any visible case by its number."""

    case = forms.TypedChoiceField(label=_("Zaak"), coerce=int, required=False, empty_value=None)
    case_reference = forms.CharField(
        label=_("of zaaknummer"), required=False, max_length=20, help_text=_("Bijv. Z-2026-000123")
    )
    description = forms.CharField(label=_("Actie"), max_length=500)
    owner = forms.ChoiceField(label=_("Eigenaar"))
    due_date = forms.DateField(label=_("Uiterlijk"), widget=DATE)

    def __init__(self, *args, agenda_cases=(), visible_cases=None, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.visible_cases = visible_cases if visible_cases is not None else Case.objects.none()
        self.fields["case"].choices = [("", "—")] + [(c.pk, str(c)) for c in agenda_cases]
        self.fields["owner"].choices = owners or []
        if not self.is_bound:
            self.initial.setdefault("due_date", timezone.localdate() + dt.timedelta(days=7))

    def clean(self):
        data = super().clean()
        ref = (data.get("case_reference") or "").strip()
        qs = self.visible_cases
        found = None
        if ref:
            found = qs.filter(reference__iexact=ref).first()
            if found is None:
                self.add_error("case_reference", _("Zaak niet gevonden of niet zichtbaar."))
        elif data.get("case"):
            found = qs.filter(pk=data["case"]).first()
            if found is None:
                self.add_error("case", _("Zaak niet gevonden of niet zichtbaar."))
        elif not self.errors:
            self.add_error("case", _("Kies een zaak of vul een zaaknummer in."))
        data["case_obj"] = found
        return data

    def owner_objects(self):
        kind, _, pk = self.cleaned_data["owner"].partition(":")
        if kind == "u":
            return User.objects.filter(pk=pk).first(), None
        if kind == "o":
            return None, PartnerOrganisation.objects.filter(pk=pk).first()
        return None, None


class BriefingListForm(forms.Form):
    """The briefing list's tab (``?show=``): upcoming unless "past" is asked for."""

    show = forms.ChoiceField(required=False, choices=[("upcoming", "upcoming"), ("past", "past")])

    def value(self) -> str:
        self.is_valid()
        return (
            self.cleaned_data.get("show") or "upcoming" if "show" not in self.errors else "upcoming"
        )
