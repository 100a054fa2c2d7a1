"""The application's URLs plus ``/bench/bare/`` (bench load only, see benchmarks.settings)."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as app_urlpatterns


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *app_urlpatterns]
