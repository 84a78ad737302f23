"""The read-only JSON API: exact content for the seeded cases in both languages, the same
cases in the same order as the list page, facets, pages, languages, hostile parameters, HTTP
manners and query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import Case
from tests.factories import make_case
from tests.reading import facet_counts, result_slugs

pytestmark = pytest.mark.django_db

TRANSFORM, ACADEMY, PAGE = "transform", "ilo-sse-academy", "page-kyrgyzstan-mongolia"
ALL_LANGUAGES = ("zh-hans", "en")


def api(client, url, **headers):
    response = client.get(url, **headers)
    assert response["Content-Type"] == "application/json", response.content[:300]
    return response.status_code, response.json()


# -- content ------------------------------------------------------------------------------------

TRANSFORM_EN = {
    "slug": "transform",
    "url": "http://testserver/en/cases/transform/",
    "api_url": "http://testserver/api/v1/cases/transform/",
    "short_name": "TRANSFORM",
    "title": "TRANSFORM – Leadership and Transformation Curriculum on Building and Managing "
    "Social Protection Floors in Africa",
    "headline": "Building technical skills and leadership through South-South cooperation to "
    "achieve universal social protection coverage in Africa",
    "status": "ongoing",
    "status_label": "Ongoing",
    "status_as_of": 2018,
    "modality": "south_south",
    "modality_label": "South-South cooperation",
    "start_year": 2015,
    "end_year": 2020,
    "sdg_goals": [
        {"number": 1, "name": "No poverty"},
        {"number": 3, "name": "Good health and well-being"},
        {"number": 5, "name": "Gender equality"},
        {"number": 8, "name": "Decent work and economic growth"},
        {"number": 10, "name": "Reduced inequalities"},
    ],
    "sdg_targets": [
        {"code": "1.3", "goal": 1, "label": "Social protection systems for all"},
        {"code": "3.8", "goal": 3, "label": "Universal health coverage"},
        {"code": "5.4", "goal": 5, "label": "Recognize and value unpaid care and domestic work"},
        {"code": "8.5", "goal": 8, "label": "Full employment and decent work for all"},
        {"code": "10.4", "goal": 10, "label": "Fiscal, wage and social protection policies"},
    ],
    "regions": [{"code": "002", "name": "Africa"}],
    "countries": [
        {"code": code, "name": name, "role": None, "role_label": None}
        for code, name in [
            ("ET", "Ethiopia"),
            ("KE", "Kenya"),
            ("MW", "Malawi"),
            ("MZ", "Mozambique"),
            ("TZ", "United Republic of Tanzania"),
            ("ZM", "Zambia"),
        ]
    ],
    "organizations": [
        {"slug": slug, "name": name, "role": role, "role_label": label}
        for slug, name, role, label in [
            ("ilo", "International Labour Organization (ILO)", "nominator", "Nominated by"),
            ("african-union", "African Union (AU)", "funder", "Supported by"),
            ("unicef", "United Nations Children's Fund (UNICEF)", "funder", "Supported by"),
            ("undp", "United Nations Development Programme (UNDP)", "funder", "Supported by"),
            ("ilo", "International Labour Organization (ILO)", "funder", "Supported by"),
            (
                "ipc-ig",
                "International Policy Centre for Inclusive Growth (IPC-IG)",
                "funder",
                "Supported by",
            ),
            (
                "eu-sps",
                "EU Social Protection Systems Programme (EU-SPS)",
                "funder",
                "Supported by",
            ),
            ("irish-aid", "Irish Aid", "funder", "Supported by"),
            (
                "saspen",
                "Southern African Social Protection Experts Network (SASPEN)",
                "funder",
                "Supported by",
            ),
            ("ilo", "International Labour Organization (ILO)", "implementer", "Implemented by"),
            ("unicef", "United Nations Children's Fund (UNICEF)", "implementer", "Implemented by"),
            (
                "ipc-ig",
                "International Policy Centre for Inclusive Growth (IPC-IG)",
                "implementer",
                "Implemented by",
            ),
            (
                "undp",
                "United Nations Development Programme (UNDP)",
                "implementer",
                "Implemented by",
            ),
        ]
    ],
    "source": "United Nations Office for South-South Cooperation, Good Practices in South-South "
    "and Triangular Cooperation for Sustainable Development, Volume 2, 2018",
    "published_at": "2026-11-28T00:00:00Z",
    "citations": {
        "bibtex": "http://testserver/en/cases/transform/citation.bib",
        "ris": "http://testserver/en/cases/transform/citation.ris",
        "csl_json": "http://testserver/en/cases/transform/citation.json",
    },
    "translations": {
        "zh-hans": {
            "short_name": "TRANSFORM",
            "title": "TRANSFORM - 建立并管理非洲社会保障最低标准的领导力与转型课程",
            "headline": "通过南南合作发展技术水平与领导能力，实现非洲社保全覆盖",
            "source": "联合国南南合作办公室：《南南合作和三角合作促进可持续发展良好实践》，第 2 卷，"
            "2018 年",
        },
        "en": {
            "short_name": "TRANSFORM",
            "title": "TRANSFORM – Leadership and Transformation Curriculum on Building and "
            "Managing Social Protection Floors in Africa",
            "headline": "Building technical skills and leadership through South-South "
            "cooperation to achieve universal social protection coverage in Africa",
            "source": "United Nations Office for South-South Cooperation, Good Practices in "
            "South-South and Triangular Cooperation for Sustainable Development, Volume 2, 2018",
        },
    },
}


def test_case_list_item_is_exactly_the_documented_json(client):
    status, data = api(client, "/api/v1/cases/?country=KE&lang=en")
    assert status == 200
    assert data == {
        "count": 1,
        "page": 1,
        "pages": 1,
        "next": None,
        "previous": None,
        "sort": "newest",
        "results": [TRANSFORM_EN],
    }


def test_case_list_item_in_chinese_names_everything_in_chinese(client):
    _status, data = api(client, "/api/v1/cases/?country=KE&lang=zh-hans")
    (item,) = data["results"]
    assert item["url"] == "http://testserver/zh-hans/cases/transform/"
    assert item["title"] == "TRANSFORM - 建立并管理非洲社会保障最低标准的领导力与转型课程"
    assert item["headline"] == "通过南南合作发展技术水平与领导能力，实现非洲社保全覆盖"
    assert item["status_label"] == "进行中"
    assert item["sdg_goals"][0] == {"number": 1, "name": "无贫穷"}
    assert item["regions"] == [{"code": "002", "name": "非洲"}]
    assert item["countries"][1] == {
        "code": "KE",
        "name": "肯尼亚",
        "role": None,
        "role_label": None,
    }
    assert item["organizations"][0]["role_label"] == "提名方"
    assert item["citations"]["bibtex"] == "http://testserver/zh-hans/cases/transform/citation.bib"
    assert item["translations"] == TRANSFORM_EN["translations"]


# The codes of the three seeded cases, as the source document gives them.
SEEDED = {
    TRANSFORM: {
        "sdg_targets": ["1.3", "3.8", "5.4", "8.5", "10.4"],
        "sdg_goals": [1, 3, 5, 8, 10],
        "regions": ["002"],
        "countries": [("ET", None), ("KE", None), ("MW", None), ("MZ", None), ("TZ", None),
                      ("ZM", None)],
        "organizations": [
            ("ilo", "nominator"), ("african-union", "funder"), ("unicef", "funder"),
            ("undp", "funder"), ("ilo", "funder"), ("ipc-ig", "funder"), ("eu-sps", "funder"),
            ("irish-aid", "funder"), ("saspen", "funder"), ("ilo", "implementer"),
            ("unicef", "implementer"), ("ipc-ig", "implementer"), ("undp", "implementer"),
        ],
        "years": (2015, 2020),
        "status": "ongoing",
        "status_as_of": 2018,
        "modality": "south_south",
    },
    ACADEMY: {
        "sdg_targets": ["8.3", "17.9"],
        "sdg_goals": [8, 17],
        "regions": ["001"],
        "countries": [(code, None) for code in
                      ["BR", "CA", "CR", "IT", "KR", "LU", "MX", "MA", "ZA", "ES"]],
        "organizations": [
            ("ilo", "nominator"), ("ilo", "funder"), ("ilo-partner-member-states", "funder"),
            ("ilo", "implementer"), ("host-member-states", "implementer"),
        ],
        "years": (2013, None),
        "status": "ongoing",
        "status_as_of": 2018,
        "modality": "triangular",
    },
    PAGE: {
        "sdg_targets": ["8.3", "8.4", "13.2", "17.6", "17.7"],
        "sdg_goals": [8, 13, 17],
        "regions": [],
        "countries": [("KG", "participant"), ("MN", "participant")],
        "organizations": [
            ("ilo", "nominator"), ("unep", "nominator"), ("ilo", "funder"),
            ("page", "implementer"), ("ilo", "implementer"), ("unep", "implementer"),
            ("unitar", "implementer"), ("unido", "implementer"), ("undp", "implementer"),
        ],
        "years": (2017, 2019),
        "status": "ongoing",
        "status_as_of": 2018,
        "modality": "triangular",
    },
}  # fmt: skip


def codes(item):
    return {
        "sdg_targets": [target["code"] for target in item["sdg_targets"]],
        "sdg_goals": [goal["number"] for goal in item["sdg_goals"]],
        "regions": [region["code"] for region in item["regions"]],
        "countries": [(country["code"], country["role"]) for country in item["countries"]],
        "organizations": [(org["slug"], org["role"]) for org in item["organizations"]],
        "years": (item["start_year"], item["end_year"]),
        "status": item["status"],
        "status_as_of": item["status_as_of"],
        "modality": item["modality"],
    }


@pytest.mark.parametrize("language", ALL_LANGUAGES)
@pytest.mark.parametrize("slug", SEEDED)
def test_every_seeded_case_has_its_codes_in_list_and_detail(client, slug, language):
    _status, listing = api(client, f"/api/v1/cases/?lang={language}")
    (item,) = [item for item in listing["results"] if item["slug"] == slug]
    _status, detail = api(client, f"/api/v1/cases/{slug}/?lang={language}")
    assert codes(item) == codes(detail) == SEEDED[slug]
    case = Case.objects.get(slug=slug)
    for code in ALL_LANGUAGES:
        assert detail["translations"][code]["challenge"] == getattr(
            case, f"challenge_{code.replace('-', '_')}"
        )
    assert detail["challenge"] == detail["translations"][language]["challenge"]
    assert set(item) == set(detail) - {"challenge", "solution", "contacts", "links"}


def test_case_detail_has_contacts_with_email_and_links_in_both_languages(client):
    _status, data = api(client, f"/api/v1/cases/{PAGE}/?lang=zh-hans")
    assert data["contacts"] == [
        {
            "name": "Moustapha Kamal Gueye",
            "honorific": "先生",
            "job_title": "国际劳工组织商业部绿色就业计划协调员",
            "email": "gueye@ilo.org",
            "translations": {
                "zh-hans": {
                    "honorific": "先生",
                    "job_title": "国际劳工组织商业部绿色就业计划协调员",
                },
                "en": {
                    "honorific": "Mr",
                    "job_title": "Coordinator, Green Jobs Programme, Enterprises Department, "
                    "International Labour Organization (ILO)",
                },
            },
        }
    ]
    assert [link["url"] for link in data["links"]] == [
        "https://goo.gl/M9qWLT",
        "https://goo.gl/VC8guw",
        "https://goo.gl/vs8jNz",
    ]
    assert data["links"][0]["label"] == "项目链接 1（goo.gl 短链接）"
    assert data["links"][0]["translations"]["en"] == {"label": "Project link 1 (goo.gl short link)"}


def test_language_comes_from_lang_then_accept_language(client):
    response = client.get("/api/v1/cases/transform/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["status_label"] == "Ongoing"
    assert response["Content-Language"] == "en"
    assert "Accept-Language" in response["Vary"]
    response = client.get("/api/v1/cases/transform/?lang=zh-hans", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["status_label"] == "进行中"
    assert response["Content-Language"] == "zh-hans"
    assert client.get("/api/v1/cases/transform/").json()["status_label"] == "进行中"


# -- only published cases -------------------------------------------------------------------------


@pytest.mark.parametrize("status", [Case.PublicationStatus.DRAFT, Case.PublicationStatus.REVIEW])
def test_drafts_and_cases_in_review_appear_in_no_endpoint(client, status):
    make_case(slug="hidden-case", title_en="Hidden", publication_status=status, targets=["2.1"],
              countries=["FJ"], organizations=[("unido", "funder")])  # fmt: skip
    _status, listing = api(client, "/api/v1/cases/?page_size=100")
    assert "hidden-case" not in {item["slug"] for item in listing["results"]}
    assert listing["count"] == 3
    status_code, data = api(client, "/api/v1/cases/hidden-case/")
    assert status_code == 404
    assert data == {
        "status": 404,
        "detail": "该 slug 没有已发布的案例。",
        "errors": [],
    }
    _status, goals = api(client, "/api/v1/sdg-goals/")
    assert {goal["number"]: goal["case_count"] for goal in goals["results"]}[2] == 0
    _status, countries = api(client, "/api/v1/countries/")
    assert {c["code"]: c["case_count"] for c in countries["results"]}["FJ"] == 0
    _status, organizations = api(client, "/api/v1/organizations/")
    unido = {o["slug"]: o for o in organizations["results"]}["unido"]
    assert unido["case_counts_by_role"]["funder"] == 0


# -- the same cases as the page -------------------------------------------------------------------

PARITY_QUERIES = [
    "",
    "goal=8",
    "goal=1&goal=13",
    "target=8.3",
    "region=002",
    "region=142&year=2018",
    "country=KE&country=MN",
    "organization=ilo&role=nominator",
    "organization=unep&role=funder",
    "modality=triangular",
    "status=ongoing&year=2014",
    "q=TRANSFORM",
    "q=经济",
    "q=decent work",
    "q=社保 -TRANSFORM",
    "sort=title",
    "sort=start_year",
    "sort=newest&goal=17",
    "q=合作&sort=relevance",
    "q=cooperation&sort=title",
]


@pytest.mark.parametrize("language", ALL_LANGUAGES)
@pytest.mark.parametrize("query", PARITY_QUERIES)
def test_api_and_page_give_the_same_cases_in_the_same_order(client, query, language):
    page = result_slugs(client.get(f"/{language}/cases/?{query}"))
    _status, data = api(client, f"/api/v1/cases/?{query}&lang={language}")
    assert [item["slug"] for item in data["results"]] == page
    assert data["count"] == len(page)


@pytest.mark.parametrize(
    "query", ["", "goal=8", "region=142", "organization=ilo&role=funder", "q=合作", "year=2014"]
)
def test_api_facets_have_the_pages_counts(client, query):
    page = client.get(f"/en/cases/?{query}")
    _status, data = api(
        client, f"/api/v1/cases/?{query}&lang=en&facets=goal,target,region,country,organization,"
        "role,status,modality,year"
    )  # fmt: skip
    # (the page offers years in a list box, without counts to read)
    for name in ("goal", "target", "region", "country", "organization", "role", "status",
                 "modality"):  # fmt: skip
        shown = facet_counts(page, name)
        options = {option["value"]: option["count"] for option in data["facets"][name]}
        assert shown, name
        assert {value: options[value] for value in shown} == shown, name


def test_facets_name_and_count_each_option(client):
    _status, data = api(client, "/api/v1/cases/?goal=8&facets=goal&facets=status&lang=en")
    assert set(data["facets"]) == {"goal", "status"}
    assert data["facets"]["goal"][7] == {
        "value": "8",
        "label": "Decent work and economic growth",
        "count": 3,
        "selected": True,
    }
    assert data["facets"]["status"] == [
        {"value": "ongoing", "label": "Ongoing", "count": 3, "selected": False},
        {"value": "completed", "label": "Completed", "count": 0, "selected": False},
        {"value": "planned", "label": "Planned", "count": 0, "selected": False},
    ]


def test_pages_link_to_each_other_with_a_total(client):
    _status, first = api(client, "/api/v1/cases/?page_size=2&goal=8")
    assert (first["count"], first["page"], first["pages"]) == (3, 1, 2)
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/cases/?page_size=2&goal=8&page=2"
    _status, second = api(client, first["next"])
    assert second["next"] is None
    assert second["previous"] == "http://testserver/api/v1/cases/?page_size=2&goal=8&page=1"
    slugs = [item["slug"] for item in first["results"] + second["results"]]
    assert slugs == result_slugs(client.get("/en/cases/?goal=8"))


def test_an_empty_result_is_one_empty_page(client):
    status, data = api(client, "/api/v1/cases/?goal=2")
    assert status == 200
    assert (data["count"], data["pages"], data["results"]) == (0, 1, [])


# -- refused parameters ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("page=²", [("page", "²", "page numbers are whole numbers from 1")]),
        ("page=-1", [("page", "-1", "page numbers are whole numbers from 1")]),
        ("page=0", [("page", "0", "page numbers are whole numbers from 1")]),
        ("page=" + "9" * 5000, [("page", "9" * 39 + "…", "page numbers are whole numbers from 1")]),
        ("page=2", [("page", "2", "there is no page 2: the last page is 1")]),
        ("page=1&page=2", [("page", "2", "give this parameter once")]),
        ("page_size=1000000000", [("page_size", "1000000000",
                                    "the page size must be a whole number from 1 to 100")]),
        ("page_size=101", [("page_size", "101",
                             "the page size must be a whole number from 1 to 100")]),
        ("country=ZZ", [("country", "ZZ", "there is no such ISO country code")]),
        ("country=KE&country=ZZ", [("country", "ZZ", "there is no such ISO country code")]),
        ("goal=18", [("goal", "18", "there is no such SDG goal (1 to 17)")]),
        ("goal=%C2%B2", [("goal", "²", "there is no such SDG goal (1 to 17)")]),
        ("target=99.9", [("target", "99.9", "there is no such SDG target")]),
        ("year=1e9", [("year", "1e9",
                       "the year must be a four-digit year between 1950 and 2100")]),
        ("sort=price", [("sort", "price", "unknown sort order")]),
        ("facets=goal,colour", [("facets", "colour", "unknown facet; the facets are goal, "
                                 "target, region, country, organization, role, status, "
                                 "modality, year")]),
        ("contry=KE", [("contry", "", "unknown parameter")]),
        ("format=xml", [("format", "", "unknown parameter")]),
        ("lang=fr", [("lang", "fr", "the language must be zh-hans or en")]),
        ("country=KE%00", [("country", "KE\x00".replace("\x00", "�"),
                            "there is no such ISO country code")]),
    ],
)  # fmt: skip
def test_invalid_parameters_get_400_naming_the_parameter(client, query, errors):
    status, data = api(client, f"/api/v1/cases/?{query}", HTTP_ACCEPT_LANGUAGE="en")
    assert status == 400
    assert data == {
        "status": 400,
        "detail": "Some parameters are invalid: see errors.",
        "errors": [
            {"parameter": parameter, "value": value, "reason": reason}
            for parameter, value, reason in errors
        ],
    }


def test_invalid_parameters_are_explained_in_the_requested_language(client):
    status, data = api(client, "/api/v1/cases/?country=ZZ&lang=zh-hans")
    assert status == 400
    assert data["errors"] == [
        {"parameter": "country", "value": "ZZ", "reason": "没有这个 ISO 国家代码"}
    ]
    assert data["detail"] == "部分参数无效：见 errors。"


def test_reference_lists_refuse_unknown_parameters(client):
    status, data = api(client, "/api/v1/countries/?region=002", HTTP_ACCEPT_LANGUAGE="en")
    assert status == 400
    assert data["errors"] == [{"parameter": "region", "value": "", "reason": "unknown parameter"}]


def test_unknown_api_addresses_are_json_404s(client):
    status, data = api(client, "/api/v1/cases/no-such-case/", HTTP_ACCEPT_LANGUAGE="en")
    assert (status, data["detail"]) == (404, "There is no published case with this slug.")
    status, data = api(client, "/api/v1/nothing/here", HTTP_ACCEPT_LANGUAGE="en")
    assert (status, data["detail"]) == (404, "There is no such API endpoint.")


def test_search_text_is_never_refused(client):
    status, data = api(client, "/api/v1/cases/?q=%00%22%22%26%7C!zq" + "x" * 5000)
    assert status == 200
    assert data["count"] == 0


# -- reference lists ------------------------------------------------------------------------------


def test_reference_lists_have_codes_labels_and_counts(client):
    _status, goals = api(client, "/api/v1/sdg-goals/?lang=en")
    assert goals["count"] == 17
    assert goals["results"][7] == {
        "number": 8,
        "name": "Decent work and economic growth",
        "colour": "#A21942",
        "text_colour": "#FFFFFF",
        "case_count": 3,
        "translations": {
            "zh-hans": {"name": "体面工作和经济增长"},
            "en": {"name": "Decent work and economic growth"},
        },
    }
    _status, targets = api(client, "/api/v1/sdg-targets/?lang=zh-hans")
    assert targets["count"] == 169
    by_code = {target["code"]: target for target in targets["results"]}
    assert by_code["8.3"]["case_count"] == 2
    assert by_code["8.3"]["goal"] == 8
    order = [target["code"] for target in targets["results"]]
    assert order.index("8.9") + 1 == order.index("8.10") == order.index("8.a") - 1
    _status, regions = api(client, "/api/v1/regions/?lang=en")
    by_code = {region["code"]: region for region in regions["results"]}
    assert by_code["002"] == {
        "code": "002",
        "name": "Africa",
        "parent": "001",
        "case_count": 2,
        "translations": {"zh-hans": {"name": "非洲"}, "en": {"name": "Africa"}},
    }
    assert by_code["001"]["case_count"] == 3
    _status, countries = api(client, "/api/v1/countries/?lang=zh-hans")
    by_code = {country["code"]: country for country in countries["results"]}
    assert by_code["KE"] == {
        "code": "KE",
        "name": "肯尼亚",
        "region": "014",
        "case_count": 1,
        "translations": {"zh-hans": {"name": "肯尼亚"}, "en": {"name": "Kenya"}},
    }
    _status, organizations = api(client, "/api/v1/organizations/?lang=en")
    by_slug = {org["slug"]: org for org in organizations["results"]}
    assert by_slug["ilo"]["case_count"] == 3
    assert by_slug["unep"]["case_counts_by_role"] == {"nominator": 1, "funder": 0, "implementer": 1}
    assert by_slug["african-union"]["translations"] == {
        "zh-hans": {"name": "非洲联盟", "acronym": ""},
        "en": {"name": "African Union", "acronym": "AU"},
    }


def test_api_root_states_the_licence_and_links_everything(client):
    _status, data = api(client, "/api/v1/?lang=en")
    assert data["licence"]["name"] == "CC-BY-4.0"
    assert data["licence"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "rights stay with its publisher" in data["licence"]["case_texts"]
    assert data["endpoints"]["cases"] == "http://testserver/api/v1/cases/"
    assert data["data_page"] == "http://testserver/en/data/"
    assert data["documentation"] == "http://testserver/api/v1/docs/"


# -- HTTP -------------------------------------------------------------------------------------


def test_responses_are_cached_with_etag_and_answer_304(client):
    first = client.get("/api/v1/cases/?goal=8&lang=en")
    assert first["Cache-Control"] == "public, no-cache"
    assert first["Last-Modified"]
    again = client.get("/api/v1/cases/?goal=8&lang=en", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    other = client.get("/api/v1/cases/?goal=8&lang=zh-hans")
    assert other["ETag"] != first["ETag"]
    with CaptureQueriesContext(connection) as queries:
        hit = client.get("/api/v1/cases/?goal=8&lang=en")
    assert len(queries) == 1  # the catalogue version
    assert hit.json() == first.json()


def test_cached_responses_follow_a_publish(client):
    before = api(client, "/api/v1/cases/?goal=2")[1]
    make_case(slug="new-case", targets=["2.1"])
    after = api(client, "/api/v1/cases/?goal=2")[1]
    assert (before["count"], after["count"]) == (0, 1)


def test_cors_is_open_for_get(client):
    response = client.get("/api/v1/cases/", HTTP_ORIGIN="https://dashboard.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    page = client.get("/en/cases/", HTTP_ORIGIN="https://dashboard.example")
    assert not page.has_header("Access-Control-Allow-Origin")


def test_too_many_requests_get_429_with_retry_after(client, settings):
    settings.API_RATE_LIMIT = "2/minute"
    settings.PAGE_CACHE = False
    assert client.get("/api/v1/sdg-goals/").status_code == 200
    assert client.get("/api/v1/sdg-goals/").status_code == 200
    response = client.get("/api/v1/sdg-goals/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["status"] == 429
    # Another client address has its own allowance.
    assert client.get("/api/v1/sdg-goals/", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_page_cache_hits_are_not_counted(client, settings):
    settings.API_RATE_LIMIT = "1/minute"
    for _attempt in range(3):
        assert client.get("/api/v1/regions/").status_code == 200
    assert client.get("/api/v1/countries/").status_code == 429


def test_rate_limit_counts_the_trusted_client_address(client, settings):
    settings.API_RATE_LIMIT = "1/minute"
    settings.PAGE_CACHE = False
    settings.TRUSTED_PROXY_COUNT = 1
    assert client.get("/api/v1/", HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 200
    assert client.get("/api/v1/", HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429
    # A forged address further left does not buy a new allowance.
    forged = client.get("/api/v1/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5")
    assert forged.status_code == 429
    assert client.get("/api/v1/", HTTP_X_FORWARDED_FOR="203.0.113.6").status_code == 200


# -- cost ---------------------------------------------------------------------------------------


def queries_of(client, url, settings):
    settings.PAGE_CACHE = False
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("extra", [0, 27])
def test_case_list_costs_what_the_page_costs(client, settings, extra):
    for number in range(extra):
        make_case(slug=f"extra-{number}", targets=["8.5"], countries=["KE", "UG"],
                  organizations=[("ilo", "funder")])  # fmt: skip
    # the version, the cases' columns, their links (one UNION ALL)
    assert queries_of(client, "/api/v1/cases/?page_size=100&facets=goal,country", settings) == 3
    assert queries_of(client, "/api/v1/cases/?goal=8&sort=title", settings) == 3


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # the version, the id, the case, its links, contacts, links
        ("/api/v1/cases/transform/", 6),
        ("/api/v1/", 0),
        ("/api/v1/sdg-goals/", 1),
        ("/api/v1/sdg-targets/", 1),
        ("/api/v1/regions/", 1),
        ("/api/v1/countries/", 1),
        ("/api/v1/organizations/", 2),
    ],
)
def test_other_endpoints_query_counts(client, settings, url, expected):
    assert queries_of(client, url, settings) == expected


def test_status_as_of_falls_back_to_the_source_publication_s_year(client):
    make_case(
        slug="from-2016",
        title_en="From 2016",
        source_en="UNOSSC, Good Practices, Volume 1, 2016",
        targets=["8.5"],
    )
    make_case(slug="recorded", title_en="Recorded", status_as_of=2022, source_en="…, 2016")
    make_case(slug="undated", title_en="Undated", source_en="A report")

    years = {
        slug: api(client, f"/api/v1/cases/{slug}/?lang=en")[1]["status_as_of"]
        for slug in ("from-2016", "recorded", "undated")
    }

    assert years == {"from-2016": 2016, "recorded": 2022, "undated": None}
