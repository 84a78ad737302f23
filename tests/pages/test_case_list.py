"""The case list: filters alone and combined, facets, sorting, pagination, bad input."""

import pytest

from cases.models import Case
from tests.factories import make_case, unpublish_seeded_cases
from tests.reading import facet_counts, notices, query_count, result_slugs, text

pytestmark = pytest.mark.django_db

TRANSFORM, ACADEMY, PAGE = "transform", "ilo-sse-academy", "page-kyrgyzstan-mongolia"


def slugs(client, query, language="en"):
    return set(result_slugs(client.get(f"/{language}/cases/?{query}")))


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {TRANSFORM, ACADEMY, PAGE}),
        ("goal=8", {TRANSFORM, ACADEMY, PAGE}),
        ("goal=1", {TRANSFORM}),
        ("goal=13", {PAGE}),
        ("goal=1&goal=13", {TRANSFORM, PAGE}),
        ("goal=2", set()),
        ("target=8.5", {TRANSFORM}),
        ("target=8.3", {ACADEMY, PAGE}),
        ("target=8.5&target=17.9", {TRANSFORM, ACADEMY}),
        ("region=014", {TRANSFORM}),
        ("region=002", {TRANSFORM, ACADEMY}),
        ("region=142", {ACADEMY, PAGE}),
        ("region=143", {PAGE}),
        ("region=001", {TRANSFORM, ACADEMY, PAGE}),
        ("region=150", {ACADEMY}),
        ("region=009", set()),
        ("country=KE", {TRANSFORM}),
        ("country=KE&country=MN", {TRANSFORM, PAGE}),
        ("country=ke", {TRANSFORM}),
        ("organization=irish-aid", {TRANSFORM}),
        ("organization=ilo&role=nominator", {TRANSFORM, ACADEMY, PAGE}),
        ("organization=unep", {PAGE}),
        ("organization=unep&role=funder", set()),
        ("organization=unep&role=nominator", {PAGE}),
        ("organization=unicef&organization=page", {TRANSFORM, PAGE}),
        ("status=ongoing", {TRANSFORM, ACADEMY, PAGE}),
        ("status=completed", set()),
        ("modality=triangular", {ACADEMY, PAGE}),
        ("modality=south_south", {TRANSFORM}),
        ("year=2014", {ACADEMY}),
        ("year=2018", {TRANSFORM, ACADEMY, PAGE}),
        ("year=2020", {TRANSFORM, ACADEMY}),
        ("year=2021", {ACADEMY}),
        ("year=2012", set()),
        ("goal=8&region=014", {TRANSFORM}),
        ("target=8.3&modality=triangular&country=MN", {PAGE}),
        ("goal=17&region=142&year=2014", {ACADEMY}),
        ("goal=17&region=142&year=2018", {ACADEMY, PAGE}),
    ],
)
def test_case_list_filters_the_seeded_cases(client, language, query, expected):
    assert slugs(client, query, language) == expected


def test_case_list_shows_each_card_in_the_readers_language(client):
    english = text(client.get("/en/cases/?country=KE"))
    chinese = text(client.get("/zh-hans/cases/?country=KE"))
    assert "Building technical skills and leadership through South-South cooperation" in english
    assert "通过南南合作发展技术水平与领导能力，实现非洲社保全覆盖" in chinese
    assert "Ethiopia, Kenya, Malawi, Mozambique, United Republic of Tanzania, Zambia" in english
    assert "2015–2020" in english


def test_case_list_cards_say_to_present_for_open_ended_cases(client):
    assert "2013 to present" in text(client.get("/en/cases/?country=KR"))
    assert "2013 年至今" in text(client.get("/zh-hans/cases/?country=KR"))


