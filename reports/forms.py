from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms_util import ModelChoiceField
from enforcement.models import Theme
from reports.models import CouncilReport
from reports.periods import Period, PeriodError, first_data_year, period_choices


def running_label(period: Period) -> str:
    """A period's label, marked when it has not ended (its figures are not complete)."""
    return period.label if period.is_complete() else f"{period.label} ({_('loopt nog')})"


class PeriodField(forms.Field):
    """A quarter or year picked from a list (``period_choices``), cleaned to a ``Period``.

    What arrives is parsed like typed text (``?period=2026Q3`` keeps working), so a
    period that is no period, lies in the future or (``allow_open=False``) has not
    ended is refused with the Dutch message of ``Period.parse``.
    """

    widget = forms.Select

    def __init__(self, *, allow_open: bool, **kwargs):
        self.allow_open = allow_open
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("class", "form-select")

    def set_periods(self, periods: list[Period], *, extra: tuple[str, str] | None = None):
        quarters = [(p.code, running_label(p)) for p in periods if not p.is_year]
        years = [(p.code, running_label(p)) for p in periods if p.is_year]
        choices = [(str(_("Kwartalen")), quarters), (str(_("Jaren")), years)]
        if extra and extra[0] not in {code for code, _label in quarters + years}:
            choices.insert(0, extra)
        self.widget.choices = choices

    def to_python(self, value) -> Period | None:
        if value in self.empty_values:
            return None
        try:
            return Period.parse(str(value), allow_open=self.allow_open)
        except PeriodError as exc:
            raise forms.ValidationError(str(exc), code="period") from exc


class PeriodFormMixin:
    """Offers the periods with data (and the recent ones) in ``period``; a submitted
    value that is not in the list stays selected, so what was sent is what is shown."""

    def _offer_periods(self, periods: list[Period] | None = None) -> None:
        field = self.fields["period"]
        self.periods = periods or period_choices(
            first_year=first_data_year(), allow_open=field.allow_open
        )
        extra = None
        raw = (self.data.get(self.add_prefix("period")) or "").strip() if self.is_bound else ""
        if raw:
            try:
                extra = (raw, Period.parse(raw).label)
            except PeriodError:
                extra = (raw, raw[:20])
        field.set_periods(self.periods, extra=extra)

    def select(self, period: Period) -> None:
        """Show ``period`` as the choice of an unbound form (also when not in the list)."""
        self.initial["period"] = period.code
        self.fields["period"].set_periods(self.periods, extra=(period.code, running_label(period)))


class BuildRequestForm(PeriodFormMixin, forms.Form):
    period = PeriodField(
        label=_("Periode"),
        allow_open=False,
        help_text=_("Een afgelopen kwartaal of jaar."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._offer_periods()


class DashboardPeriodForm(PeriodFormMixin, forms.Form):
    """The dashboard's period and theme (GET). An invalid value is not an error page:
    ``choice()`` falls back to the last complete quarter or all themes and says so."""

    period = PeriodField(label=_("Periode"), allow_open=True, required=False)
    theme = ModelChoiceField(
        label=_("Thema"),
        queryset=Theme.objects.filter(active=True).order_by("order", "name"),
        required=False,
        empty_label=_("Alle thema's"),
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"invalid_choice": _("Onbekend thema; alle thema's getoond.")},
    )

    def __init__(self, *args, periods: list[Period] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._offer_periods(periods)

    def choice(self) -> tuple[Period, Theme | None, list[str]]:
        """(period, theme, messages): what to show, and why it is not what was asked."""
        default = Period.last_completed_quarter()
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        errors = []
        period = data.get("period") or default
        if "period" in self.errors:
            errors.append(f"{self.errors['period'][0]} U ziet {default.label}.")
        if "theme" in self.errors:
            errors.append(str(self.errors["theme"][0]))
        theme = data.get("theme")
        return period, theme, errors

    def showing(self, period: Period, theme: Theme | None) -> DashboardPeriodForm:
        """An unbound form that shows what the page shows (also after a refused value)."""
        form = type(self)(initial={"theme": theme.pk if theme else None}, periods=self.periods)
        form.select(period)
        return form


class ReportTextForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "What changed" only means something for a correction (version 2 and later).
        if self.instance.version <= 1:
            del self.fields["change_note"]

    class Meta:
        model = CouncilReport
        fields = ["introduction", "change_note"]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 8}),
            "change_note": forms.Textarea(attrs={"rows": 3}),
        }


class PortalCompareForm(forms.Form):
    """Two published reports (the latest version of two periods), by id."""

    a = forms.TypedChoiceField(label=_("Periode A"), coerce=int)
    b = forms.TypedChoiceField(label=_("Periode B"), coerce=int)

    def __init__(self, *args, entries: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(e["latest"].pk, e["latest"].period_obj.label) for e in entries]
        for name in ("a", "b"):
            self.fields[name].choices = choices
            self.fields[name].widget.attrs["class"] = "form-select"
            self.fields[name].error_messages["invalid_choice"] = _(
                "Kies twee gepubliceerde rapportages."
            )
        if len(choices) > 1:
            self.fields["a"].initial, self.fields["b"].initial = choices[1][0], choices[0][0]

    def clean(self):
        data = super().clean()
        if data.get("a") is not None and data.get("a") == data.get("b"):
            raise forms.ValidationError(_("Kies twee verschillende perioden."))
        return data


class PortalTrendForm(forms.Form):
    """A measure (a table of the reports) to follow across the published quarters."""

    measure = forms.ChoiceField(label=_("Cijfer"), required=False)

    def __init__(self, *args, measures: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].choices = measures
        self.fields["measure"].widget.attrs["class"] = "form-select"
        self.fields["measure"].error_messages["invalid_choice"] = _(
            "Onbekend cijfer; kies er een uit de lijst."
        )
