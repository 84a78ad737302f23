"""Search: recall, ranking, snippets, suggestions and bad input, on SQLite and PostgreSQL.

The seeded cases come from the fixtures (loaddata skips the signals that write the search
columns, so `search_index` rebuilds them); synthetic cases get made-up words (鲲鹏, zorblat...)
that appear nowhere else, so every expected answer is exact.
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count

from cases import search
from cases.models import Case, CaseOrganization, Organization
from cases.search import sqlite as search_sqlite
from cases.writes.search_index import refresh_search_documents
from tests.factories import make_case

pytestmark = pytest.mark.django_db

TRANSFORM = "transform"
SSE_ACADEMY = "ilo-sse-academy"
PAGE = "page-kyrgyzstan-mongolia"


@pytest.fixture(autouse=True)
def search_index(db):
    """The seeded cases' search columns (loaddata, in conftest, skips the signals)."""
    refresh_search_documents(Case.objects.values_list("pk", flat=True))


def found(q, queryset=None):
    """Slugs of the published cases that `q` finds, best first."""
    queryset = Case.objects.published() if queryset is None else queryset
    return [case.slug for case in search.search_cases(queryset, q)]


def case(slug, **fields):
    fields.setdefault("title_zh", f"合成案例{slug}")
    fields.setdefault("title_en", f"Synthetic case {slug}")
    return make_case(slug=slug, **fields)


# -- recall over the seeded cases -----------------------------------------------------------


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("社保", {TRANSFORM}),  # headline 实现非洲社保全覆盖; a segmenter cuts 社/保全/覆盖
        ("保全", {TRANSFORM}),
        ("绿色经济", {PAGE}),
        ("体面工作", {SSE_ACADEMY}),
        ("decent work", {SSE_ACADEMY}),
        ("DECENT Work", {SSE_ACADEMY}),
        ("trainers", {TRANSFORM}),
        ("Irish Aid", {TRANSFORM}),  # an organization's name
        ("爱尔兰援助署", {TRANSFORM}),
        ("Mongolia", {PAGE}),  # a country's name
        ("蒙古国", {PAGE}),
        ("ＰＡＧＥ", {PAGE}),  # full-width letters
        ("TRANSFORM 非洲", {TRANSFORM}),
        ("TRANSFORM非洲", {TRANSFORM}),
        ("保", {TRANSFORM, PAGE}),
        ("经济", {TRANSFORM, SSE_ACADEMY, PAGE}),
        ("经济 -绿色", {TRANSFORM, SSE_ACADEMY}),
        ("社会保障 Mongolia", set()),
        ("全覆盖非洲", set()),  # all its bigrams but 盖非 are in TRANSFORM: not a substring
    ],
)
def test_search_finds_seeded_cases(q, expected):
    assert set(found(q)) == expected


def test_search_searches_published_cases_only():
    Case.objects.filter(slug=TRANSFORM).update(publication_status=Case.PublicationStatus.DRAFT)

    assert found("社保") == []


# -- recall and semantics over synthetic cases ----------------------------------------------


def test_search_finds_one_chinese_character_anywhere_in_a_run():
    case("first", headline_zh_hans="鲲鹏展翅")  # 鲲 starts the run
    case("middle", headline_zh_hans="大鲲鹏")
    case("last", challenge_zh_hans="北冥有鱼，其名为鲲。")  # 鲲 ends its run
    case("alone", solution_zh_hans="ZORBLAT 鲲 ZORBLAT")  # a run of one character
    case("other", headline_zh_hans="大鹏")

    assert set(found("鲲")) == {"first", "middle", "last", "alone"}
    assert set(found("鹏")) == {"first", "middle", "other"}


def test_search_finds_chinese_across_word_boundaries():
    # A segmenter would cut 鲲鹏/社/保鸿/鹄; every substring is found all the same.
    case("boundaries", headline_zh_hans="实现鲲鹏社保鸿鹄")

    for q in ["鹏社", "保鸿", "社保鸿", "鲲鹏社保鸿鹄", "现鲲"]:
        assert found(q) == ["boundaries"], q
    assert set(found("社保")) == {"boundaries", TRANSFORM}
    assert found("鲲鹏保") == []


def test_search_matches_english_stems_and_cases():
    case("training", challenge_en="A training of trainers for Zorblat officials.")
    case("train", challenge_en="The Zorblat train station.")

    assert set(found("trained zorblat")) == {"training", "train"}
    assert found("trainers zorblat") == ["training"]
    assert set(found("ZORBLATS")) == {"training", "train"}


