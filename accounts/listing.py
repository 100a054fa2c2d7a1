"""Helpers every list and export uses: a page plus the filter query, and a CSV download.

In accounts because every app builds on it; they know nothing of any domain.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, StreamingHttpResponse

PAGE_SIZE = 25


def paginate(request: HttpRequest, queryset, per_page: int = PAGE_SIZE) -> Page:
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def valid_filters(form) -> dict:
    """The filter form's valid values: an invalid field is left out (the form shows its
    error) rather than one typo switching off every other filter. {} when unbound."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return form.cleaned_data


def query_without_page(request: HttpRequest) -> str:
    """The current filters as a query string, for page links (``?{{ query }}&page=2``)."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


class _Echo:
    """A file that hands back what is written, so csv.writer can feed a stream."""

    def write(self, value: str) -> str:
        return value


def csv_response(
    *, header: Sequence, rows: Iterable[Sequence], filename: str
) -> StreamingHttpResponse:
    """A streamed CSV download as Dutch Excel opens it: semicolons, UTF-8 with BOM."""
    writer = csv.writer(_Echo(), delimiter=";")

    def lines():
        yield "\ufeff" + writer.writerow(header)
        for row in rows:
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
