from django.utils.functional import SimpleLazyObject

from accounts import home
from accounts.two_factor import two_factor_required_for

_NO_MENU = {"groups": [], "personal": []}


def navigation(request) -> dict:
    """The menu of ``base.html``, built only when a template shows it: the htmx fragments
    (the nearby history, an address suggestion) render without it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu": _NO_MENU}
    if two_factor_required_for(user) and not getattr(user, "is_verified", lambda: False)():
        # Enrolment first (TwoFactorEnrolmentMiddleware): no dead links.
        return {"menu": _NO_MENU}
    return {"menu": SimpleLazyObject(lambda: home.menu_for(user, request.path))}
