from django.urls import path

from enforcement.views import patrols as views

urlpatterns = [
    path("", views.patrol_list, name="patrol_list"),
    path("starten/", views.patrol_start, name="patrol_start"),
    path("<int:pk>/", views.patrol_detail, name="patrol_detail"),
    path("<int:pk>/beeindigen/", views.patrol_end, name="patrol_end"),
    path("wachtende/beeindigen/", views.patrol_end_pending, name="patrol_end_pending"),
    path("<int:pk>/inzet/", views.patrol_effort, name="patrol_effort"),
    path("<int:pk>/corrigeren/", views.patrol_correct, name="patrol_correct"),
]
