"""Account views for teams and partner organisations (functional admin)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts import selectors, services
from accounts.confirm import confirm_set_active
from accounts.decorators import capability_required
from accounts.forms import (
    PartnerOrganisationForm,
    TeamForm,
)
from accounts.forms_util import apply_errors
from accounts.listing import paginate
from accounts.models import PartnerOrganisation, Team
from accounts.services import AccountError
from accounts.submissions import submission_once
from accounts.views.users import USERS


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
    return confirm_set_active(
        request,
        obj=obj,
        active=active,
        explanation=_("Het blijft bewaard, maar is niet meer te kiezen bij nieuwe gebruikers."),
        cancel_url=reverse(list_url),
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