@pytest.fixture
def synthetic():
    """Six cases with known facets; the seeded ones are hidden."""
    unpublish_seeded_cases()
    return {
        "a": make_case(
            slug="a",
            targets=["8.5"],
            countries=["KE"],
            start_year=2010,
            end_year=2012,
            status=Case.Status.COMPLETED,
            organizations=[("ilo", "funder"), ("undp", "implementer")],
        ),
        "b": make_case(
            slug="b",
            targets=["8.5", "1.3"],
            countries=["KE", "TZ"],
            start_year=2015,
            organizations=[("ilo", "implementer")],
        ),
        "c": make_case(
            slug="c",
            targets=["13.2"],
            countries=["MN"],
            start_year=2018,
            modality=Case.Modality.TRIANGULAR,
            organizations=[("undp", "funder")],
        ),
        "d": make_case(slug="d", targets=["1.3"], regions=["002"], start_year=2019, end_year=2021),
        "e": make_case(
            slug="e",
            targets=["17.9"],
            countries=["BR"],
            start_year=2020,
            modality=Case.Modality.TRIANGULAR,
            status=Case.Status.PLANNED,
        ),
        "draft": make_case(
            slug="draft",
            targets=["8.5"],
            countries=["KE"],
            publication_status=Case.PublicationStatus.DRAFT,
        ),
    }


def test_facet_counts_apply_every_other_filter_but_their_own(client, synthetic):
    response = client.get("/en/cases/?goal=8&country=TZ")
    assert result_slugs(response) == ["b"]
    # goal counts: other filters (country=TZ) only -> b has goals 1 and 8
    goals = facet_counts(response, "goal")
    assert {k: v for k, v in goals.items() if v} == {"1": 1, "8": 1}
    assert len(goals) == 17
    # country counts: other filters (goal=8) only -> a, b
    assert facet_counts(response, "country") == {"KE": 2, "TZ": 1, "MN": 0, "BR": 0}
    # target counts under goal=8 & country=TZ, without target: b
    assert facet_counts(response, "target") == {"1.3": 1, "8.5": 1, "13.2": 0, "17.9": 0}


def test_facet_counts_without_filters_count_published_cases_only(client, synthetic):
    response = client.get("/en/cases/")
    assert sorted(result_slugs(response)) == ["a", "b", "c", "d", "e"]
    assert facet_counts(response, "target") == {"1.3": 2, "8.5": 2, "13.2": 1, "17.9": 1}
    assert facet_counts(response, "status") == {"ongoing": 3, "completed": 1, "planned": 1}
    assert facet_counts(response, "modality") == {"south_south": 3, "triangular": 2}
    assert facet_counts(response, "organization") == {"ilo": 2, "undp": 2}
    assert facet_counts(response, "role") == {"nominator": 0, "funder": 2, "implementer": 2}
    regions = facet_counts(response, "region")
    assert regions["001"] == 5
    assert regions["002"] == 3  # a, b (Kenya, Tanzania) and d (tagged Africa)
    assert regions["014"] == 2
    assert regions["142"] == 1 and regions["030"] == 1
    assert regions["419"] == 1 and regions["005"] == 1
    assert "150" not in regions  # Europe has no case: not among the top regions shown


def test_facet_counts_for_organizations_follow_the_chosen_role(client, synthetic):
    response = client.get("/en/cases/?role=funder")
    assert sorted(result_slugs(response)) == ["a", "c"]
    assert facet_counts(response, "organization") == {"ilo": 1, "undp": 1}
    assert facet_counts(response, "role") == {"nominator": 0, "funder": 2, "implementer": 2}
    response = client.get("/en/cases/?organization=undp&role=implementer")
    assert result_slugs(response) == ["a"]
    assert facet_counts(response, "role") == {"nominator": 0, "funder": 1, "implementer": 1}


def test_year_facet_counts_active_cases(client, synthetic):
    html = client.get("/en/cases/").content.decode()
    assert '<option value="2011">2011 (1 case)</option>' in html
    assert '<option value="2016">2016 (1 case)</option>' in html
    assert '<option value="2020">2020 (4 cases)</option>' in html  # b, c, d, e
    assert '<option value="2013">' not in html  # nothing active that year
    assert sorted(slugs(client, "year=2020")) == ["b", "c", "d", "e"]


def test_zero_count_options_stay_visible_but_muted(client, synthetic):
    html = client.get("/en/cases/?country=MN").content.decode()
    assert 'class="facet-option is-empty depth-0"' in html
    assert 'value="KE"' in html


