from django.urls import path
from django.views.generic import TemplateView

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
    # What a public site owes its readers.
    path(
        "accessibility/",
        TemplateView.as_view(template_name="cases/accessibility.html"),
        name="accessibility",
    ),
    path("privacy/", TemplateView.as_view(template_name="cases/privacy.html"), name="privacy"),
    path("contact/", TemplateView.as_view(template_name="cases/contact.html"), name="contact"),
]
