"""The project's URLs and the two baselines every benchmark is measured against."""

from django.urls import path

from catalogue_site.urls import urlpatterns as project_urls

from .baselines import TextbookCaseList, trivial

urlpatterns = [
    path("bench/trivial/", trivial, name="bench_trivial"),
    path("bench/peer/", TextbookCaseList.as_view(), name="bench_peer"),
    *project_urls,
]
