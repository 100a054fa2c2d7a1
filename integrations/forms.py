from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import OutboundEvent
from integrations.services.signalen_import import MAX_UPLOAD_BYTES


class WebhookForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=120)
    target_url = forms.CharField(
        label=_("Adres (URL)"),
        max_length=500,
        help_text=_("Een https-adres van het ontvangende systeem; geen intern netwerkadres."),
    )
    event_kinds = forms.MultipleChoiceField(
        label=_("Gebeurtenissen"),
        choices=OutboundEvent.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
    )


class SignalenImportForm(forms.Form):
    file = forms.FileField(
        label=_("ZIP-export van Signalen"),
        help_text=_(
            "De export met signals.csv, locations.csv, categories.csv en statuses.csv, "
            "hoogstens %(mb)d MB."
        )
        % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)},
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"}),
    )
