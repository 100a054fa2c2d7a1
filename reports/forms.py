from django import forms
from django.utils.translation import gettext_lazy as _

from reports.models import CouncilReport
from reports.periods import Period, PeriodError


class BuildRequestForm(forms.Form):
    period = forms.CharField(
        label=_("Periode"),
        max_length=10,
        help_text=_("Een afgelopen kwartaal (2026Q3) of jaar (2025)."),
    )

    def clean_period(self) -> Period:
        try:
            return Period.parse(self.cleaned_data["period"], allow_open=False)
        except PeriodError as exc:
            raise forms.ValidationError(str(exc)) from exc


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
