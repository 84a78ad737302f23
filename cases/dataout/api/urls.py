from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import views

app_name = "api"

urlpatterns = [
    path("", views.ApiRoot.as_view(), name="root"),
    path("cases/", views.CaseList.as_view(), name="cases"),
    path("cases/<slug:slug>/", views.CaseDetail.as_view(), name="case-detail"),
    path("sdg-goals/", views.SdgGoalList.as_view(), name="sdg-goals"),
    path("sdg-targets/", views.SdgTargetList.as_view(), name="sdg-targets"),
    path("regions/", views.RegionList.as_view(), name="regions"),
    path("countries/", views.CountryList.as_view(), name="countries"),
    path("organizations/", views.OrganizationList.as_view(), name="organizations"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file of its own: no inline
    # script, so the page works within the Content-Security-Policy.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    re_path(r"^(?P<rest>.*)$", views.NoSuchEndpoint.as_view()),
]
