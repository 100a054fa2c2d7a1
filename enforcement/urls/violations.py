from django.urls import path

from enforcement.views import violations as views

urlpatterns = [
    path("", views.violation_list, name="violation_list"),
    path("melding/<int:incident_pk>/nieuw/", views.violation_create, name="violation_create"),
    path(
        "bij-wachtende-melding/nieuw/",
        views.violation_create_pending,
        name="violation_create_pending",
    ),
    path(
        "melding/<int:incident_pk>/formulier/",
        views.violation_form_part,
        name="violation_form_part",
    ),
    path(
        "melding/<int:incident_pk>/feiten/",
        views.violation_offence_search,
        name="violation_offence_search",
    ),
    path("<int:pk>/", views.violation_detail, name="violation_detail"),
    path("<int:pk>/overtreder/", views.violation_offender_change, name="violation_offender_change"),
    path("<int:pk>/brief.pdf", views.violation_letter, name="violation_letter"),
    path("briefsjablonen/", views.letter_template_list, name="letter_template_list"),
    path("briefsjablonen/nieuw/", views.letter_template_edit, name="letter_template_create"),
    path("briefsjablonen/<int:pk>/", views.letter_template_edit, name="letter_template_edit"),
    path(
        "briefsjablonen/<int:pk>/voorbeeld.pdf",
        views.letter_template_preview,
        name="letter_template_preview",
    ),
]