def test_search_matches_english_stop_words_as_plain_words():
    case("who", title_en="Zorblat partnership with WHO")

    assert found("WHO zorblat") == ["who"]


def test_search_quoted_phrase_needs_the_words_in_order():
    case("in-order", challenge_en="Zorblat: decent work for all.")
    case("apart", challenge_en="Zorblat: work that is decent.")
    case("cn-in-order", challenge_zh_hans="鲲鹏，计划启动")  # punctuation between
    case("cn-apart", challenge_zh_hans="鲲鹏飞过。启动了计划")

    assert set(found("zorblat decent work")) == {"in-order", "apart"}
    assert found('zorblat "decent work"') == ["in-order"]
    assert found('"zorblat decent work"') == ["in-order"]
    assert found("“Decent Work” zorblat") == ["in-order"]  # Chinese quotation marks
    assert set(found("鲲鹏 计划")) == {"cn-in-order", "cn-apart"}
    assert found('"鲲鹏 计划"') == ["cn-in-order"]
    assert found('"鲲鹏计划"') == []  # 鹏计 is not in either case


def test_search_unquoted_chinese_needs_its_pieces_quoted_needs_the_string():
    case("string", headline_zh_hans="鲲鹏鸿鹄计划")
    case("pieces", headline_zh_hans="鲲鹏展翅，鹏鸿相随")  # 鲲鹏 and 鹏鸿, apart

    assert set(found("鲲鹏鸿")) == {"string", "pieces"}
    assert found('"鲲鹏鸿"') == ["string"]


def test_search_excludes_words_and_phrases():
    case("plain", headline_en="Zorblat water")
    case("solar", headline_en="Zorblat solar water pumps")
    case("decent", headline_en="Zorblat decent work")
    case("cn", headline_zh_hans="ZORBLAT 鲲鹏计划")

    assert set(found("zorblat -solar")) == {"plain", "decent", "cn"}
    assert set(found('zorblat -"decent work"')) == {"plain", "solar", "cn"}
    assert set(found("zorblat -鲲鹏")) == {"plain", "solar", "decent"}
    assert set(found("zorblat -鹏")) == {"plain", "solar", "decent"}
    assert found("zorblat -zorblat") == []


def test_search_with_only_exclusions_keeps_everything_else():
    case("solar", headline_en="Zorblat solar pumps")

    assert set(found("-zorblat")) == {TRANSFORM, SSE_ACADEMY, PAGE}


def test_search_finds_organization_and_country_names_in_both_languages():
    Organization.objects.create(
        slug="zorblat-fund", name_zh_hans="鲲鹏基金", name_en="Zorblat Fund", kind="donor"
    )
    case("funded", organizations=[("zorblat-fund", CaseOrganization.Role.FUNDER)])
    case("located", countries=["CL"])

    assert found("鲲鹏基金") == ["funded"]
    assert found("zorblat fund") == ["funded"]
    assert found("智利") == ["located"]
    assert found("chile") == ["located"]


# -- ranking --------------------------------------------------------------------------------


def test_search_ranks_title_above_headline_above_names_above_body():
    Organization.objects.create(
        slug="kunpeng", name_zh_hans="鲲鹏协会", name_en="Kunpeng Society", kind="network"
    )
    case("body", challenge_zh_hans="这里提到鲲鹏一次。")
    case("title", title_zh="鲲鹏计划")
    case("names", organizations=[("kunpeng", CaseOrganization.Role.IMPLEMENTER)])
    case("headline", headline_zh_hans="关于鲲鹏的简介")

    assert found("鲲鹏") == ["title", "headline", "names", "body"]
    assert found("kunpeng") == ["names"]


def test_search_ranks_more_matches_above_fewer():
    case("once", challenge_en="Zorblat farming.")
    case("three-times", challenge_en="Zorblat farming. More zorblat. Zorblat again.")
    case("twice", solution_en="Zorblat and zorblat.")

    assert found("zorblat") == ["three-times", "twice", "once"]


def test_search_ranks_by_every_word_of_the_query():
    case("both-in-title", title_en="Zorblat Quux", challenge_en="nothing")
    case("one-in-title", title_en="Zorblat", challenge_en="quux")

    assert found("zorblat quux") == ["both-in-title", "one-in-title"]


def test_search_orders_equal_ranks_by_newest_then_slug_never_by_id():
    older = case("older", headline_en="Zorblat")
    case("newer", headline_en="Zorblat")
    Case.objects.filter(pk=older.pk).update(published_at="2020-01-01T00:00:00Z")

    results = search.search_cases(Case.objects.published(), "zorblat")

    assert [c.slug for c in results] == ["newer", "older"]
    assert results[0].search_rank == results[1].search_rank > 0
    assert "id" not in str(results.query).split("ORDER BY")[1]


