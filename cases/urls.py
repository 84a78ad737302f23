from django.urls import path

from . import views
from .dataout.csv_export import case_list_csv
from .dataout.feeds import LatestCasesFeed

app_name = "cases"

urlpatterns = [
    path("", views.home, name="home"),
    path("cases/", views.case_list, name="case_list"),
    path("cases.csv", case_list_csv, name="case_list_csv"),
    path("cases/filters/<slug:parameter>/", views.facet_options, name="facet_options"),
    path("cases/<slug:slug>/", views.case_detail, name="case_detail"),
    path("feed/", LatestCasesFeed(), name="feed"),
    path("sdg/", views.sdg_browse, name="sdg_browse"),
    path("countries/", views.country_browse, name="country_browse"),
    path("organizations/", views.organization_browse, name="organization_browse"),
    path("submit/", views.submit, name="submit"),
    path("submit/thanks/", views.submit_done, name="submit_done"),
    path("submit/status/<str:token>/", views.submission_status, name="submission_status"),
    path("submit/status/<str:token>/amend/", views.submission_amend, name="submission_amend"),
]
