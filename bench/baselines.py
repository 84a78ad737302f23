"""The two baselines of `make bench` (kept here, not in the app):

- the trivial view: a template with no query, the ceiling of what any page can reach;
- the textbook peer: the case list as the django-filter documentation would write it, a
  FilterView with `paginate_by = 20` over published cases, filters on targets, countries,
  status and modality, no prefetching, no facets.
"""

import django_filters
from django.shortcuts import render
from django_filters.views import FilterView

from cases.models import Case


def trivial(request):
    return render(request, "bench/trivial.html", {"title": "Trivial"})


class TextbookCaseFilter(django_filters.FilterSet):
    class Meta:
        model = Case
        fields = ["sdg_targets", "countries", "status", "modality"]


class TextbookCaseList(FilterView):
    filterset_class = TextbookCaseFilter
    queryset = Case.objects.published().order_by("-published_at")
    paginate_by = 20
    template_name = "bench/peer.html"
