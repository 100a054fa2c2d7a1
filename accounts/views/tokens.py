"""The functional admin's pages for API tokens: create (the key shown once), list, revoke."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.decorators import capability_required
from accounts.forms import ApiTokenForm
from accounts.forms_util import apply_errors
from accounts.listing import paginate
from accounts.models import ApiToken
from accounts.roles import Capability
from accounts.services import AccountError
from accounts.services.tokens import TOKEN_ROLES, api_token_create, api_token_revoke
from accounts.submissions import created, submission_once

USERS = Capability.USERS_MANAGE


@capability_required(USERS)
def token_list(request: HttpRequest) -> HttpResponse:
    tokens = ApiToken.objects.select_related("user", "user__team", "created_by")
    return render(
        request,
        "accounts/token_list.html",
        {"page": paginate(request, tokens), "now": timezone.now()},
    )


@capability_required(USERS)
@submission_once
def token_create(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None, roles=TOKEN_ROLES)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        end_of_day = dt.datetime.combine(data["expires_on"], dt.time.max)
        try:
            token, key = api_token_create(
                actor=request.user,
                name=data["name"],
                role=data["role"],
                team=data.get("team"),
                partner_organisation=data.get("partner_organisation"),
                expires_at=timezone.make_aware(end_of_day),
                request=request,
            )
        except AccountError as exc:
            apply_errors(form, exc)
        else:
            # The key exists only in this answer; a resent form leads to the list.
            created(request, token, url=reverse("accounts:token_list"), label=token.name)
            return render(request, "accounts/token_created.html", {"token": token, "key": key})
    return render(request, "accounts/token_form.html", {"form": form})


@capability_required(USERS)
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk)
    if request.method == "POST":
        try:
            api_token_revoke(actor=request.user, token=token, request=request)
        except AccountError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("De API-sleutel %(name)s is ingetrokken.") % {"name": token}
            )
        return redirect("accounts:token_list")
    return render(
        request,
        "accounts/confirm.html",
        {
            "question": _("API-sleutel %(name)s intrekken?") % {"name": token},
            "explanation": _(
                "Het systeem kan er daarna niets meer mee; dit is niet terug te draaien."
            ),
            "button": _("Intrekken"),
            "danger": True,
            "cancel_url": reverse("accounts:token_list"),
        },
    )
