from django import forms
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from accounts.forms_util import ModelChoiceField, ModelMultipleChoiceField
from accounts.models import Team
from accounts.roles import Role
from accounts.selectors import users_for_choice
from enforcement.models import Area, Category, Theme
from planning.models import (
    Activity,
    CapacityEntry,
    Evaluation,
    ExpertGroupMember,
    Goal,
    Indicator,
    Priority,
)

MONTH_CHOICES = [(m, MONTHS[m]) for m in range(1, 13)]
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProgrammeForm(forms.Form):
    year = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Titel"), max_length=200)


class DecisionForm(forms.Form):
    decision = forms.CharField(
        label=_("Besluit"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    decided_on = forms.DateField(
        label=_("Datum besluit"), widget=DATE_WIDGET, initial=timezone.localdate
    )


class ActivityForm(forms.ModelForm):
    start_month = forms.TypedChoiceField(label=_("Van maand"), choices=MONTH_CHOICES, coerce=int)
    end_month = forms.TypedChoiceField(
        label=_("T/m maand"), choices=MONTH_CHOICES, coerce=int, initial=12
    )

    class Meta:
        model = Activity
        fields = [
            "theme",
            "title",
            "description",
            "areas",
            "kind",
            "planned_hours",
            "start_month",
            "end_month",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "areas": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.filter(active=True)
        self.fields["areas"].queryset = Area.objects.filter(active=True, kind=Area.Kind.DISTRICT)
        self.fields["planned_hours"].min_value = 0

    def clean(self):
        data = super().clean()
        start, end = data.get("start_month"), data.get("end_month")
        if start and end and start > end:
            self.add_error("end_month", _("De laatste maand ligt voor de eerste maand."))
        hours = data.get("planned_hours")
        if hours is not None and hours < 0:
            self.add_error("planned_hours", _("Uren kunnen niet negatief zijn."))
        return data

    def _post_clean(self):  # the service validates the model; keep the form's errors only
        pass


class PriorityForm(forms.Form):
    """One row per activity: priority and deferral."""

    def __init__(self, *args, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.activities = activities
        for a in activities:
            self.fields[f"priority_{a.pk}"] = forms.TypedChoiceField(
                label=_("Prioriteit van %(a)s") % {"a": a.title},
                choices=[("", "–")] + list(Priority.choices),
                coerce=int,
                empty_value=None,
                required=False,
                initial=a.priority,
            )
            self.fields[f"deferred_{a.pk}"] = forms.BooleanField(
                label=_("Uitstellen"), required=False, initial=a.deferred
            )

    def rows(self):
        for a in self.activities:
            yield a, self[f"priority_{a.pk}"], self[f"deferred_{a.pk}"]

    def choices(self) -> dict:
        return {
            a.pk: (self.cleaned_data[f"priority_{a.pk}"], self.cleaned_data[f"deferred_{a.pk}"])
            for a in self.activities
        }


class FocusAreaForm(forms.Form):
    programme = ModelChoiceField(label=_("Programma"), queryset=None)
    title = forms.CharField(label=_("Aandachtsgebied"), max_length=200)
    theme = ModelChoiceField(
        label=_("Thema"), queryset=Theme.objects.filter(active=True), required=False
    )
    areas = ModelMultipleChoiceField(
        label=_("Gebieden"),
        queryset=Area.objects.filter(active=True, kind=Area.Kind.DISTRICT),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(
        label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes


class FocusAreaDecisionForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Besluit"),
        choices=[("1", _("Overnemen")), ("0", _("Niet overnemen"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reden"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class CapacitySelectForm(forms.Form):
    team = ModelChoiceField(label=_("Team"), queryset=Team.objects.filter(active=True))
    year = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)


class CapacityMonthForm(forms.ModelForm):
    class Meta:
        model = CapacityEntry
        fields = ["people", "contract_hours", "leave_hours", "training_hours", "overhead_hours"]

    def _post_clean(self):  # validated by the service (with the month's days)
        pass


class ThemePlanForm(forms.Form):
    theme = ModelChoiceField(label=_("Thema"), queryset=Theme.objects.filter(active=True))
    year = forms.IntegerField(
        label=_("Jaar"), min_value=2000, max_value=2100, initial=lambda: timezone.localdate().year
    )
    title = forms.CharField(label=_("Titel"), max_length=200)
    summary = forms.CharField(
        label=_("Samenvatting"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class GoalForm(forms.Form):
    title = forms.CharField(label=_("Doel"), max_length=300)
    description = forms.CharField(
        label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    indicator_name = forms.CharField(label=_("Indicator"), max_length=300)
    baseline = forms.DecimalField(label=_("Nulmeting"), max_digits=12, decimal_places=2)
    target = forms.DecimalField(label=_("Streefwaarde"), max_digits=12, decimal_places=2)
    measurement = forms.CharField(label=_("Hoe gemeten"), widget=forms.Textarea(attrs={"rows": 2}))
    source = forms.ChoiceField(label=_("Bron van de waarde"), choices=Indicator.Source.choices)
    category = ModelChoiceField(
        label=_("Categorie (bij meldingen)"), queryset=Category.objects.none(), required=False
    )
    areas = ModelMultipleChoiceField(
        label=_("Gebieden (bij meldingen)"),
        queryset=Area.objects.filter(active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(theme_id=plan.theme_id)

    @classmethod
    def initial_for(cls, goal: Goal) -> dict:
        ind = getattr(goal, "indicator", None)
        base = {"title": goal.title, "description": goal.description}
        if ind is None:
            return base
        return {
            **base,
            "indicator_name": ind.name,
            "baseline": ind.baseline,
            "target": ind.target,
            "measurement": ind.measurement,
            "source": ind.source,
            "category": ind.category_id,
            "areas": list(ind.areas.all()),
        }

    def goal_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("title", "description")}

    def indicator_data(self) -> dict:
        d = self.cleaned_data
        return {
            "name": d["indicator_name"],
            "baseline": d["baseline"],
            "target": d["target"],
            "measurement": d["measurement"],
            "source": d["source"],
            "category": d["category"],
            "areas": d["areas"],
        }


class IndicatorValueForm(forms.Form):
    measured_on = forms.DateField(label=_("Datum"), widget=DATE_WIDGET)
    value = forms.DecimalField(label=_("Waarde"), max_digits=12, decimal_places=2)
    source = forms.CharField(label=_("Bron"), max_length=300)


class ExpertGroupForm(forms.Form):
    theme = ModelChoiceField(label=_("Thema"), queryset=Theme.objects.filter(active=True))
    name = forms.CharField(label=_("Naam"), max_length=200)
    description = forms.CharField(
        label=_("Omschrijving"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class MemberForm(forms.Form):
    user = ModelChoiceField(
        label=_("Gebruiker (gemeente of partner met inlog)"),
        queryset=users_for_choice().exclude(role=Role.COUNCIL_MEMBER),
        required=False,
    )
    name = forms.CharField(label=_("Of: naam externe deskundige"), max_length=200, required=False)
    organisation = forms.CharField(label=_("Organisatie"), max_length=200, required=False)
    role = forms.CharField(label=_("Rol"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if not data.get("user") and not data.get("name"):
            raise forms.ValidationError(_("Kies een gebruiker of vul een naam in."))
        if not data.get("user") and not data.get("organisation"):
            self.add_error("organisation", _("Vul de organisatie van de externe deskundige in."))
        return data


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Datum"), widget=DATE_WIDGET, initial=timezone.localdate)
    attendees = ModelMultipleChoiceField(
        label=_("Aanwezig"),
        queryset=ExpertGroupMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label=_("Verslag"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Bij een geplande bijeenkomst: de agenda, als die er al is."),
    )
    planned = forms.BooleanField(
        label=_("Geplande bijeenkomst (nog niet gehouden)"),
        required=False,
        help_text=_("Een bijeenkomst in de toekomst legt u vast als gepland."),
    )

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = group.members.filter(active=True).select_related("user")


class EvaluationForm(forms.Form):
    goal = forms.IntegerField(label=_("Doel"), widget=forms.Select)
    judgement = forms.ChoiceField(
        label=_("Oordeel"), choices=Evaluation.Judgement.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    adjustment = forms.CharField(
        label=_("Bijsturing"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    follow_up = forms.ChoiceField(
        label=_("Vervolg"),
        choices=Evaluation.FollowUp.choices,
        initial=Evaluation.FollowUp.NONE,
        widget=forms.RadioSelect,
    )
    action_owner = ModelChoiceField(
        label=_("Eigenaar actiepunt"),
        queryset=users_for_choice().exclude(role=Role.COUNCIL_MEMBER),
        required=False,
    )
    action_due_on = forms.DateField(
        label=_("Actiepunt uiterlijk"), widget=DATE_WIDGET, required=False
    )

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        # Any goal id is accepted here; the service refuses goals of another group.
        self.fields["goal"].widget.choices = [(g.pk, f"{g.plan.year} – {g.title}") for g in goals]


class CapacityYearForm(forms.Form):
    """The capacity page's year (``?jaar=``); another value shows the current year."""

    jaar = forms.IntegerField(required=False, min_value=2000, max_value=2100)

    def year(self, default: int) -> int:
        self.is_valid()
        return self.cleaned_data.get("jaar") or default if "jaar" not in self.errors else default
