from django.urls import path

from planning.views import capacity, expert_groups, focus_areas, programme, proposal

app_name = "planning"

urlpatterns = [
    path("", programme.programme_list, name="programme_list"),
    path("programma/nieuw/", programme.programme_create, name="programme_create"),
    path("programma/<int:pk>/", programme.programme_detail, name="programme_detail"),
    path("programma/<int:pk>/pdf/", programme.programme_pdf, name="programme_pdf"),
    path(
        "programma/<int:pk>/voorstel/",
        proposal.programme_proposal_view,
        name="programme_proposal",
    ),
    path(
        "programma/<int:pk>/stap/<str:to>/",
        programme.programme_transition,
        name="programme_transition",
    ),
    path(
        "programma/<int:pk>/prioriteren/",
        programme.programme_prioritise,
        name="programme_prioritise",
    ),
    path(
        "programma/<int:pk>/nieuwe-versie/",
        programme.programme_new_version,
        name="programme_new_version",
    ),
    path(
        "programma/<int:pk>/monitoring/",
        programme.programme_monitoring,
        name="programme_monitoring",
    ),
    path("programma/<int:pk>/activiteit/nieuw/", programme.activity_edit, name="activity_create"),
    path(
        "programma/<int:pk>/activiteit/<int:activity_pk>/",
        programme.activity_edit,
        name="activity_edit",
    ),
    path(
        "programma/<int:pk>/activiteit/<int:activity_pk>/verwijderen/",
        programme.activity_delete,
        name="activity_delete",
    ),
    path("aandachtsgebieden/", focus_areas.focus_area_list, name="focus_area_list"),
    path("aandachtsgebieden/nieuw/", focus_areas.focus_area_create, name="focus_area_create"),
    path(
        "aandachtsgebieden/<int:pk>/beoordelen/",
        focus_areas.focus_area_decide,
        name="focus_area_decide",
    ),
    path("capaciteit/", capacity.capacity_overview, name="capacity"),
    path("capaciteit/<int:team_pk>/<int:year>/", capacity.capacity_edit, name="capacity_edit"),
    path("themaplannen/", expert_groups.plan_list, name="plan_list"),
    path("themaplannen/nieuw/", expert_groups.plan_create, name="plan_create"),
    path("themaplannen/<int:pk>/", expert_groups.plan_detail, name="plan_detail"),
    path("themaplannen/<int:pk>/doel/nieuw/", expert_groups.goal_edit, name="goal_create"),
    path("themaplannen/<int:pk>/doel/<int:goal_pk>/", expert_groups.goal_edit, name="goal_edit"),
    path(
        "themaplannen/<int:pk>/doel/<int:goal_pk>/meetwaarde/",
        expert_groups.indicator_value_create,
        name="indicator_value_create",
    ),
    path("expertgroepen/", expert_groups.group_list, name="group_list"),
    path("expertgroepen/nieuw/", expert_groups.group_create, name="group_create"),
    path("expertgroepen/<int:pk>/", expert_groups.group_detail, name="group_detail"),
    path("expertgroepen/<int:pk>/lid/", expert_groups.member_add, name="member_add"),
    path(
        "expertgroepen/<int:pk>/lid/<int:member_pk>/weg/",
        expert_groups.member_remove,
        name="member_remove",
    ),
    path(
        "expertgroepen/<int:pk>/bijeenkomst/nieuw/",
        expert_groups.meeting_create,
        name="meeting_create",
    ),
    path(
        "expertgroepen/<int:pk>/bijeenkomst/<int:meeting_pk>/",
        expert_groups.meeting_detail,
        name="meeting_detail",
    ),
    path(
        "expertgroepen/<int:pk>/actie/<int:item_pk>/klaar/",
        expert_groups.action_item_done,
        name="action_item_done",
    ),
]
