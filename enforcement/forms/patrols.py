"""Forms of patrol logs: start, end, effort split, correction by the team lead."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.forms_util import ModelChoiceField, ModelMultipleChoiceField
from accounts.models import Team, User
from accounts.offline import RecordedAtField
from accounts.roles import Capability as C
from accounts.roles import roles_with
from accounts.selectors import users_for_choice
from enforcement import extensions
from enforcement.models import Area, PatrolEffort, PatrolLog, Theme

DT_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=DT_FORMAT)


def _dt_field(label: str, required: bool = True) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        widget=DateTimeLocalInput(),
        input_formats=[DT_FORMAT, "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
    )


def boa_users():
    return (
        users_for_choice()
        .filter(role__in=roles_with(C.PATROL_LOG_OWN))
        .order_by("first_name", "last_name")
    )


class PatrolStartForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("Vervoer"),
        choices=PatrolLog.Mode.choices,
        initial=PatrolLog.Mode.FOOT,
        widget=forms.RadioSelect,
    )
    joint_with_police = forms.BooleanField(label=_("Samen met politie"), required=False)
    companions = ModelMultipleChoiceField(
        label=_("Samen met (andere boa's)"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    areas = ModelMultipleChoiceField(
        label=_("Gebieden"),
        queryset=Area.objects.filter(active=True).order_by("kind", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    team = ModelChoiceField(
        label=_("Team"), queryset=Team.objects.filter(active=True), required=True
    )
    started_at = forms.DateTimeField(
        label=_("Al eerder begonnen? Begintijd (leeg = nu)"),
        required=False,
        widget=DateTimeLocalInput(),
        input_formats=[DT_FORMAT, "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
    )
    # The device's moment of saving (the submission key is accounts.submissions').
    recorded_at = RecordedAtField()

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].initial = user.team_id
        others = boa_users().exclude(pk=user.pk)
        if user.team_id:
            # Team mates first: they are who one patrols with.
            self.fields["companions"].queryset = others.filter(team_id=user.team_id)
        else:
            self.fields["companions"].queryset = others


class PatrolEndForm(forms.Form):
    ended_at = _dt_field(_("Eindtijd (leeg = nu)"), required=False)
    recorded_at = RecordedAtField()


class EffortRowForm(forms.Form):
    theme = ModelChoiceField(
        label=_("Thema"),
        queryset=Theme.objects.filter(active=True),
        required=False,
        empty_label=_("— kies een thema —"),
    )
    kind = forms.ChoiceField(
        label=_("Soort inzet"),
        choices=PatrolEffort.Kind.choices,
        initial=PatrolEffort.Kind.PLANNED,
    )
    minutes = forms.IntegerField(
        label=_("Minuten"),
        min_value=0,
        max_value=24 * 60,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 5}),
    )

    def __init__(self, *args, activity_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if activity_choices is not None:
            self.fields["activity"] = forms.TypedChoiceField(
                label=_("Programma-activiteit (bij gepland)"),
                choices=[("", "—")] + list(activity_choices),
                coerce=int,
                empty_value=None,
                required=False,
            )
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def clean(self):
        data = super().clean()
        theme, minutes = data.get("theme"), data.get("minutes")
        if minutes and not theme:
            self.add_error("theme", _("Kies een thema voor deze minuten."))
        if theme and not minutes:
            self.add_error("minutes", _("Vul het aantal minuten in."))
        if data.get("activity") and data.get("kind") != PatrolEffort.Kind.PLANNED:
            self.add_error("activity", _("Alleen geplande inzet hoort bij een activiteit."))
        return data


class BaseEffortFormSet(forms.BaseFormSet):
    def __init__(self, *args, activity_choices=None, **kwargs):
        self.activity_choices = activity_choices
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        kwargs["activity_choices"] = self.activity_choices
        return kwargs

    @property
    def empty_form(self):
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            activity_choices=self.activity_choices,
            renderer=self.renderer,
        )
        self.add_fields(form, None)
        return form


EffortFormSet = forms.formset_factory(
    EffortRowForm, formset=BaseEffortFormSet, extra=3, max_num=30, validate_max=True
)


def effort_formset(*, patrol_log: PatrolLog, data=None) -> BaseEffortFormSet:
    provider = extensions.get(extensions.EFFORT_ACTIVITY)
    choices = provider.choices(patrol_log=patrol_log) if provider is not None else None
    initial = None
    if data is None:
        efforts = list(patrol_log.efforts.select_related("theme"))
        labels = provider.labels(efforts=efforts) if provider and efforts else {}
        label_to_id = {label: pk for pk, label in (choices or [])}
        initial = [
            {
                "theme": e.theme,
                "kind": e.kind,
                "minutes": e.minutes,
                "activity": label_to_id.get(labels.get(e.pk, "")),
            }
            for e in efforts
        ]
    return EffortFormSet(data=data, initial=initial, prefix="effort", activity_choices=choices)


class PatrolCorrectForm(forms.Form):
    started_at = _dt_field(_("Begin"))
    ended_at = _dt_field(_("Einde"), required=False)
    mode = forms.ChoiceField(label=_("Vervoer"), choices=PatrolLog.Mode.choices)
    joint_with_police = forms.BooleanField(label=_("Samen met politie"), required=False)
    companions = ModelMultipleChoiceField(
        label=_("Samen met (andere boa's)"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    areas = ModelMultipleChoiceField(
        label=_("Gebieden"),
        queryset=Area.objects.filter(active=True).order_by("kind", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(
        label=_("Reden van de correctie"),
        max_length=300,
        required=True,
        widget=forms.TextInput(),
    )

    @classmethod
    def for_log(cls, log: PatrolLog, data=None):
        initial = {
            "started_at": timezone.localtime(log.started_at).strftime(DT_FORMAT),
            "ended_at": timezone.localtime(log.ended_at).strftime(DT_FORMAT)
            if log.ended_at
            else None,
            "mode": log.mode,
            "joint_with_police": log.joint_with_police,
            "areas": list(log.areas.all()),
            "companions": list(log.companions.all()),
        }
        form = cls(data=data, initial=initial)
        # The shift's team mates, and whoever already joined it from another team.
        joined = [u.pk for u in log.companions.all()]
        form.fields["companions"].queryset = (
            boa_users().exclude(pk=log.boa_id).filter(Q(team_id=log.team_id) | Q(pk__in=joined))
        )
        return form


class PatrolFilterForm(forms.Form):
    boa = ModelChoiceField(label=_("Boa"), queryset=User.objects.none(), required=False)
    date_from = forms.DateField(
        label=_("Van"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    theme = ModelChoiceField(
        label=_("Thema (met inzet)"),
        queryset=Theme.objects.order_by("order", "name"),
        required=False,
        empty_label=_("Alle thema's"),
    )
    area = ModelChoiceField(
        label=_("Gebied"),
        queryset=Area.objects.order_by("name"),
        required=False,
        empty_label=_("Alle gebieden"),
    )
    state = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Alle")),
            ("open", _("Open")),
            ("flagged", _("Te lang open")),
            ("ended", _("Beëindigd")),
        ],
    )
    sort = forms.ChoiceField(
        label=_("Sorteren"),
        required=False,
        choices=[
            ("-start", _("Nieuwste eerst")),
            ("start", _("Oudste eerst")),
            ("boa", _("Boa (A-Z)")),
            ("-effort", _("Meeste inzet")),
        ],
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        qs = boa_users()
        if not user.can(C.PATROL_LOG_VIEW_ALL):
            qs = qs.filter(team_id=user.team_id) if user.team_id else qs.filter(pk=user.pk)
        self.fields["boa"].queryset = qs
