"""View guards that ask accounts.roles. Users without the capability get 404, not 403."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from accounts.listing import PAGE_SIZE, paginate  # noqa: F401  (kept for existing imports)
from accounts.roles import has_capability


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
