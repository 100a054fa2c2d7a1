from django.urls import path

from cases.views import briefings as b
from cases.views import cases as c
from cases.views import focus

app_name = "cases"

urlpatterns = [
    path("", c.case_list, name="list"),
    path("export.csv", c.case_export, name="export"),
    path("nieuw/", c.case_open, name="open"),
    path("werkvoorraad/", c.workload, name="workload"),
    path("toewijzen/", c.cases_bulk_assign, name="bulk_assign"),
    path("mijn-actiepunten/", c.my_action_items, name="my_action_items"),
    path("actiepunt/<int:item_id>/afronden/", c.action_item_complete, name="action_item_complete"),
    path("<int:pk>/", c.case_detail, name="detail"),
    path("<int:pk>/wijzigen/", c.case_edit, name="edit"),
    path("<int:pk>/fase/", c.case_transition, name="transition"),
    path("<int:pk>/toewijzen/", c.case_assign, name="assign"),
    path("<int:pk>/delen/", c.case_share, name="share"),
    path("<int:pk>/delen/<int:org_id>/stoppen/", c.case_unshare, name="unshare"),
    path("<int:pk>/actiepunt/", c.action_item_create, name="action_item_create"),
    path("<int:pk>/notitie/", c.note_create, name="note_create"),
    path("<int:pk>/document/", c.document_upload, name="document_upload"),
    path("<int:pk>/document/<int:doc_id>/", c.document_download, name="document_download"),
    path("<int:pk>/koppelen/", c.case_link, name="link"),
    path("briefings/", b.briefing_list, name="briefing_list"),
    path("focus/", focus.focus_week, name="focus_week"),
    path("focus/toevoegen/", focus.focus_add, name="focus_add"),
    path("briefings/nieuw/", b.briefing_create, name="briefing_create"),
    path("briefings/<int:pk>/", b.briefing_detail, name="briefing_detail"),
    path("briefings/<int:pk>/print/", b.briefing_print, name="briefing_print"),
    path("briefings/<int:pk>/agenda/", b.briefing_generate, name="briefing_generate"),
    path("briefings/<int:pk>/agenda/punt/", b.agenda_item_add, name="agenda_item_add"),
    path(
        "briefings/<int:pk>/agenda/punt/<int:item_id>/weg/",
        b.agenda_item_remove,
        name="agenda_item_remove",
    ),
    path("briefings/<int:pk>/verslag/", b.briefing_minutes, name="briefing_minutes"),
    path("briefings/<int:pk>/actiepunt/", b.briefing_action_item, name="briefing_action_item"),
]
