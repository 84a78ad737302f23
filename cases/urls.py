from django.urls import path
from django.views.generic import TemplateView

from . import views
from .dataout import insights_download
from .dataout.citations import case_citation
from .dataout.csv_export import case_list_csv
from .dataout.feeds import LatestCasesFeed
from .dataout.open_data import data_page

app_name = "cases"

urlpatterns = [
    path("", views.home, name="home"),
    path("cases/", views.case_list, name="case_list"),
    path("cases.csv", case_list_csv, name="case_list_csv"),
    path("cases/filters/<slug:parameter>/", views.facet_options, name="facet_options"),
    path("cases/<slug:slug>/", views.case_detail, name="case_detail"),
    path("cases/<slug:slug>/citation.<str:kind>", case_citation, name="case_citation"),
    path("data/", data_page, name="open_data"),
    path("feed/", LatestCasesFeed(), name="feed"),
    path("insights/", views.insights, name="insights"),
    path("insights/<slug:name>.svg", insights_download.svg, name="insights_svg"),
    path("insights/<slug:name>.png", insights_download.png, name="insights_png"),
    path("sdg/", views.sdg_browse, name="sdg_browse"),
    path("countries/", views.country_browse, name="country_browse"),
    path("organizations/", views.organization_browse, name="organization_browse"),
    path("submit/", views.submit, name="submit"),
    path("submit/thanks/", views.submit_done, name="submit_done"),
    path("submit/status/<str:token>/", views.submission_status, name="submission_status"),
    path("submit/status/<str:token>/amend/", views.submission_amend, name="submission_amend"),
    # What a public site owes its readers.
    path(
        "accessibility/",
        TemplateView.as_view(template_name="cases/accessibility.html"),
        name="accessibility",
    ),
    path("privacy/", TemplateView.as_view(template_name="cases/privacy.html"), name="privacy"),
    path("contact/", TemplateView.as_view(template_name="cases/contact.html"), name="contact"),
]
