"""Account views of the access log and its export (privacy officer)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts import access_log_words, selectors, services
from accounts.decorators import capability_required
from accounts.exports import csv_response
from accounts.forms import (
    AccessLogFilterForm,
)
from accounts.listing import paginate
from accounts.roles import Capability


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
