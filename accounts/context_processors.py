from accounts import home
from accounts.two_factor import two_factor_required_for


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "menu": {"groups": [], "personal": []}}
    if two_factor_required_for(user) and not getattr(user, "is_verified", lambda: False)():
        # Enrolment first (TwoFactorEnrolmentMiddleware): no dead links.
        return {"nav_items": [], "menu": {"groups": [], "personal": []}}
    return {"nav_items": home.nav_for(user), "menu": home.menu_for(user, request.path)}
