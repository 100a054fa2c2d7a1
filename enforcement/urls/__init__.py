from django.urls import include, path

app_name = "enforcement"

# One urls module per subdomain; all share the "enforcement" namespace.
urlpatterns = [
    path("", include("enforcement.urls.incidents")),
    path("diensten/", include("enforcement.urls.patrols")),
    path("overtredingen/", include("enforcement.urls.violations")),
    path("referentie/", include("enforcement.urls.reference")),
    path("offline/", include("enforcement.urls.offline")),
]
