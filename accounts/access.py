"""The one way a view refuses: what a user may not see does not exist for them (404).

Views ask a permission function (``accounts.roles`` or ``<app>/permissions.py``) and pass
the answer to :func:`require`. A 403 would tell the user that the object exists, so it is
never used for an object; see docs/architecture.md.
"""

from __future__ import annotations

from django.http import Http404


def require(allowed: bool) -> None:
    """Raise 404 unless ``allowed``: the object or section does not exist for this user."""
    if not allowed:
        raise Http404
