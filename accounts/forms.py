from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.forms_util import ModelChoiceField
from accounts.models import AccessLogEntry, PartnerOrganisation, Team, User
from accounts.roles import TEAM_ROLES, Role, is_partner_role
from accounts.selectors import USER_SORTS


def membership_errors(cleaned: dict) -> dict[str, str]:
    """Team required for boa and team lead, organisation for (and only for) a partner."""
    role = cleaned.get("role")
    errors = {}
    if role in TEAM_ROLES and not cleaned.get("team"):
        errors["team"] = _("Kies het team van deze handhaver of teamleider.")
    if is_partner_role(role) and not cleaned.get("partner_organisation"):
        errors["partner_organisation"] = _("Kies de organisatie van deze partner.")
    if role and not is_partner_role(role) and cleaned.get("partner_organisation"):
        errors["partner_organisation"] = _(
            "Alleen een partner hoort bij een partnerorganisatie; laat dit veld leeg."
        )
    return errors


def lockout_message() -> forms.ValidationError:
    """What a locked-out login says, on the password step and on the code step alike."""
    from django.conf import settings

    return forms.ValidationError(
        _(
            "Te veel mislukte inlogpogingen. Inloggen is tijdelijk geblokkeerd: probeer "
            "het over %(minutes)s minuten opnieuw, of vraag de functioneel beheerder de "
            "blokkade op te heffen."
        )
        % {"minutes": settings.LOGIN_LOCKOUT_MINUTES},
        code="locked_out",
    )


class LoginForm(AuthenticationForm):
    """Django's login form; when axes refused the attempt it says so, in the form."""

    def get_invalid_login_error(self):
        if getattr(self.request, "axes_locked_out", False):
            return lockout_message()
        return super().get_invalid_login_error()

    def confirm_login_allowed(self, user):
        # The account of an API token (accounts.services.tokens) never logs in here.
        if user.is_system_account:
            raise self.get_invalid_login_error()
        super().confirm_login_allowed(user)


class UserForm(forms.ModelForm):
    """Create or change an account. The team/organisation rule is shown per field."""

    class Meta:
        model = User
        fields = [
            "username",
            "first_name",
            "last_name",
            "email",
            "phone",
            "role",
            "team",
            "partner_organisation",
        ]
        labels = {
            "username": _("Gebruikersnaam"),
            "first_name": _("Voornaam"),
            "last_name": _("Achternaam"),
            "email": _("E-mailadres"),
            "phone": _("Telefoon"),
            "role": _("Rol"),
            "team": _("Team"),
            "partner_organisation": _("Partnerorganisatie"),
        }
        help_texts = {
            "username": _("Waarmee iemand inlogt. Letters, cijfers en @ . + - _."),
            "team": _("Verplicht voor handhavers en teamleiders."),
            "partner_organisation": _("Verplicht voor partners, leeg voor alle anderen."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name", "email"):
            self.fields[name].required = True
        self.fields["email"].help_text = _("Hierheen gaat de link om een wachtwoord in te stellen.")
        current_team = self.instance.team_id if self.instance.pk else None
        current_org = self.instance.partner_organisation_id if self.instance.pk else None
        self.fields["team"].queryset = Team.objects.filter(Q(active=True) | Q(pk=current_team))
        self.fields["partner_organisation"].queryset = PartnerOrganisation.objects.filter(
            Q(active=True) | Q(pk=current_org)
        )
        self.fields["team"].empty_label = _("(geen team)")
        self.fields["partner_organisation"].empty_label = _("(geen organisatie)")

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        others = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Dit e-mailadres hoort al bij een andere gebruiker."))
        return email

    def clean(self):
        cleaned = super().clean()
        for field, message in membership_errors(cleaned).items():
            self.add_error(field, message)
        return cleaned


class UserFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False)
    role = forms.ChoiceField(
        label=_("Rol"), required=False, choices=[("", _("Alle rollen")), *Role.choices]
    )
    team = ModelChoiceField(
        label=_("Team"), required=False, queryset=Team.objects.all(), empty_label=_("Alle teams")
    )
    active = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("1", _("Actief")), ("0", _("Gedeactiveerd")), ("", _("Alle"))],
        initial="1",
    )
    sort = forms.ChoiceField(
        label=_("Sorteren"),
        required=False,
        choices=[(k, k) for k in USER_SORTS] + [(f"-{k}", k) for k in USER_SORTS],
        widget=forms.HiddenInput,
    )


class TeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ["name"]
        labels = {"name": _("Naam")}


class PartnerOrganisationForm(forms.ModelForm):
    class Meta:
        model = PartnerOrganisation
        fields = ["name", "kind"]
        labels = {"name": _("Naam"), "kind": _("Soort")}


class AccessLogFilterForm(forms.Form):
    username = forms.CharField(
        label=_("Persoon (naam of gebruikersnaam)"), required=False, max_length=150
    )
    reference = forms.CharField(
        label=_("Gegeven (kenmerk)"),
        required=False,
        max_length=64,
        help_text=_("Bijv. V-2026-000012: wie heeft dit gegeven ingezien of gewijzigd?"),
    )
    action = forms.ChoiceField(
        label=_("Handeling"),
        required=False,
        choices=[("", _("Alle handelingen")), *AccessLogEntry.Action.choices],
    )
    object_type = forms.ChoiceField(label=_("Soort gegeven"), required=False)
    object_id = forms.CharField(
        label=_("Id van het gegeven"),
        required=False,
        max_length=64,
        help_text=_("Wie heeft dit ene gegeven ingezien of gewijzigd?"),
    )
    date_from = forms.DateField(
        label=_("Vanaf"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, object_types: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        from accounts.access_log_words import kind_label

        self.fields["object_type"].choices = [("", _("Alle soorten"))] + sorted(
            ((t, kind_label(t)) for t in object_types), key=lambda c: c[1]
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("De einddatum ligt vóór de begindatum."))
        return cleaned


class ApiTokenForm(forms.Form):
    """A new API token: what system it is for, the role it acts as, when it expires."""

    name = forms.CharField(label=_("Naam van het systeem"), max_length=100)
    role = forms.ChoiceField(label=_("Rol"))
    team = ModelChoiceField(
        label=_("Team"),
        required=False,
        queryset=Team.objects.filter(active=True),
        help_text=_("Verplicht voor de rollen handhaver en teamleider."),
    )
    partner_organisation = ModelChoiceField(
        label=_("Partnerorganisatie"),
        required=False,
        queryset=PartnerOrganisation.objects.filter(active=True),
        help_text=_("Verplicht voor de rol partner."),
    )
    expires_on = forms.DateField(
        label=_("Geldig tot en met"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r, Role(r).label) for r in roles]
