from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms_util import ModelChoiceField
from accounts.roles import Role
from accounts.selectors import users_for_choice
from cases.models import Case


class LegalHoldForm(forms.Form):
    case_reference = forms.CharField(label=_("Zaaknummer"), max_length=20)
    reason = forms.CharField(label=_("Reden"), max_length=500)

    def clean_case_reference(self):
        reference = self.cleaned_data["case_reference"].strip().upper()
        case = Case.objects.filter(reference=reference).first()
        if case is None:
            raise forms.ValidationError(_("Er is geen zaak met dit zaaknummer."))
        self.cleaned_data["case"] = case
        return reference


class LiftHoldForm(forms.Form):
    reason = forms.CharField(label=_("Reden van opheffen"), max_length=500)


class AuditRequestForm(forms.Form):
    year = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)


class AuditSignForm(forms.Form):
    improvement_plan = forms.CharField(
        label=_("Verbeterplan"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        required=False,
    )


class PrivacyOfficerForm(forms.Form):
    user = ModelChoiceField(
        label=_("Privacy officer aanwijzen"),
        queryset=users_for_choice().exclude(role=Role.FUNCTIONAL_ADMIN),
    )
