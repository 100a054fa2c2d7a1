"""Login with a second step, enrolment of an authenticator app, and the reset by the admin.

Step one is our own login page and form (``accounts.forms.LoginForm``, throttled by
django-axes). When the password is right and the person has an authenticator, they are
not logged in yet: the session remembers who passed step one, for a few minutes, and the
code page asks for a code from the app or a recovery code. A wrong code is a failed
login for axes (per username and address), so guessing codes locks the account like
guessing passwords.
"""

from __future__ import annotations

import io
import time

import django_otp
import qrcode
import qrcode.image.svg
from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import load_backend, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from accounts import two_factor
from accounts.decorators import capability_required
from accounts.forms import LoginForm, lockout_message
from accounts.permissions import users_manageable_by
from accounts.roles import Capability
from accounts.services import AccountError

PENDING_KEY = "accounts_two_factor_pending"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())


WRONG_CODE = gettext_lazy(
    "Deze code klopt niet of is verlopen. Typ de code die de app nu toont, of een herstelcode."
)


class LoginView(auth_views.LoginView):
    """Django's login view with our form; a person with an authenticator goes to the code step."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if not two_factor.two_factor_is_set_up(user):
            return super().form_valid(form)
        self.request.session.cycle_key()
        self.request.session[PENDING_KEY] = {
            "user": user.pk,
            "backend": user.backend,
            "at": time.time(),
            "next": self.get_success_url(),
        }
        return redirect("login_code")


def _pending_user(request):
    pending = request.session.get(PENDING_KEY)
    if not pending:
        return None, None
    if time.time() - pending["at"] > settings.TWO_FACTOR_LOGIN_TIMEOUT_SECONDS:
        del request.session[PENDING_KEY]
        return None, None
    user = load_backend(pending["backend"]).get_user(pending["user"])
    if user is None:
        return None, None
    user.backend = pending["backend"]
    return user, pending


@sensitive_post_parameters("code")
@never_cache
def login_code(request: HttpRequest) -> HttpResponse:
    user, pending = _pending_user(request)
    if user is None:
        messages.info(request, _("Log opnieuw in met uw gebruikersnaam en wachtwoord."))
        return redirect("login")
    credentials = {"username": user.username}
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if AxesProxyHandler.is_locked(request, credentials):
            del request.session[PENDING_KEY]
            form.add_error(None, lockout_message())
            return render(request, "registration/login_code.html", {"form": form}, status=429)
        device = two_factor.two_factor_verify(user=user, token=form.cleaned_data["code"])
        if device is not None:
            del request.session[PENDING_KEY]
            login(request, user, backend=pending["backend"])
            django_otp.login(request, device)
            return redirect(pending["next"] or settings.LOGIN_REDIRECT_URL)
        # A wrong code is a failed login: axes counts it for the username and the address.
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            del request.session[PENDING_KEY]
            form.add_error(None, lockout_message())
            status = 429
        else:
            form.add_error("code", WRONG_CODE)
    return render(request, "registration/login_code.html", {"form": form}, status=status)


def _codes_page(request, codes: list[str]) -> HttpResponse:
    response = render(request, "accounts/two_factor_codes.html", {"codes": codes})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@sensitive_post_parameters("code")
@never_cache
def two_factor_page(request: HttpRequest) -> HttpResponse:
    """Status, or the enrolment: scan the QR code (or type the key), confirm with a code."""
    user = request.user
    if two_factor.two_factor_is_set_up(user):
        return render(
            request,
            "accounts/two_factor.html",
            {"set_up": True, "required": two_factor.two_factor_required_for(user)},
        )
    device = two_factor.totp_device_for_enrolment(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.two_factor_enrol_confirm(
            user=user, token=form.cleaned_data["code"], request=request
        )
        if codes is not None:
            # This session proved the new device: it counts as verified from now on.
            confirmed = type(device).objects.get(pk=device.pk)
            django_otp.login(request, confirmed)
            return _codes_page(request, codes)
        form.add_error("code", WRONG_CODE)
    return render(
        request,
        "accounts/two_factor.html",
        {
            "set_up": False,
            "required": two_factor.two_factor_required_for(user),
            "form": form,
            "secret": two_factor.totp_secret_text(device),
        },
    )


@login_required
@never_cache
def two_factor_qr(request: HttpRequest) -> HttpResponse:
    """The QR code of the authenticator being set up, as SVG from our own site (CSP img-src)."""
    if two_factor.two_factor_is_set_up(request.user):
        return HttpResponse(status=404)
    device = two_factor.totp_device_for_enrolment(request.user)
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "no-store"
    return response


@login_required
@never_cache
def two_factor_recovery_codes(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("accounts:two_factor")
    try:
        codes = two_factor.two_factor_recovery_codes_renew(user=request.user, request=request)
    except AccountError as exc:
        messages.error(request, str(exc))
        return redirect("accounts:two_factor")
    return _codes_page(request, codes)


@capability_required(Capability.USERS_MANAGE)
def user_two_factor_reset(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_object_or_404(users_manageable_by(request.user), pk=pk)
    if request.method == "POST":
        two_factor.two_factor_reset(actor=request.user, user=target, request=request)
        messages.success(
            request,
            _(
                "Tweestapsverificatie van %(name)s is hersteld: bij de volgende login stelt "
                "%(name)s een nieuwe app in."
            )
            % {"name": target},
        )
        return redirect("accounts:user_update", pk=target.pk)
    return render(
        request,
        "accounts/confirm.html",
        {
            "question": _("Tweestapsverificatie van %(name)s herstellen?") % {"name": target},
            "explanation": _(
                "De authenticator-app en de herstelcodes van deze persoon worden verwijderd. "
                "Doe dit alleen als u zeker weet dat deze persoon zelf vraagt (bijvoorbeeld "
                "na verlies van de telefoon). Bij de volgende login stelt de persoon een "
                "nieuwe app in."
            ),
            "button": _("Tweestapsverificatie herstellen"),
            "danger": True,
            "cancel_url": reverse("accounts:user_update", args=[target.pk]),
        },
    )
