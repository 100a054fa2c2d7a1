from django.urls import path

from enforcement.views import offline as views

urlpatterns = [
    path("status/", views.offline_status, name="offline_status"),
    path("wachtrij/", views.offline_queue, name="offline_queue"),
]
