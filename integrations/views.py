"""The functional admin's pages for webhooks and Signalen (INTEGRATIONS_MANAGE; others 404)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.decorators import capability_required
from accounts.forms_util import apply_errors
from accounts.listing import paginate
from accounts.models import OutboundEvent
from accounts.roles import Capability
from accounts.submissions import created, submission_once
from enforcement.importers import ImportRefused
from integrations.forms import SignalenImportForm, WebhookForm
from integrations.models import SignalenLink, WebhookDelivery, WebhookSubscription
from integrations.services import webhooks
from integrations.services.signalen import signalen_configured
from integrations.services.signalen_import import signalen_export_import

MANAGE = Capability.INTEGRATIONS_MANAGE
SECRET_KEY = "integrations_webhook_secret_%s"


@capability_required(MANAGE)
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "integrations/index.html",
        {
            "subscriptions": WebhookSubscription.objects.all(),
            "signalen_configured": signalen_configured(),
            "signalen_links": SignalenLink.objects.count(),
        },
    )


@capability_required(MANAGE)
@submission_once
def webhook_create(request: HttpRequest) -> HttpResponse:
    form = WebhookForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            subscription, secret = webhooks.subscription_create(
                actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            # Shown once, on the next page; the session forgets it as soon as it is shown.
            request.session[SECRET_KEY % subscription.pk] = secret
            url = reverse("integrations:webhook_detail", args=[subscription.pk])
            created(request, subscription, url=url)
            return redirect(url)
    return render(request, "integrations/webhook_form.html", {"form": form})


@capability_required(MANAGE)
def webhook_detail(request: HttpRequest, pk: int) -> HttpResponse:
    subscription = get_object_or_404(WebhookSubscription, pk=pk)
    deliveries = WebhookDelivery.objects.filter(subscription=subscription).select_related("event")
    return render(
        request,
        "integrations/webhook_detail.html",
        {
            "subscription": subscription,
            "secret": request.session.pop(SECRET_KEY % pk, ""),
            "kinds": [OutboundEvent.Kind(k).label for k in subscription.event_kinds],
            "page": paginate(request, deliveries),
        },
    )


@capability_required(MANAGE)
def webhook_edit(request: HttpRequest, pk: int) -> HttpResponse:
    subscription = get_object_or_404(WebhookSubscription, pk=pk)
    initial = {
        "name": subscription.name,
        "target_url": subscription.target_url,
        "event_kinds": subscription.event_kinds,
    }
    form = WebhookForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            webhooks.subscription_update(
                actor=request.user, subscription=subscription, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("De webhook is opgeslagen."))
            return redirect("integrations:webhook_detail", pk=pk)
    return render(
        request, "integrations/webhook_form.html", {"form": form, "subscription": subscription}
    )


@capability_required(MANAGE)
def webhook_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    subscription = get_object_or_404(WebhookSubscription, pk=pk)
    if request.method == "POST":
        webhooks.subscription_deactivate(actor=request.user, subscription=subscription)
        messages.success(
            request, _("Webhook %(name)s is gedeactiveerd.") % {"name": subscription.name}
        )
        return redirect("integrations:webhook_detail", pk=pk)
    return render(
        request,
        "accounts/confirm.html",
        {
            "question": _("Webhook %(name)s deactiveren?") % {"name": subscription.name},
            "explanation": _(
                "Het systeem achter %(url)s krijgt dan geen gebeurtenissen meer. "
                "Het afleverlog blijft bewaard."
            )
            % {"url": subscription.target_url},
            "button": _("Deactiveren"),
            "danger": True,
            "cancel_url": reverse("integrations:webhook_detail", args=[pk]),
        },
    )


@capability_required(MANAGE)
def signalen_import(request: HttpRequest) -> HttpResponse:
    form = SignalenImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = signalen_export_import(form.cleaned_data["file"], actor=request.user)
        except ImportRefused as exc:
            form.add_error("file", str(exc))
        except ImproperlyConfigured:  # the connector's account is not set up
            form.add_error(
                None,
                _(
                    "De Signalen-koppeling heeft geen account om meldingen onder te registreren "
                    "(SIGNALEN_USERNAME)."
                ),
            )
    return render(request, "integrations/signalen_import.html", {"form": form, "report": report})
