"""The API's views: parse the parameters, call one read, present it as JSON.

Everything is read through the catalogue index (`reads/catalogue.py` `select`, facets, names)
and `reads/records.py`, so an API list costs the queries of the HTML list. Anonymous GET 200
responses go through the page cache (`cases/page_cache.py`, per catalogue version, language and
query), which gives them ETag, Last-Modified and 304s.
"""

import math

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from ...fields import localized
from ...filters import FILTER_PARAMETERS, SORTS
from ...models import CaseOrganization, Organization
from ...reads.catalogue import select
from ...reads.catalogue_index import current_index
from ...reads.facets import facet
from ...reads.records import case_records, in_language, published_case_id
from ...site import SITE_NAME
from ..licence import terms
from . import parameters, serializers
from .errors import InvalidParameters
from .presenters import CasePresenter


def respond(data, language):
    response = Response(data)
    response["Content-Language"] = language
    return response


def _language(request, allowed=parameters.LANGUAGE_ONLY):
    parameters.check_known(request.query_params, allowed)
    return parameters.language(request.query_params, getattr(request, "LANGUAGE_CODE", None))


LANG = OpenApiParameter(
    "lang",
    str,
    enum=parameters.LANGUAGES,
    description="Language of the text fields (default: from Accept-Language, else zh-hans).",
)
ERRORS = {
    400: OpenApiResponse(serializers.ErrorSerializer, description="Invalid parameters."),
    429: OpenApiResponse(serializers.ErrorSerializer, description="Too many requests."),
}
FILTER_DESCRIPTIONS = {
    "q": "Search text (Chinese and English), as the site's search box.",
    "goal": "SDG goal number 1-17; repeat to OR.",
    "target": "SDG target code (8.5, 17.a); repeat to OR.",
    "region": "UN M49 region code (002, 014); includes its sub-regions and their countries.",
    "country": "ISO 3166-1 alpha-2 code (KE); repeat to OR.",
    "organization": "Organization slug (ilo); repeat to OR.",
    "role": "nominator, funder or implementer (narrows organization).",
    "status": "ongoing, completed or planned.",
    "modality": "south_south or triangular.",
    "year": "Active in that year (four digits).",
}
CASE_LIST_PARAMETERS = [
    OpenApiParameter(
        name,
        str if name == "q" else {"type": "array", "items": {"type": "string"}},
        description=FILTER_DESCRIPTIONS[name],
        explode=None if name == "q" else True,
    )
    for name in FILTER_PARAMETERS
] + [
    OpenApiParameter("sort", str, enum=list(SORTS), description="Default: relevance with q."),
    OpenApiParameter("page", int, description="From 1."),
    OpenApiParameter(
        "page_size", int, description=f"1 to {parameters.MAX_PAGE_SIZE} (default 20)."
    ),
    OpenApiParameter(
        "facets",
        {"type": "array", "items": {"type": "string", "enum": list(parameters.FACETS)}},
        description="Facet counts to add, comma-separated: goal,country.",
        explode=False,
    ),
    LANG,
]


class ApiRoot(APIView):
    @extend_schema(
        operation_id="root",
        parameters=[LANG],
        responses={200: serializers.RootSerializer, **ERRORS},
        tags=["about"],
    )
    def get(self, request):
        language = _language(request)
        absolute = request.build_absolute_uri
        with override(language):
            endpoints = {
                name: absolute(reverse(f"api:{name}"))
                for name in (
                    "cases",
                    "sdg-goals",
                    "sdg-targets",
                    "regions",
                    "countries",
                    "organizations",
                )
            }
            data = {
                "name": str(SITE_NAME),
                "version": "1",
                "endpoints": endpoints,
                "schema": absolute(reverse("api:schema")),
                "documentation": absolute(reverse("api:docs")),
                "data_page": absolute(reverse("cases:open_data")),
                "licence": terms(),
            }
        return respond(data, language)


class CaseList(APIView):
    @extend_schema(
        operation_id="cases_list",
        parameters=CASE_LIST_PARAMETERS,
        responses={200: serializers.CaseListSerializer, **ERRORS},
        tags=["cases"],
    )
    def get(self, request):
        params = request.query_params
        language = _language(request, parameters.CASE_LIST_PARAMETERS)
        with override(language):
            selection = select(params)
            errors = parameters.filter_errors(selection.filterset)
            page, size, page_errors = parameters.page_numbers(params)
            facet_names, facet_errors = parameters.facet_names(params)
            errors += page_errors + facet_errors
            if errors:
                raise InvalidParameters(errors)
            count = selection.count
            pages = max(1, math.ceil(count / size))
            if page > pages:
                raise InvalidParameters(
                    [
                        (
                            "page",
                            str(page),
                            _("there is no page %(page)s: the last page is %(last)s")
                            % {"page": page, "last": pages},
                        )
                    ]
                )
            sort = selection.filterset.sort_order
            ids = selection.page(sort, language, (page - 1) * size, page * size)
            presenter = CasePresenter(selection.index.names, language, request.build_absolute_uri)
            data = {
                "count": count,
                "page": page,
                "pages": pages,
                "next": _page_url(request, page + 1) if page < pages else None,
                "previous": _page_url(request, page - 1) if page > 1 else None,
                "sort": sort,
                "results": [presenter.case(record) for record in case_records(ids)],
            }
            if facet_names:
                data["facets"] = {
                    name: facet_json(selection, language, name) for name in facet_names
                }
        return respond(data, language)


def _page_url(request, page):
    query = request.query_params.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(request.path + "?" + query.urlencode())


