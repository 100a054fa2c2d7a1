from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.offline import offline_page
from accounts.views import PasswordResetConfirmView, home_view
from accounts.views import two_factor as views_two_factor
from config import pwa
from config.health import health

urlpatterns = [
    path("", offline_page(home_view), name="home"),
    # The installable web app (issue 15): the worker must be served from the root.
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("offline/", pwa.offline_fallback, name="offline"),
    path("health/", health, name="health"),
    path("login/", views_two_factor.LoginView.as_view(), name="login"),
    path("login/code/", views_two_factor.login_code, name="login_code"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Only the password routes of django.contrib.auth.urls: its login/logout would
    # shadow the names above.
    path(
        "wachtwoord/password_change/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "wachtwoord/password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "wachtwoord/password_reset/", auth_views.PasswordResetView.as_view(), name="password_reset"
    ),
    path(
        "wachtwoord/password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord/reset/<uidb64>/<token>/",
        PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("accounts.urls")),
    path("registratie/", include("enforcement.urls")),
    path("zaken/", include("cases.urls")),
    path("planning/", include("planning.urls")),
    path("rapportages/", include("reports.urls")),
    path("vooruitblik/", include("forecast.urls")),
    path("privacy/", include("privacy.urls")),
    path("koppelingen/", include("integrations.urls")),
    # Other systems (issue 17): the REST API and the Open311 GeoReport v2 intake.
    path("api/v1/", include("api.urls")),
    path("open311/v2/", include("api.urls_open311")),
    path("beheer/", admin.site.urls),
]

# Uploaded files are never served from MEDIA_URL: each app serves its files
# through a view that checks the permission first.
