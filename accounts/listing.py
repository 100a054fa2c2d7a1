"""Helpers every list uses: a page plus the filter query (downloads: accounts.exports).

In accounts because every app builds on it; they know nothing of any domain.
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

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