def test_search_result_can_be_counted_annotated_and_used_as_subquery():
    case("one", headline_en="Zorblat", targets=["8.5", "1.3"])
    case("two", headline_en="Zorblat", targets=["8.5"])
    searched = search.search_cases(Case.objects.published(), "zorblat")

    assert searched.count() == 2
    counts = searched.annotate(target_count=Count("sdg_targets")).order_by("slug")
    assert [(c.slug, c.target_count) for c in counts] == [("one", 2), ("two", 1)]
    within = Case.objects.filter(pk__in=searched.values("pk"))
    assert within.count() == 2
    goal_counts = Case.objects.filter(sdg_targets__goal=8, pk__in=searched.values("pk"))
    assert goal_counts.distinct().count() == 2


# -- snippets -------------------------------------------------------------------------------


def test_snippet_highlights_around_the_first_match():
    subject = case(
        "snippet",
        headline_zh_hans="一个案例",
        challenge_zh_hans="甲" * 100 + "鲲鹏计划，鲲鹏" + "乙" * 300,
    )

    # Chinese characters are twice as wide: 80 of them, 20 before the match.
    assert search.snippet(subject, "鲲鹏", "zh-hans") == (
        "…" + "甲" * 20 + "<mark>鲲鹏</mark>计划，<mark>鲲鹏</mark>" + "乙" * 53 + "…"
    )


def test_snippet_highlights_english_words_by_stem_and_strips_markdown():
    subject = case(
        "snippet-en",
        headline_en="Peer learning",
        challenge_en="**Farmers** ran a [training](https://example.org) of trainers. Trained!",
    )

    # As PostgreSQL's stemmer: train, training, trained -> train; trainers -> trainer.
    assert search.snippet(subject, "trains", "en") == (
        "Farmers ran a <mark>training</mark> of trainers. <mark>Trained</mark>!"
    )


def test_snippet_marks_every_word_of_the_stem_and_no_other():
    subject = case(
        "snippet-stems",
        headline_en="Peer learning",
        challenge_en="Policy\u3000work:\ta policies\nworker's works,\u00a0running runs. Homework.",
    )

    # policies -> policy (not a prefix of it), running -> run; worker and homework are other
    # words. Every run of white space, ideographic and no-break spaces included, is one space.
    assert search.snippet(subject, "policies work run", "en") == (
        "<mark>Policy</mark> <mark>work</mark>: a <mark>policies</mark> worker&#x27;s "
        "<mark>works</mark>, <mark>running</mark> <mark>runs</mark>. Homework."
    )


def test_snippet_uses_the_other_language_when_the_match_is_only_there():
    subject = case("snippet-other", headline_zh_hans="绿色经济", headline_en="Green economy")

    assert search.snippet(subject, "绿色", "en") == "<mark>绿色</mark>经济"
    assert search.snippet(subject, "green", "zh-hans") == "<mark>Green</mark> economy"


def test_no_snippet_without_a_match_in_the_text():
    subject = case("snippet-title", title_en="Zorblat", headline_en="What the case is about")

    assert search.snippet(subject, "zorblat", "en") == ""


def test_no_snippet_repeats_the_headline_the_card_shows():
    subject = case(
        "snippet-headline",
        headline_en="Zorblat for all",
        challenge_en="Nothing here.",
        solution_en="Then zorblat again, in the solution.",
    )

    # The card's headline shows the match already: no snippet.
    assert search.snippet(subject, "zorblat", "en") == ""
    assert search.snippet(subject, "all", "en") == ""
    # A match in the text only: a snippet from there.
    assert search.snippet(subject, "again", "en") == (
        "Then zorblat <mark>again</mark>, in the solution."
    )


def test_snippet_escapes_case_text():
    subject = case(
        "snippet-escape",
        challenge_en='<script>alert("x")</script> Zorblat & <b>co</b>',
    )

    assert search.snippet(subject, "zorblat", "en") == (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>Zorblat</mark> "
        "&amp; &lt;b&gt;co&lt;/b&gt;"
    )


def test_snippet_of_a_seeded_case():
    transform = Case.objects.get(slug=TRANSFORM)

    # 社保 is only in the headline, which the card shows already: no snippet repeats it.
    assert search.snippet(transform, "社保", "zh-hans") == ""
    assert "<mark>社会保障</mark>" in search.snippet(transform, "社会保障", "zh-hans")


