"""A service's refusal lands on the form: on its field when the form has it."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from accounts.forms_util import apply_errors
from accounts.services import AccountError


class _Form(forms.Form):
    title = forms.CharField()


def _form():
    form = _Form({"title": "x"})
    assert form.is_valid()
    return form


def test_field_error_goes_on_the_field_and_unknown_fields_on_the_form():
    form = _form()
    apply_errors(form, ValidationError({"title": "Te kort.", "elsewhere": "Bestaat al."}))
    assert form.errors["title"] == ["Te kort."]
    assert form.non_field_errors() == ["Bestaat al."]


def test_plain_messages_and_other_refusals_are_non_field_errors():
    form = _form()
    apply_errors(form, ValidationError(["Eén.", "Twee."]))
    apply_errors(form, AccountError("U kunt uw eigen rol niet wijzigen.", field="role"))
    with translation.override("nl"):
        apply_errors(form, PermissionDenied())
    assert form.non_field_errors() == [
        "Eén.",
        "Twee.",
        "U kunt uw eigen rol niet wijzigen.",
        "Niet toegestaan.",
    ]
