"""View guards that ask accounts.roles. Users without the capability get 404, not 403."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.http import Http404

from accounts.roles import has_capability

PAGE_SIZE = 25


def capability_required(capability: str) -> Callable:
    """Anonymous users go to the login page; logged-in users without ``capability`` get 404."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not has_capability(request.user, capability):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def paginate(request, queryset, per_page: int = PAGE_SIZE) -> Page:
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