# -- suggestions ----------------------------------------------------------------------------


def codes(suggestions):
    return {
        "targets": [target.code for target in suggestions["targets"]],
        "countries": [country.code for country in suggestions["countries"]],
        "organizations": [organization.slug for organization in suggestions["organizations"]],
    }


def test_suggestions_find_targets_by_misspelt_name():
    assert codes(search.suggestions("decent wrk", "en"))["targets"][0] == "8.5"


@pytest.mark.parametrize("q", ["Keny", "kenya", "肯尼", "肯尼亚"])
def test_suggestions_find_countries_in_either_language(q):
    assert codes(search.suggestions(q, "zh-hans"))["countries"][0] == "KE"


@pytest.mark.parametrize(("q", "slug"), [("Irish Ayd", "irish-aid"), ("爱尔兰", "irish-aid")])
def test_suggestions_find_organizations(q, slug):
    assert codes(search.suggestions(q, "en"))["organizations"][0] == slug


def test_suggestions_are_at_most_five_of_each_kind():
    suggestions = search.suggestions("united nations", "en")

    assert 0 < len(suggestions["organizations"]) <= 5


@pytest.mark.parametrize("q", ["", "   ", "-", '""', "&|!", "\x00", "-kenya"])
def test_suggestions_for_nothing_to_look_for_are_empty(q):
    assert codes(search.suggestions(q, "en")) == {
        "targets": [],
        "countries": [],
        "organizations": [],
    }


# -- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("q", "warnings"),
    [
        ("", []),
        ("   ", []),
        ("\x00", [("\x00", "control characters are not searched")]),
        ("-", [("-", "a minus sign needs a word right after it")]),
        (
            "- --",
            [
                ("-", "a minus sign needs a word right after it"),
                ("--", "a minus sign needs a word right after it"),
            ],
        ),
        ('""', [('""', "the quotation marks contain no words")]),
        ("&|!", [("&|!", "it contains no letters or digits")]),
        (
            "!!! ()",
            [
                ("!!!", "it contains no letters or digits"),
                ("()", "it contains no letters or digits"),
            ],
        ),
    ],
)
def test_parse_query_of_nothing_to_search_is_empty(q, warnings):
    query = search.parse_query(q)

    assert query.is_empty
    assert list(query.warnings) == warnings
    assert set(found(query)) == {TRANSFORM, SSE_ACADEMY, PAGE}


def test_parse_query_cuts_long_input_and_says_so():
    query = search.parse_query("社保 " + "x" * 4997)

    assert query.truncated
    assert len(query.text) == 200
    assert query.warnings == (("x" * 39 + "…", "a search uses only its first 200 characters"),)
    assert found(query) == []
    assert found("社保" * 2500) == []  # one 200-character Chinese term


def test_parse_query_drops_nul_bytes_inside_words():
    query = search.parse_query("社\x00保")

    assert [term.text for term in query.include] == ["社", "保"]
    assert set(found(query)) == {TRANSFORM, PAGE}


def test_parse_query_reads_terms_phrases_and_exclusions():
    query = search.parse_query('decent  "Green Economy" -社保 -"irish aid" 非洲，合作 "unclosed')

    assert [(t.text, t.phrase) for t in query.include] == [
        ("decent", False),
        ("green economy", True),
        ("非洲", False),
        ("合作", False),
        ("unclosed", True),
    ]
    assert [t.text for t in query.exclude] == ["社保", "irish aid"]
    assert query.warnings == ()


def test_parse_query_keeps_at_most_twenty_terms():
    query = search.parse_query(" ".join(f"w{number}" for number in range(25)))

    assert len(query.include) == 20
    assert query.warnings[0] == ("w20", "a search uses at most 20 words")


@pytest.mark.parametrize(
    "q",
    [
        "\x00",
        "-",
        '""',
        "&|!",
        "TRANSFORM 非洲",
        "x" * 5000,
        "'",
        "\\",
        "a:*",
        "!(x)",
        "x <-> y",
        "' | '",
        "%_",
        "𠀀𠀁",
        "e\u0301",
        '-""',
        '"-"',
        "ß",
        "İstanbul",
    ],
)
def test_search_never_fails(q):
    results = search.search_cases(Case.objects.published(), q)
    assert len(list(results)) == results.count()
    for result in results:
        search.snippet(result, q, "en")
    search.suggestions(q, "en")


# -- keeping the search columns current -----------------------------------------------------


def test_saving_a_case_refreshes_its_search_document():
    subject = case("editing", headline_en="Zorblat")
    subject.headline_en = "Quux"
    subject.save()

    assert found("quux") == ["editing"]
    assert found("zorblat") == []


