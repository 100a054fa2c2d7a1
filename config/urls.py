from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.views import home_view
from config.health import health

urlpatterns = [
    path("", home_view, name="home"),
    path("health/", health, name="health"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("wachtwoord/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("accounts.urls")),
    path("registratie/", include("enforcement.urls")),
    path("zaken/", include("cases.urls")),
    path("planning/", include("planning.urls")),
    path("rapportages/", include("reports.urls")),
    path("beheer/", admin.site.urls),
]

# Uploaded files are never served from MEDIA_URL: each app serves its files
# through a view that checks the permission first.