def test_sorting_by_title_start_year_and_newest(client, synthetic):
    from cases.models import Case as CaseModel

    titles = {"a": ("Zebra", "安"), "b": ("Apple", "中"), "c": ("Mango", "北"), "d": ("", "东")}
    titles["e"] = ("banana", "西")
    for slug, (english_title, chinese_title) in titles.items():
        case = CaseModel.objects.get(slug=slug)
        case.title_en, case.title_zh_hans = english_title, chinese_title
        case.save()  # a save keeps the pinyin sort key current
    english = result_slugs(client.get("/en/cases/?sort=title"))
    # d has no English title: it sorts by its Chinese one, which comes after Latin letters
    assert english == ["b", "e", "c", "a", "d"]
    assert result_slugs(client.get("/en/cases/?sort=start_year")) == ["e", "d", "c", "b", "a"]
    newest = result_slugs(client.get("/en/cases/?sort=newest"))
    assert newest == ["e", "d", "c", "b", "a"]
    # pinyin, on both databases: an 安, bei 北, dong 东, xi 西, zhong 中
    assert result_slugs(client.get("/zh-hans/cases/?sort=title")) == ["a", "c", "d", "e", "b"]


def test_chips_show_active_filters_with_links_that_remove_them(client):
    html = client.get("/en/cases/?goal=8&country=KE").content.decode()
    assert 'href="/en/cases/?country=KE"' in html  # removing goal 8
    assert 'href="/en/cases/?goal=8"' in html  # removing Kenya
    assert ">Clear all</a>" in html
    assert "Decent work and economic growth" in text(client.get("/en/cases/?goal=8"))


def test_empty_result_explains_and_offers_to_remove_a_filter(client):
    response = client.get("/en/cases/?goal=8&country=KE&modality=triangular")
    assert result_slugs(response) == []
    page = text(response)
    assert "No case matches" in page
    assert "without “Triangular cooperation”: 1 case" in page
    assert 'href="/en/cases/?country=KE&amp;goal=8">without' in response.content.decode()


def test_empty_result_with_two_blockers_offers_to_remove_the_last_filter(client):
    # no single filter's removal helps: goal 2 and Atlantis-like combinations
    response = client.get("/en/cases/?goal=2&region=009")
    assert result_slugs(response) == []
    assert "Remove “Oceania”" in text(response)
    assert 'href="/en/cases/?goal=2"' in response.content.decode()


def test_pagination_keeps_the_filters(client, settings, synthetic):
    settings.CASES_PER_PAGE = 2
    response = client.get("/en/cases/?sort=start_year&status=ongoing&status=planned")
    assert result_slugs(response) == ["e", "d"]
    html = response.content.decode()
    assert (
        'href="/en/cases/?page=2&amp;sort=start_year&amp;status=ongoing&amp;status=planned"' in html
    )
    second = client.get("/en/cases/?sort=start_year&status=ongoing&status=planned&page=2")
    assert result_slugs(second) == ["c", "b"]


@pytest.mark.parametrize(
    ("query", "expected_slugs", "expected_notice"),
    [
        (
            "target=99.9",
            {TRANSFORM, ACADEMY, PAGE},
            "Ignored SDG target “99.9”: there is no such SDG target.",
        ),
        (
            "target=8.5&target=99.9",
            {TRANSFORM},
            "Ignored SDG target “99.9”: there is no such SDG target.",
        ),
        (
            "country=ZZ",
            {TRANSFORM, ACADEMY, PAGE},
            "Ignored country “ZZ”: there is no such ISO country code.",
        ),
        (
            "goal=18",
            {TRANSFORM, ACADEMY, PAGE},
            "Ignored SDG goal “18”: there is no such SDG goal (1 to 17).",
        ),
        (
            "goal=abc",
            {TRANSFORM, ACADEMY, PAGE},
            "Ignored SDG goal “abc”: there is no such SDG goal (1 to 17).",
        ),
        (
            "region=999",
            {TRANSFORM, ACADEMY, PAGE},
            "Ignored region “999”: there is no such UN M49 region code.",
        ),
        (
            "organization=nobody",
            {TRANSFORM, ACADEMY, PAGE},
            "Ignored organization “nobody”: there is no such organization.",
        ),
        (
            "status=finished",
            {TRANSFORM, ACADEMY, PAGE},
            "Ignored project status “finished”: the status must be ongoing, completed or planned.",
        ),
        (
            "year=20x",
            {TRANSFORM, ACADEMY, PAGE},
            "Ignored year “20x”: the year must be a four-digit year between 1950 and 2100.",
        ),
        ("sort=id", {TRANSFORM, ACADEMY, PAGE}, "Ignored sort order “id”: unknown sort order."),
        (
            "page=abc",
            {TRANSFORM, ACADEMY, PAGE},
            "Ignored page “abc”: page numbers start at 1.",
        ),
        ("page=99", {TRANSFORM, ACADEMY, PAGE}, "There is no page 99: showing the last page, 1."),
        (
            "page=-1",
            {TRANSFORM, ACADEMY, PAGE},
            "Ignored page “-1”: page numbers start at 1.",
        ),
        (
            "country=K%00E",
            {TRANSFORM, ACADEMY, PAGE},
            "Ignored country “K�E”: there is no such ISO country code.",
        ),
    ],
)
def test_bad_values_are_ignored_with_a_message(client, query, expected_slugs, expected_notice):
    response = client.get(f"/en/cases/?{query}")
    assert response.status_code == 200
    assert set(result_slugs(response)) == expected_slugs
    assert notices(response) == [expected_notice]


