from accounts import home


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "menu": {"groups": [], "personal": []}}
    return {"nav_items": home.nav_for(user), "menu": home.menu_for(user, request.path)}
