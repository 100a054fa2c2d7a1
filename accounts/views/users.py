from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import home, selectors, services
from accounts.decorators import capability_required
from accounts.forms import (
    UserFilterForm,
    UserForm,
)
from accounts.forms_util import apply_errors
from accounts.listing import paginate
from accounts.login_throttle import username_is_locked
from accounts.models import User
from accounts.permissions import users_manageable_by
from accounts.roles import Capability
from accounts.services import AccountError
from accounts.submissions import submission_once
from accounts.two_factor import two_factor_is_set_up

USERS = Capability.USERS_MANAGE


@login_required
def home_view(request: HttpRequest) -> HttpResponse:
    """The role's home page: what this person does next."""
    return render(
        request,
        "accounts/home.html",
        {"panels": home.panels_for(request.user)},
    )


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form):
        response = super().form_valid(form)
        services.user_password_reset_completed(user=form.user, request=self.request)
        return response


# --- users ---------------------------------------------------------------------------


@capability_required(USERS)
def user_list(request: HttpRequest) -> HttpResponse:
    data = request.GET.copy()
    data.setdefault("active", "1")
    form = UserFilterForm(data)
    filters = form.cleaned_data if form.is_valid() else {"active": "1"}
    active = {"1": True, "0": False}.get(filters.get("active") or "")
    sort = filters.get("sort") or "name"
    qs = users_manageable_by(
        request.user,
        selectors.user_list(
            search=(filters.get("q") or "").strip(),
            role=filters.get("role") or "",
            team=filters.get("team"),
            active=active,
            sort=sort,
        ),
    )
    return render(
        request,
        "accounts/user_list.html",
        {"form": form, "page": paginate(request, qs), "sort": sort},
    )


@capability_required(USERS)
@submission_once
def user_create(request: HttpRequest) -> HttpResponse:
    form = UserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_create(actor=request.user, request=request, **form.cleaned_data)
        except AccountError as exc:
            apply_errors(form, exc)
        else:
            if request.POST.get("send_link"):
                services.user_send_password_link(actor=request.user, user=user, request=request)
                messages.success(
                    request,
                    _(
                        "Gebruiker %(name)s is aangemaakt; de wachtwoordlink is verstuurd naar %(email)s."
                    )
                    % {"name": user, "email": user.email},
                )
            else:
                messages.success(request, _("Gebruiker %(name)s is aangemaakt.") % {"name": user})
            return redirect("accounts:user_update", pk=user.pk)
    return render(request, "accounts/user_form.html", {"form": form, "target": None})


@capability_required(USERS)
def user_update(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_object_or_404(
        users_manageable_by(
            request.user, User.objects.select_related("team", "partner_organisation")
        ),
        pk=pk,
    )
    form = UserForm(request.POST or None, instance=User.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update(
                actor=request.user, user=target, request=request, **form.cleaned_data
            )
        except AccountError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("De gegevens van %(name)s zijn opgeslagen.") % {"name": target}
            )
            return redirect("accounts:user_list")
    elif request.method != "POST":
        selectors.user_for_edit(actor=request.user, user=target, request=request)
    return render(
        request,
        "accounts/user_form.html",
        {
            "form": form,
            "target": target,
            "login_locked": username_is_locked(target.username),
            "two_factor_set_up": two_factor_is_set_up(target),
        },
    )


@capability_required(USERS)
def user_login_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_object_or_404(users_manageable_by(request.user), pk=pk)
    if request.method == "POST":
        services.user_login_unlock(actor=request.user, user=target, request=request)
        messages.success(request, _("%(name)s kan weer inloggen.") % {"name": target})
        return redirect("accounts:user_update", pk=target.pk)
    return render(
        request,
        "accounts/confirm.html",
        {
            "question": _("De inlogblokkade van %(name)s opheffen?") % {"name": target},
            "explanation": _(
                "Na te veel mislukte inlogpogingen is deze gebruikersnaam tijdelijk geblokkeerd. "
                "Hef de blokkade alleen op als u zeker weet dat de pogingen van deze persoon "
                "zelf kwamen."
            ),
            "button": _("Blokkade opheffen"),
            "danger": False,
            "cancel_url": reverse("accounts:user_update", args=[target.pk]),
        },
    )


@capability_required(USERS)
def user_set_active(request: HttpRequest, pk: int, active: bool) -> HttpResponse:
    target = get_object_or_404(users_manageable_by(request.user), pk=pk)
    if request.method == "POST":
        try:
            services.user_set_active(
                actor=request.user, user=target, active=active, request=request
            )
        except AccountError as exc:
            messages.error(request, str(exc))
        else:
            if active:
                messages.success(request, _("%(name)s is weer actief.") % {"name": target})
            else:
                messages.success(
                    request,
                    _("%(name)s is gedeactiveerd en kan niet meer inloggen.") % {"name": target},
                )
        return redirect("accounts:user_update", pk=target.pk)
    if active:
        question = _("%(name)s weer toegang geven?") % {"name": target}
        explanation = _("De gebruiker kan daarna weer inloggen met het bestaande wachtwoord.")
        button = _("Activeren")
    else:
        question = _("%(name)s deactiveren?") % {"name": target}
        explanation = _(
            "De gebruiker kan daarna niet meer inloggen. Alle gegevens en de historie blijven "
            "bewaard; u kunt het account later weer activeren."
        )
        button = _("Deactiveren")
    return render(
        request,
        "accounts/confirm.html",
        {
            "question": question,
            "explanation": explanation,
            "button": button,
            "danger": not active,
            "cancel_url": reverse("accounts:user_update", args=[target.pk]),
        },
    )


@require_POST
@capability_required(USERS)
def user_send_password_link(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_object_or_404(users_manageable_by(request.user), pk=pk)
    try:
        services.user_send_password_link(actor=request.user, user=target, request=request)
    except AccountError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Er is een link om een wachtwoord in te stellen verstuurd naar %(email)s.")
            % {"email": target.email},
        )
    return redirect("accounts:user_update", pk=target.pk)


# --- teams and partner organisations ---------------------------------------------------


# --- access log ------------------------------------------------------------------------