def test_bad_value_message_is_translated(client):
    response = client.get("/zh-hans/cases/?target=99.9")
    assert notices(response) == [
        "已忽略可持续发展目标具体目标“99.9”：没有这个可持续发展目标具体目标。"
    ]


def test_user_input_is_never_reflected_unescaped(client):
    response = client.get(
        '/en/cases/?country=<script>alert(1)</script>&q="><img src=x onerror=alert(1)>'
    )
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;" in html or "&lt;script" in html


def test_a_long_query_and_many_values_never_fail(client):
    response = client.get("/en/cases/?q=" + "社" * 5000 + "&" + "&".join(["goal=8"] * 100))
    assert response.status_code == 200
    assert "Ignored SDG goal “70”: too many values." in notices(response)


def test_a_missing_case_is_a_404_in_the_readers_language(client):
    response = client.get("/zh-hans/cases/no-such-case/")
    assert response.status_code == 404
    assert "页面不存在" in text(response)


# The catalogue version, then the page's cases, and their targets and countries (one query).
LIST_QUERIES = 3


@pytest.mark.parametrize("extra_cases", [0, 27])
def test_case_list_runs_a_fixed_number_of_queries(client, extra_cases):
    for number in range(extra_cases):
        make_case(
            targets=["8.5", "1.3", "13.2"],
            countries=["KE", "MN", "BR"],
            regions=["002"],
            organizations=[("ilo", "funder"), ("undp", "implementer")],
            title_en=f"Case {number}",
        )
    assert Case.objects.published().count() == 3 + extra_cases
    assert query_count(client, "/en/cases/") == LIST_QUERIES
    assert (
        query_count(
            client, "/en/cases/?goal=8&country=KE&region=002&organization=ilo&role=funder&year=2018"
        )
        == LIST_QUERIES
    )  # the index checks that KE, 002 and ilo exist and counts every facet
    # A search asks the database once per catalogue version; paging through it does not.
    assert query_count(client, "/en/cases/?q=TRANSFORM&page=1") == LIST_QUERIES


def test_empty_result_says_which_filter_to_drop_and_what_it_would_find(client):
    response = client.get("/en/cases/?goal=1&country=MN&modality=triangular")
    assert result_slugs(response) == []
    html = response.content.decode()
    # without goal 1: PAGE (Mongolia, triangular); without Mongolia: nothing triangular has goal 1;
    # without triangular: nothing in Mongolia has goal 1
    assert (
        '<a href="/en/cases/?country=MN&amp;modality=triangular">without “No poverty”: 1 case</a>'
        in html
    )
    assert "without “Mongolia”" not in html
    assert "without “Triangular cooperation”" not in html


def test_empty_search_says_what_dropping_the_search_or_a_filter_would_find(client):
    response = client.get("/zh-hans/cases/?q=社保&country=MN&country=KG")
    assert result_slugs(response) == []
    page = text(response)
    assert (
        "去掉“蒙古国、吉尔吉斯斯坦”：1 个案例" in page
        or "去掉“吉尔吉斯斯坦、蒙古国”：1 个案例" in page
    )
    assert "去掉搜索“社保”：1 个案例" in page