def facet_json(selection, language, name):
    """Every option of one facet with its count, from the page's facet engine."""
    complete = facet(selection, language, name, complete=True)
    options = complete.all_options()
    if name == "target":  # the page groups targets under their goal; the API lists targets
        options = (child for group in complete.options for child in group.children)
    return [
        {
            "value": option.value,
            "label": str(option.label),
            "count": option.count,
            "selected": option.selected,
        }
        for option in options
    ]


class CaseDetail(APIView):
    @extend_schema(
        operation_id="case_detail",
        parameters=[LANG],
        responses={
            200: serializers.CaseDetailSerializer,
            404: OpenApiResponse(serializers.ErrorSerializer, description="No such case."),
            **ERRORS,
        },
        tags=["cases"],
    )
    def get(self, request, slug):
        language = _language(request)
        with override(language):
            pk = published_case_id(slug)
            if pk is None:
                raise NotFound(_("There is no published case with this slug."))
            (record,) = case_records([pk], long_texts=True, parts=True)
            presenter = CasePresenter(current_index().names, language, request.build_absolute_uri)
            data = presenter.case(record, detail=True)
        return respond(data, language)


def _listing(results):
    return {"count": len(results), "results": results}


def _translations(names_by_language, key, field="name"):
    return {code: {field: names[key]} for code, names in names_by_language.items()}


class _CodeList(APIView):
    """A list of reference codes, each with its names in both languages and its case count.

    A subclass names its facet in the catalogue index, its codes in order, and the fields that
    describe one code; the counting, the language and the response are the same for all.
    """

    facet = ""

    def get(self, request):
        language = _language(request)
        index = current_index()
        names = index.names
        results = [
            {
                **self.describe(names, code, language),
                "case_count": len(index.cases_with(self.facet, code)),
            }
            for code in self.codes(names, language)
        ]
        return respond(_listing(results), language)

    def codes(self, names, language):
        raise NotImplementedError

    def describe(self, names, code, language):
        raise NotImplementedError


def _codes_schema(operation_id, serializer):
    return extend_schema_view(
        get=extend_schema(
            operation_id=operation_id,
            parameters=[LANG],
            responses={200: serializer, **ERRORS},
            tags=["codes"],
        )
    )


@_codes_schema("sdg_goals_list", serializers.GoalListSerializer)
class SdgGoalList(_CodeList):
    """The 17 Sustainable Development Goals, their colours and their numbers of published cases."""

    facet = "goal"

    def codes(self, names, language):
        return sorted(names.goals[language])

    def describe(self, names, number, language):
        return {
            "number": number,
            "name": names.goals[language][number],
            "colour": names.goal_colours[number][0],
            "text_colour": names.goal_colours[number][1],
            "translations": _translations(names.goals, number),
        }


@_codes_schema("sdg_targets_list", serializers.TargetListSerializer)
class SdgTargetList(_CodeList):
    """The 169 SDG targets in their natural order, and how many published cases serve each."""

    facet = "target"

    def codes(self, names, language):
        return sorted(names.targets[language], key=names.target_position.get)

    def describe(self, names, code, language):
        return {
            "code": code,
            "goal": names.target_goal[code],
            "label": names.targets[language][code],
            "translations": _translations(names.targets, code, "label"),
        }


@_codes_schema("regions_list", serializers.RegionListSerializer)
class RegionList(_CodeList):
    """UN M49 regions and sub-regions, each with its parent and its number of published cases."""

    facet = "region"

    def codes(self, names, language):
        return sorted(names.regions[language])

    def describe(self, names, code, language):
        return {
            "code": code,
            "name": names.regions[language][code],
            "parent": names.region_parent[code],
            "translations": _translations(names.regions, code),
        }


@_codes_schema("countries_list", serializers.CountryListSerializer)
class CountryList(_CodeList):
    """Countries and areas (ISO 3166-1 alpha-2), their M49 sub-regions and published cases."""

    facet = "country"

    def codes(self, names, language):
        return sorted(names.countries[language])

    def describe(self, names, code, language):
        return {
            "code": code,
            "name": names.countries[language][code],
            "region": names.country_region[code],
            "translations": _translations(names.countries, code),
        }


class OrganizationList(APIView):
    @extend_schema(
        operation_id="organizations_list",
        parameters=[LANG],
        responses={200: serializers.OrganizationListSerializer, **ERRORS},
        tags=["codes"],
    )
    def get(self, request):
        language = _language(request)
        index = current_index()
        roles = CaseOrganization.Role.values
        kinds = dict(Organization.Kind.choices)
        columns = ["slug", "kind", "url"] + [
            localized(field, code) for field in ("name", "acronym") for code in parameters.LANGUAGES
        ]
        rows = Organization.objects.order_by("slug").values(*columns)
        with override(language):
            results = [_organization(row, index, language, roles, kinds) for row in rows.iterator()]
        return respond(_listing(results), language)


def _organization(row, index, language, roles, kinds):
    def texts(field):
        return {code: row[localized(field, code)] or "" for code in parameters.LANGUAGES}

    names, acronyms = texts("name"), texts("acronym")
    slug = row["slug"]
    return {
        "slug": slug,
        "name": in_language(names, language),
        "acronym": acronyms[language],
        "kind": row["kind"],
        "kind_label": str(kinds.get(row["kind"], row["kind"])),
        "url": row["url"],
        "case_count": len(index.cases_with("organization", slug)),
        "case_counts_by_role": {
            role: len(index.cases_with("organization_role", (slug, role))) for role in roles
        },
        "translations": {
            code: {"name": names[code], "acronym": acronyms[code]} for code in parameters.LANGUAGES
        },
    }


class NoSuchEndpoint(APIView):
    """Any other address under /api/v1/: a JSON 404, not the site's HTML page."""

    schema = None

    def get(self, request, rest=""):
        raise NotFound(_("There is no such API endpoint."))