def test_saving_a_case_twice_keeps_its_search_document_current():
    subject = case("twice", headline_en="Zorblat")
    subject.countries.add("MN")  # refreshes the stored columns, not this instance
    subject.save()

    assert set(found("蒙古国")) == {"twice", PAGE}
    assert "蒙古 古国" in subject.search_document


def test_saving_without_searched_fields_keeps_the_document():
    subject = case("publishing", headline_en="Zorblat")
    Case.objects.filter(pk=subject.pk).update(search_document="", search_english="")
    subject.save(update_fields=["publication_status"])

    assert Case.objects.get(pk=subject.pk).search_document == ""


def test_renaming_an_organization_refreshes_its_cases():
    organization = Organization.objects.create(
        slug="zorblat-fund", name_zh_hans="鲲鹏基金", name_en="Zorblat Fund", kind="donor"
    )
    case("funded", organizations=[("zorblat-fund", CaseOrganization.Role.FUNDER)])

    organization.name_en = "Quux Foundation"
    organization.save()

    assert found("quux foundation") == ["funded"]
    assert found("zorblat") == []


def test_renaming_a_country_refreshes_its_cases():
    case("located", countries=["CL"])
    chile = Case.objects.get(slug="located").countries.get()

    chile.name_en = "Zorblatia"
    chile.save()

    assert found("zorblatia") == ["located"]


def test_adding_and_removing_countries_refreshes_the_document():
    subject = case("moving")
    subject.countries.add("MN", through_defaults={"role": "participant"})
    assert set(found("蒙古国")) == {"moving", PAGE}

    subject.countries.remove("MN")
    assert found("蒙古国") == [PAGE]

    subject.casecountry_set.create(country_id="KG")
    assert set(found("Kyrgyzstan")) == {"moving", PAGE}

    subject.casecountry_set.get(country_id="KG").delete()
    assert found("Kyrgyzstan") == [PAGE]


def test_linking_organizations_from_either_side_refreshes_the_document():
    organization = Organization.objects.create(
        slug="zorblat-fund", name_zh_hans="鲲鹏基金", name_en="Zorblat Fund", kind="donor"
    )
    first, second = case("first"), case("second")

    organization.cases.add(first, second, through_defaults={"role": "funder"})
    assert set(found("zorblat")) == {"first", "second"}

    organization.cases.clear()
    assert found("zorblat") == []

    second.organizations.add(organization, through_defaults={"role": "implementer"})
    assert found("zorblat") == ["second"]

    second.organizations.clear()
    assert found("zorblat") == []


def test_rebuild_search_index_rebuilds_every_case_and_says_how_many(capsys):
    Case.objects.update(search_document="", search_english="")

    call_command("rebuild_search_index")

    assert capsys.readouterr().out == "Rebuilt the search index of 3 cases.\n"
    assert found("社保") == [TRANSFORM]


def test_rebuild_search_index_missing_only_fills_empty_documents(capsys):
    Case.objects.filter(slug=PAGE).update(search_document="", search_english="")

    call_command("rebuild_search_index", missing=True)

    assert capsys.readouterr().out == "Rebuilt the search index of 1 cases.\n"
    assert found("蒙古国") == [PAGE]


# -- one definition of matching ---------------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="compares with PostgreSQL")
def test_postgresql_indexes_the_same_tokens_as_the_document():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT slug, array_to_string(tsvector_to_array(to_tsvector('simple', "
            "replace(search_document, E'\\n', ' '))), ' ') FROM cases_case"
        )
        indexed = {slug: set(lexemes.split()) for slug, lexemes in cursor.fetchall()}

    for subject in Case.objects.all():
        assert indexed[subject.slug] == set(subject.search_document.split()), subject.slug


@pytest.mark.skipif(connection.vendor != "postgresql", reason="compares with PostgreSQL")
@pytest.mark.parametrize(
    "q", ["社保", "保", "经济 -绿色", '"decent work"', "social protection", "TRANSFORM 非洲"]
)
def test_postgresql_and_the_sqlite_implementation_agree(q):
    query = search.parse_query(q)
    expected = {}
    for subject in Case.objects.published():
        matches, rank = search_sqlite._evaluate(
            subject.search_document, subject.search_english, query.key()
        )
        if matches:
            expected[subject.slug] = rank

    results = {c.slug: c.search_rank for c in search.search_cases(Case.objects.published(), q)}

    assert set(results) == set(expected)
    for slug, rank in expected.items():
        assert results[slug] == pytest.approx(rank, rel=0.25), slug
