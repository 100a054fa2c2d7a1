"""Case forms: they parse and show input; the rules live in the services."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.forms_util import ModelChoiceField
from accounts.models import PartnerOrganisation, User
from accounts.roles import TEAM_ROLES, Role
from accounts.selectors import users_for_choice
from cases.models import Case, CaseStatus
from enforcement.models import Area, CaseType, Theme

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


ID_MAX = 2**31 - 1


def _id_field() -> forms.IntegerField:
    return forms.IntegerField(required=False, min_value=1, max_value=ID_MAX)


def valid_ids(values) -> list[int]:
    """The values that are record ids (1 to the largest integer column); others dropped."""
    field = _id_field()
    out = []
    for value in values:
        try:
            cleaned = field.clean(value)
        except forms.ValidationError:
            continue
        if cleaned is not None:
            out.append(cleaned)
    return out


class CaseFilterForm(forms.Form):
    """The case list's selects, search box and sort, validated before any query.

    A value that is not one of the choices (or not an id) falls back to the default,
    as if it had not been given: the list is drawn by hand from the valid values.
    """

    STATUS_CHOICES = [("", ""), ("open", "open"), *CaseStatus.choices]
    DUE_CHOICES = [("", ""), ("overdue", "overdue"), ("week", "week")]

    status = forms.ChoiceField(required=False, choices=STATUS_CHOICES)
    case_type = _id_field()
    theme = _id_field()
    area = _id_field()
    assignee = _id_field()
    shared_with = _id_field()
    due = forms.ChoiceField(required=False, choices=DUE_CHOICES)
    q = forms.CharField(required=False, max_length=100)
    sort = forms.ChoiceField(required=False, choices=[])
    purpose = forms.CharField(required=False)

    def __init__(self, *args, sorts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sort"].choices = [("", ""), *((key, key) for key in sorts)]

    def values(self) -> dict:
        """The valid values; an invalid one is left out (its default applies)."""
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in self.errors and value not in (None, "")
        }


class CaseDateFilterForm(forms.Form):
    """The date filters of the case list (the other filters are plain selects).

    Whole local days, both ends inclusive. What the user typed stays in the fields
    when it is not a date; an invalid pair is not applied.
    """

    PAIRS = (("opened_from", "opened_to"), ("closed_from", "closed_to"))

    opened_from = forms.DateField(label=_("Geopend vanaf"), required=False, widget=DATE)
    opened_to = forms.DateField(label=_("Geopend t/m"), required=False, widget=DATE)
    closed_from = forms.DateField(label=_("Afgesloten vanaf"), required=False, widget=DATE)
    closed_to = forms.DateField(label=_("Afgesloten t/m"), required=False, widget=DATE)
    open_on = forms.DateField(label=_("Open aan het eind van"), required=False, widget=DATE)
    due_to = forms.DateField(label=_("Streefdatum t/m"), required=False, widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")

    def clean(self):
        data = super().clean()
        for start, end in self.PAIRS:
            if data.get(start) and data.get(end) and data[end] < data[start]:
                self.add_error(end, _("De einddatum ligt voor de begindatum."))
        return data

    def dates(self) -> dict:
        """The date filters that are valid (an invalid field or pair is left out)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        skip = set(self.errors)
        for pair in self.PAIRS:
            if skip & set(pair):
                skip |= set(pair)
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value is not None and name not in skip
        }

    @property
    def used(self) -> bool:
        return any(self.data.get(name) for name in self.fields)


class CaseOpenForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    case_type = ModelChoiceField(
        label=_("Zaaktype"),
        queryset=CaseType.objects.filter(active=True),
        empty_label=_("Kies een zaaktype"),
    )
    theme = ModelChoiceField(
        label=_("Thema"),
        queryset=Theme.objects.filter(active=True),
        required=False,
        empty_label=_("(het thema van de eerste melding)"),
        help_text=_("Leeg: het thema van de eerste melding."),
    )
    area = ModelChoiceField(
        label=_("Gebied"),
        queryset=Area.objects.filter(active=True),
        required=False,
        empty_label=_("(geen)"),
    )
    priority = forms.TypedChoiceField(
        label=_("Prioriteit"),
        choices=Case.Priority.choices,
        coerce=int,
        initial=Case.Priority.NORMAL,
    )
    description = forms.CharField(
        label=_("Omschrijving"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    incidents = forms.CharField(
        label=_("Meldingen (kenmerken of nummers, gescheiden door komma's)"),
        required=False,
    )


class CaseEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("Titel"), max_length=200)
    description = forms.CharField(
        label=_("Omschrijving"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    priority = forms.TypedChoiceField(
        label=_("Prioriteit"), choices=Case.Priority.choices, coerce=int
    )
    due_date = forms.DateField(label=_("Streefdatum"), widget=DATE)
    area = ModelChoiceField(
        label=_("Gebied"), queryset=Area.objects.filter(active=True), required=False
    )


class TransitionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    to_status = forms.ChoiceField(choices=CaseStatus.choices, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reden"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    confirm_open_items = forms.BooleanField(required=False, widget=forms.HiddenInput)


def assignable_users(team_id):
    return (
        users_for_choice()
        .filter(team_id=team_id, role__in=TEAM_ROLES)
        .order_by("first_name", "last_name")
    )


class AssignForm(forms.Form):
    # Required: without it the check "did someone else change the case meanwhile"
    # would be skipped. A missing one is a form error, shown above the form.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    assignee = ModelChoiceField(
        label=_("Behandelaar"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("— het team (niemand persoonlijk) —"),
    )

    def __init__(self, *args, team_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = assignable_users(team_id)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("version") is None and "version" not in self.errors:
            raise forms.ValidationError(
                _(
                    "Het formulier mist de versie van de zaak. Laad de zaak opnieuw en "
                    "wijs daarna toe."
                ),
                code="version_missing",
            )
        return cleaned


class BulkAssignForm(forms.Form):
    cases = forms.CharField(widget=forms.MultipleHiddenInput, required=False)
    assignee = ModelChoiceField(
        label=_("Toewijzen aan"),
        queryset=User.objects.none(),
        empty_label=_("Kies een behandelaar"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, team_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = assignable_users(team_id)


class ShareForm(forms.Form):
    partner_organisation = ModelChoiceField(
        label=_("Partnerorganisatie"),
        queryset=PartnerOrganisation.objects.filter(active=True),
        empty_label=_("Kies een organisatie"),
    )
    include_personal_data = forms.BooleanField(
        label=_("Ook persoonsgegevens van overtreders delen"),
        required=False,
        help_text=_("Alleen als het nodig is; dit wordt vastgelegd in het toegangslog."),
    )


class ActionItemForm(forms.Form):
    description = forms.CharField(label=_("Actie"), max_length=500)
    owner = forms.ChoiceField(label=_("Eigenaar"))
    due_date = forms.DateField(label=_("Uiterlijk"), widget=DATE)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = owner_choices(case)
        if not self.is_bound:
            self.initial.setdefault("due_date", timezone.localdate() + dt.timedelta(days=7))

    def owner_objects(self):
        kind, _, pk = self.cleaned_data["owner"].partition(":")
        if kind == "u":
            return User.objects.filter(pk=pk).first(), None
        return None, PartnerOrganisation.objects.filter(pk=pk).first()


def owner_choices(case) -> list:
    """People of the team and partners the case is shared with (service checks again)."""
    if case is None:
        return []
    staff = assignable_users(case.team_id)
    org_ids = list(case.shares.values_list("partner_organisation_id", flat=True))
    partners = users_for_choice().filter(role=Role.PARTNER, partner_organisation_id__in=org_ids)
    orgs = PartnerOrganisation.objects.filter(pk__in=org_ids)
    return (
        [("", "—")]
        + [(f"u:{u.pk}", str(u)) for u in staff]
        + [(f"o:{o.pk}", f"{o} (organisatie)") for o in orgs]
        + [(f"u:{u.pk}", f"{u} ({u.partner_organisation})") for u in partners]
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Notitie"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    visible_to_partners = forms.BooleanField(label=_("Zichtbaar voor partners"), required=False)


class DocumentForm(forms.Form):
    file = forms.FileField(
        label=_("Document (JPEG, PNG, HEIC of PDF, max. 15 MB)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/heic,application/pdf"}
        ),
    )


class LinkForm(forms.Form):
    references = forms.CharField(label=_("Kenmerken van meldingen of overtredingen"))


def case_filters(query, date_form: CaseDateFilterForm | None = None):
    """The case list's filters from its query parameters (the page, its export, the API)."""
    from accounts import privacy
    from cases import selectors

    date_form = date_form or CaseDateFilterForm(query or None)
    form = CaseFilterForm(query, sorts=selectors.SORTS)
    v = form.values()
    # No parameters at all, or a status that is none: the open cases; other filters
    # without a status: every status.
    if "status" in query:
        status = "open" if "status" in form.errors else v.get("status", "")
    else:
        status = "" if query else "open"
    return selectors.CaseFilters(
        status=status,
        case_type=v.get("case_type"),
        theme=v.get("theme"),
        area=v.get("area"),
        assignee=v.get("assignee"),
        due=v.get("due", ""),
        shared_with=v.get("shared_with"),
        q=v.get("q", ""),
        sort=v.get("sort", "due"),
        purpose=v.get("purpose", "")[: privacy.PURPOSE_MAX_LENGTH],
        **date_form.dates(),
    )
