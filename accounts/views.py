from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts import home


@login_required
def home_view(request: HttpRequest) -> HttpResponse:
    """The role's home page: what this person does next."""
    return render(
        request,
        "accounts/home.html",
        {"panels": home.panels_for(request.user)},
    )
