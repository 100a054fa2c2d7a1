from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import access_log_words, home, selectors, services
from accounts.decorators import capability_required
from accounts.exports import csv_response
from accounts.forms import (
    AccessLogFilterForm,
    PartnerOrganisationForm,
    TeamForm,
    UserFilterForm,
    UserForm,
)
from accounts.forms_util import apply_errors
from accounts.listing import paginate
from accounts.login_throttle import username_is_locked
from accounts.models import AccessLogEntry, PartnerOrganisation, Team, User
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
        services.access_log_record(
            actor=request.user, action=AccessLogEntry.Action.VIEW, obj=target, request=request
        )
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


def _simple_form_view(request, *, form, instance, save, kind_label, list_url, template):
    if request.method == "POST" and form.is_valid():
        try:
            obj = save(form.cleaned_data)
        except AccountError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("%(name)s is opgeslagen.") % {"name": obj})
            return redirect(list_url)
    return render(
        request,
        template,
        {"form": form, "object": instance, "kind_label": kind_label, "list_url": list_url},
    )


def _set_active_view(request, *, obj, active, setter, list_url):
    if request.method == "POST":
        try:
            setter()
        except AccountError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                (_("%(name)s is weer actief.") if active else _("%(name)s is gedeactiveerd."))
                % {"name": obj},
            )
        return redirect(list_url)
    return render(
        request,
        "accounts/confirm.html",
        {
            "question": (_("%(name)s weer activeren?") if active else _("%(name)s deactiveren?"))
            % {"name": obj},
            "explanation": ""
            if active
            else _("Het blijft bewaard, maar is niet meer te kiezen bij nieuwe gebruikers."),
            "button": _("Activeren") if active else _("Deactiveren"),
            "danger": not active,
            "cancel_url": reverse(list_url),
        },
    )


@capability_required(USERS)
def team_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/team_list.html",
        {"page": paginate(request, selectors.team_list())},
    )


@capability_required(USERS)
@submission_once
def team_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    team = get_object_or_404(Team, pk=pk) if pk else None
    form = TeamForm(request.POST or None, instance=team)

    def save(data):
        if team is None:
            return services.team_create(actor=request.user, name=data["name"])
        return services.team_update(actor=request.user, team=team, name=data["name"])

    return _simple_form_view(
        request,
        form=form,
        instance=team,
        save=save,
        kind_label=_("team"),
        list_url="accounts:team_list",
        template="accounts/simple_form.html",
    )


@capability_required(USERS)
def team_set_active(request: HttpRequest, pk: int, active: bool) -> HttpResponse:
    team = get_object_or_404(Team, pk=pk)
    return _set_active_view(
        request,
        obj=team,
        active=active,
        setter=lambda: services.team_set_active(actor=request.user, team=team, active=active),
        list_url="accounts:team_list",
    )


@capability_required(USERS)
def partner_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/partner_list.html",
        {"page": paginate(request, selectors.partner_organisation_list())},
    )


@capability_required(USERS)
@submission_once
def partner_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    organisation = get_object_or_404(PartnerOrganisation, pk=pk) if pk else None
    form = PartnerOrganisationForm(request.POST or None, instance=organisation)

    def save(data):
        if organisation is None:
            return services.partner_organisation_create(actor=request.user, **data)
        return services.partner_organisation_update(
            actor=request.user, organisation=organisation, **data
        )

    return _simple_form_view(
        request,
        form=form,
        instance=organisation,
        save=save,
        kind_label=_("partnerorganisatie"),
        list_url="accounts:partner_list",
        template="accounts/simple_form.html",
    )


@capability_required(USERS)
def partner_set_active(request: HttpRequest, pk: int, active: bool) -> HttpResponse:
    organisation = get_object_or_404(PartnerOrganisation, pk=pk)
    return _set_active_view(
        request,
        obj=organisation,
        active=active,
        setter=lambda: services.partner_organisation_set_active(
            actor=request.user, organisation=organisation, active=active
        ),
        list_url="accounts:partner_list",
    )


# --- access log ------------------------------------------------------------------------


def _access_log_filtered(request):
    form = AccessLogFilterForm(
        request.GET or None, object_types=selectors.access_log_object_types()
    )
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    qs = selectors.access_log_list(
        username=filters.get("username") or "",
        action=filters.get("action") or "",
        object_type=filters.get("object_type") or "",
        object_id=filters.get("object_id") or "",
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
        reference=filters.get("reference") or "",
    )
    return form, filters, qs


@capability_required(Capability.ACCESS_LOG_VIEW)
def access_log(request: HttpRequest) -> HttpResponse:
    form, _filters, qs = _access_log_filtered(request)
    page = paginate(request, qs, 50)
    page.object_list = access_log_words.annotate(list(page.object_list))
    return render(request, "accounts/access_log.html", {"form": form, "page": page})


def _words_rows(entries: list):
    for entry in access_log_words.annotate(entries):
        yield (
            timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M:%S"),
            entry.person_words,
            entry.get_action_display(),
            entry.record_words,
            "; ".join(entry.detail_lines),
            entry.ip_address or "",
        )


@capability_required(Capability.ACCESS_LOG_VIEW)
def access_log_export(request: HttpRequest) -> HttpResponse:
    """CSV of the filtered log; the export itself is written to the log first."""
    form, filters, qs = _access_log_filtered(request)
    rows = qs.count()
    services.access_log_export_record(
        actor=request.user,
        filters=selectors.filters_as_dict(filters),
        rows=rows,
        request=request,
    )
    header = ["tijdstip", "persoon", "handeling", "gegeven", "details", "ip"]

    def lines():
        # In chunks, so each chunk's references are read in one query per kind.
        batch: list = []
        for entry in qs.iterator(chunk_size=2000):
            batch.append(entry)
            if len(batch) == 2000:
                yield from _words_rows(batch)
                batch = []
        yield from _words_rows(batch)

    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return csv_response(header=header, rows=lines(), filename=f"toegangslog-{stamp}.csv")
