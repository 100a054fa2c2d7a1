from django.urls import path

from accounts import views
from accounts.views import tokens as views_tokens
from accounts.views import two_factor as views_two_factor

app_name = "accounts"

urlpatterns = [
    path("gebruikers/", views.user_list, name="user_list"),
    path("gebruikers/nieuw/", views.user_create, name="user_create"),
    path("gebruikers/<int:pk>/wijzigen/", views.user_update, name="user_update"),
    path(
        "gebruikers/<int:pk>/deactiveren/",
        views.user_set_active,
        {"active": False},
        name="user_deactivate",
    ),
    path(
        "gebruikers/<int:pk>/activeren/",
        views.user_set_active,
        {"active": True},
        name="user_reactivate",
    ),
    path(
        "gebruikers/<int:pk>/wachtwoordlink/",
        views.user_send_password_link,
        name="user_send_password_link",
    ),
    path(
        "gebruikers/<int:pk>/blokkade-opheffen/",
        views.user_login_unlock,
        name="user_login_unlock",
    ),
    path(
        "gebruikers/<int:pk>/tweestapsverificatie-herstellen/",
        views_two_factor.user_two_factor_reset,
        name="user_two_factor_reset",
    ),
    path("tweestapsverificatie/", views_two_factor.two_factor_page, name="two_factor"),
    path("tweestapsverificatie/qr.svg", views_two_factor.two_factor_qr, name="two_factor_qr"),
    path(
        "tweestapsverificatie/herstelcodes/",
        views_two_factor.two_factor_recovery_codes,
        name="two_factor_recovery_codes",
    ),
    path("teams/", views.team_list, name="team_list"),
    path("teams/nieuw/", views.team_edit, name="team_create"),
    path("teams/<int:pk>/wijzigen/", views.team_edit, name="team_update"),
    path(
        "teams/<int:pk>/deactiveren/",
        views.team_set_active,
        {"active": False},
        name="team_deactivate",
    ),
    path(
        "teams/<int:pk>/activeren/", views.team_set_active, {"active": True}, name="team_reactivate"
    ),
    path("partners/", views.partner_list, name="partner_list"),
    path("partners/nieuw/", views.partner_edit, name="partner_create"),
    path("partners/<int:pk>/wijzigen/", views.partner_edit, name="partner_update"),
    path(
        "partners/<int:pk>/deactiveren/",
        views.partner_set_active,
        {"active": False},
        name="partner_deactivate",
    ),
    path(
        "partners/<int:pk>/activeren/",
        views.partner_set_active,
        {"active": True},
        name="partner_reactivate",
    ),
    path("api-sleutels/", views_tokens.token_list, name="token_list"),
    path("api-sleutels/nieuw/", views_tokens.token_create, name="token_create"),
    path("api-sleutels/<int:pk>/intrekken/", views_tokens.token_revoke, name="token_revoke"),
    path("toegangslog/", views.access_log, name="access_log"),
    path("toegangslog/export.csv", views.access_log_export, name="access_log_export"),
]
