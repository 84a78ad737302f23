"""Importing volumes into the catalogue: the seed reproduces the fixture cases (but for the
corrections README's data notes list), a second import changes nothing, the English edition
fills the English side, published cases get pending revisions, each case is all or nothing."""

import json
from pathlib import Path

import pytest

from cases.imports.parser import parse_volume
from cases.models import Case, CaseRevision, Organization
from cases.reads.snapshots import live_snapshot
from cases.writes.publication_import import ImportRefused, import_volume
from tests.imports.volumes import volume_lines

FIXTURE = json.loads((Path(__file__).parents[2] / "fixtures" / "cases.json").read_text("utf-8"))

# README "Data notes" → "Corrections": what the source says → what the fixtures store.
CORRECTIONS = [
    ("国际劳工组织全球社会保障报告 20017-19，第 9 页", "国际劳工组织，《世界社会保障报告 2017-19》，第 9 页"),
    ("欧盟 - 动植物卫生检疫能力发展方案", "欧盟社会保障体系方案 (EU-SPS) 能力发展方案"),
    ("参与人员的甄选通过电话申请方式进行，此通话由 TRANSFORM 区域合作伙伴网络分配",
     "参与人员的甄选通过公开征集申请方式进行，征集通知由 TRANSFORM 区域合作伙伴网络分发"),
    ("来自南非和东非五个国家", "来自南部和东部非洲五个国家"),
    ("所采用的的结构", "所采用的结构"),
    ("明确的社会和环境目标", "明确的社会目标（往往还有环境目标）"),
    ("尤其是实现全面消除贫穷的承诺", "尤其是实现不让任何一个人掉队的承诺"),
    ("国际劳工组织三角合作方案", "国际劳工组织南南合作和三角合作方案"),
    ("亚洲和社会团结经济洲际促进网络中的社区议会网络",
     "亚洲团结经济理事会（ASEC）网络和社会团结经济洲际促进网络（RIPESS）"),
    ("HacBank", "XacBank"),
    ("巴西坎皮纳斯、哥斯达黎加圣何塞", "巴西坎皮纳斯、南非约翰内斯堡、哥斯达黎加圣何塞"),
    ("南南和三方安排", "南南和三角安排"),
    # Judgement call "The bold paragraph": the pull-out is its own paragraph.
    ("了解社会经济和团结经济的基本原则和概念。**", "了解社会经济和团结经济的基本原则和概念。\n\n**"),
]  # fmt: skip
# Editorial changes the data notes list, field by field: (slug, field) -> the fixture's value.
EDITORIAL = {("page-kyrgyzstan-mongolia", "short_name_zh_hans")}


def corrected(text):
    for source, stored in CORRECTIONS:
        text = text.replace(source, stored)
    return text


def fixture_case(slug):
    return next(
        x["fields"] for x in FIXTURE if x["model"] == "cases.case" and x["fields"]["slug"] == slug
    )


def run(name, user, apply=True, **options):
    return import_volume(parse_volume(volume_lines(name)), user=user, apply=apply, **options)


@pytest.fixture
def reference_only(db):
    """A database holding only the reference data: SDG, geography and organizations."""
    Case.objects.all().delete()


SEED_SLUGS = ["transform", "ilo-sse-academy", "page-kyrgyzstan-mongolia"]


def test_seed_reproduces_the_chinese_fields_of_the_fixture_cases(reference_only, editor):
    report = run("seed_zh.txt", editor)
    assert [case.outcome for case in report.cases] == ["new", "new", "new"]
    imported = [Case.objects.get(pk=case.case_pk) for case in report.cases]
    for case, slug in zip(imported, SEED_SLUGS, strict=True):
        expected = fixture_case(slug)
        assert case.publication_status == "draft"
        for field in ("title_zh_hans", "headline_zh_hans", "challenge_zh_hans", "solution_zh_hans",
                      "short_name_zh_hans"):  # fmt: skip
            if (slug, field) in EDITORIAL:
                continue
            assert corrected(getattr(case, field)) == expected[field], (slug, field)
        assert case.status == expected["status"]
        assert (case.start_year, case.end_year) == (expected["start_year"], expected["end_year"])
        assert sorted(case.sdg_targets.values_list("code", flat=True)) == sorted(expected["sdg_targets"])  # fmt: skip
        assert sorted(case.regions.values_list("code", flat=True)) == expected["regions"]
        fixture_pk = next(x["pk"] for x in FIXTURE if x["model"] == "cases.case" and x["fields"]["slug"] == slug)  # fmt: skip
        countries = [x["fields"]["country"] for x in FIXTURE
                     if x["model"] == "cases.casecountry" and x["fields"]["case"] == fixture_pk]  # fmt: skip
        assert list(case.casecountry_set.order_by("order").values_list("country_id", flat=True)) == countries  # fmt: skip
        contacts = [(x["fields"]["name"], x["fields"]["honorific_zh_hans"], x["fields"]["job_title_zh_hans"], x["fields"]["email"])
                    for x in FIXTURE if x["model"] == "cases.contact" and x["fields"]["case"] == fixture_pk]  # fmt: skip
        assert list(case.contacts.order_by("order").values_list(
            "name", "honorific_zh_hans", "job_title_zh_hans", "email")) == contacts  # fmt: skip
    # Organizations by role, in order: the fixture's, less the ones a correction renamed.
    transform, academy, page = imported
    assert organizations(transform) == {
        "nominator": ["ilo"],
        "funder": ["african-union", "unicef", "undp", "ilo", "ipc-ig", "irish-aid", "saspen"],
        "implementer": ["ilo", "ipc-ig", "undp"],
    }
    assert organizations(academy) == {
        "nominator": ["ilo"], "funder": ["ilo"], "implementer": ["ilo", "host-member-states"]
    }  # fmt: skip
    assert organizations(page) == {
        "nominator": ["ilo", "unep"],
        "funder": ["ilo"],
        "implementer": ["page", "ilo", "unep", "unitar", "unido", "undp"],
    }
    # ... and the report names those, with the fixture's organization as the suggestion.
    messages = [str(p) for case in report.cases for p in case.problems]
    assert "line 61: Unknown organization “欧盟 - 动植物卫生检疫” (资助方): left out." in messages
    assert ("line 62: Unknown organization “联合国儿童基金” (执行方): left out. "
            "Closest known names: 联合国儿童基金会.") in messages  # fmt: skip
    assert ("line 117: Unknown organization “合作成员国” (资助方): left out. "
            "Closest known names: 国际劳工组织合作成员国.") in messages  # fmt: skip
    # Links: as written (the SSE Academy's moved; the goo.gl ones gain https://).
    assert list(page.links.values_list("url", flat=True)) == [
        "https://goo.gl/M9qWLT", "https://goo.gl/VC8guw", "https://goo.gl/vs8jNz"
    ]  # fmt: skip
    assert list(academy.links.values_list("url", flat=True)) == ["http://www.sseacb.net/"]
    # A new case's address: the pinyin of its Chinese title.
    assert academy.slug == "guo-ji-lao-gong-zu-zhi-she-hui-jing-ji-he-tuan-jie-jing-ji"


def organizations(case):
    found = {}
    for role, slug in case.caseorganization_set.order_by("role", "order").values_list(
        "role", "organization__slug"
    ):
        found.setdefault(role, []).append(slug)
    return found


def test_second_import_changes_nothing(reference_only, editor):
    run("seed_zh.txt", editor)
    before = {case.pk: (case.version, live_snapshot(case).to_json()) for case in Case.objects.all()}
    history = Case.history.count()
    report = run("seed_zh.txt", editor)
    assert [case.outcome for case in report.cases] == ["unchanged"] * 3
    after = {case.pk: (case.version, live_snapshot(case).to_json()) for case in Case.objects.all()}
    assert after == before
    assert Case.history.count() == history


def test_import_is_recorded_in_the_history_as_the_users(reference_only, editor):
    report = run("seed_zh.txt", editor)
    record = Case.history.filter(id=report.cases[0].case_pk).get()
    assert (record.history_user, record.history_type, record.history_change_reason) == (
        editor, "+", "imported"
    )  # fmt: skip
    from cases.workflow import reason_label

    assert reason_label(record.history_change_reason) == "Imported from a publication volume"


def test_english_edition_fills_the_english_side_of_the_same_case(reference_only, editor):
    run("seed_zh.txt", editor)
    transform = Case.objects.get(title_zh_hans__startswith="TRANSFORM")
    chinese = live_snapshot(transform)
    report = run("transform_en.txt", editor)
    assert [(case.outcome, case.case_pk) for case in report.cases] == [("updated", transform.pk)]
    assert (
        f"line 2: Taken as the other edition of “TRANSFORM” ({transform.slug}): the same project "
        "link or contact email, and the same SDG targets, countries or period."
    ) in [str(problem) for problem in report.cases[0].problems]
    transform.refresh_from_db()
    expected = fixture_case("transform")
    for field in ("title_en", "headline_en", "challenge_en", "solution_en", "short_name_en"):
        assert getattr(transform, field) == expected[field], field
    contact = transform.contacts.get()
    assert (contact.honorific_en, contact.job_title_en) == ("Dr", expected_contact_title())
    after = live_snapshot(transform)
    # The Chinese side and what both editions share are as they were.
    assert {k: v for k, v in after.fields.items() if not k.endswith("_en")} == {
        k: v for k, v in chinese.fields.items() if not k.endswith("_en")
    }
    assert (after.sdg_targets, after.regions) == (chinese.sdg_targets, chinese.regions)
    assert Case.objects.count() == 3
    assert run("transform_en.txt", editor).cases[0].outcome == "unchanged"


def expected_contact_title():
    return next(x["fields"]["job_title_en"] for x in FIXTURE if x["model"] == "cases.contact")


def test_english_edition_matching_two_cases_is_doubtful_and_not_imported(reference_only, editor):
    run("seed_zh.txt", editor)
    transform = Case.objects.get(title_zh_hans__startswith="TRANSFORM")
    transform.pk, transform.slug, transform.title_zh_hans = None, "copy", "副本"
    transform.save()
    original = Case.objects.get(title_zh_hans__startswith="TRANSFORM")
    for contact in original.contacts.all():
        contact.pk = None
        contact.case = transform
        contact.save()
    report = run("transform_en.txt", editor)
    assert report.cases[0].outcome == "refused"
    assert "share too little to be sure: not imported" in str(report.cases[0].problems[-1])
    assert not Case.objects.filter(title_en__gt="").exists()


def test_published_case_gets_a_pending_revision_not_a_change(db, editor):
    """The shipped fixture cases are published: the seed proposes revisions."""
    transform = Case.objects.get(slug="transform")
    before = live_snapshot(transform).to_json()
    report = run("seed_zh.txt", editor)
    assert [case.outcome for case in report.cases] == ["revision"] * 3
    assert "The case is Published: its changes wait for a Publisher's approval as a pending revision." in [
        p.message for p in report.cases[0].problems
    ]  # fmt: skip
    assert live_snapshot(transform).to_json() == before
    revision = CaseRevision.objects.get(case=transform)
    assert revision.proposed_by == editor
    proposed = revision.content["fields"]
    assert (
        proposed["title_zh_hans"] == "TRANSFORM - 建立并管理非洲社会保障最低标准的领导力与转型课程"
    )
    assert proposed["challenge_zh_hans"].startswith("尽管有少数的成功案例")
    assert proposed["title_en"] == fixture_case("transform")["title_en"]  # untouched
    # Imported again: the pending revision already holds it.
    assert [case.outcome for case in run("seed_zh.txt", editor).cases] == ["unchanged"] * 3


def test_dry_run_writes_nothing(reference_only, editor):
    history = Case.history.count()
    report = run("seed_zh.txt", editor, apply=False, create_organizations=True)
    assert [case.outcome for case in report.cases] == ["new", "new", "new"]
    assert report.cases[0].filled[:3] == ["short_name_zh_hans", "title_zh_hans", "headline_zh_hans"]
    assert Case.objects.count() == 0
    assert not Organization.objects.filter(name_zh_hans="合作成员国").exists()
    assert Case.history.count() == history


def test_create_organizations(reference_only, editor):
    report = run("seed_zh.txt", editor, create_organizations=True)
    created = Organization.objects.get(name_zh_hans="欧盟 - 动植物卫生检疫")
    assert created.kind == "civil_society"
    transform = Case.objects.get(pk=report.cases[0].case_pk)
    assert created.slug in organizations(transform)["funder"]


def test_each_case_is_all_or_nothing(reference_only, editor):
    """A case that the catalogue refuses leaves nothing behind, not even the organization it
    created; the cases before and after it import."""
    lines = volume_lines("seed_zh.txt")
    # The SSE Academy's link made longer than a link may be (500 characters).
    lines[120] = "项目链接 : http://example.org/" + "a" * 600
    volume = parse_volume(lines)
    report = import_volume(volume, user=editor, apply=True, create_organizations=True)
    assert [case.outcome for case in report.cases] == ["new", "refused", "new"]
    assert Case.objects.count() == 2
    assert not Organization.objects.filter(name_zh_hans="合作成员国").exists()
    assert Organization.objects.filter(name_zh_hans="欧盟 - 动植物卫生检疫").exists()


def test_a_case_with_parse_errors_is_not_imported_and_the_others_are(reference_only, editor):
    lines = volume_lines("seed_zh.txt")
    lines[119] = "项目期间 : 2019 - 2017"  # the SSE Academy's period
    report = import_volume(parse_volume(lines), user=editor, apply=True)
    assert [case.outcome for case in report.cases] == ["new", "failed", "new"]
    assert "line 120: The project period “2019 - 2017” ends before it starts." in [
        str(p) for p in report.cases[1].problems
    ]
    assert Case.objects.count() == 2


def test_unknown_target_is_left_out_and_reported(reference_only, editor):
    lines = volume_lines("seed_zh.txt")
    lines[115] = "可持续发展目标任务 : 8.3、17.9、18.1"
    report = import_volume(parse_volume(lines), user=editor, apply=True)
    academy = Case.objects.get(pk=report.cases[1].case_pk)
    assert sorted(academy.sdg_targets.values_list("code", flat=True)) == ["17.9", "8.3"]
    assert "line 116: “18.1” is not an SDG target (they run from 1.1 to 17.19): left out." in [
        str(p) for p in report.cases[1].problems
    ]


def test_variations_import_with_their_countries_and_organizations(reference_only, editor):
    report = run("variations_zh.txt", editor)
    assert [case.outcome for case in report.cases] == ["new", "new", "new"]
    farm, water, pacific = (Case.objects.get(pk=case.case_pk) for case in report.cases)
    assert list(farm.casecountry_set.order_by("order").values_list("country_id", flat=True)) == [
        "CN", "ET", "KE", "RW", "UG", "TZ", "ZM", "MW", "MZ", "ZW"
    ]  # fmt: skip
    assert list(water.casecountry_set.order_by("order").values_list("country_id", flat=True)) == [
        "KR", "VN", "LA"
    ]  # fmt: skip
    assert organizations(water) == {"nominator": ["undp"], "implementer": ["undp"]}
    assert list(pacific.regions.values_list("code", flat=True)) == ["009"]
    assert list(farm.contacts.order_by("order").values_list("name", "email")) == [
        ("张伟", "zhang.wei@example.cn"), ("Amina Njoroge", "amina.njoroge@example.ke")
    ]  # fmt: skip
    assert "line 35: Unknown organization “中国” (资助方): left out." in [
        str(p) for p in report.cases[0].problems
    ]
    english = run("variations_en.txt", editor)
    assert [(case.outcome, case.case_pk) for case in english.cases] == [
        ("updated", farm.pk), ("updated", water.pk), ("updated", pacific.pk)
    ]  # fmt: skip
    # The English blocks name the same countries, regions and organizations: no difference.
    assert not [p for case in english.cases for p in case.problems if "differ" in p.message]
    farm.refresh_from_db()
    assert farm.title_en == "Digital Farm School: mobile extension services for smallholders"
    assert farm.slug.startswith("shu-zi-nong-ye")


def test_english_first_gives_an_english_slug(reference_only, editor):
    report = run("variations_en.txt", editor)
    assert [case.slug for case in report.cases] == [
        "digital-farm-school-mobile-extension-services-for",
        "southern-cities-water-partnership",
        "sharing-climate-information-among-pacific-island-countries",
    ]


def test_an_account_that_may_not_change_cases_may_not_import(reference_only, django_user_model):
    reader = django_user_model.objects.create_user("reader")
    with pytest.raises(ImportRefused):
        run("seed_zh.txt", reader)
    assert Case.objects.count() == 0


def test_a_case_with_another_title_in_the_same_language_is_not_matched_by_shared_facts(
    reference_only, editor
):
    """Same link, targets, countries and period, but its own Chinese title: a doubtful match,
    not an update of the other case."""
    run("seed_zh.txt", editor)
    lines = volume_lines("seed_zh.txt")
    lines[4] = "TRANSFORM 第二期"
    lines[56] = "项目名称 : TRANSFORM 第二期"
    lines[54] = "someone.else@ilo.org"
    report = import_volume(parse_volume(lines[:66]), user=editor, apply=True)
    assert report.cases[0].outcome == "refused"
    assert "share too little to be sure" in str(report.cases[0].problems[-1])
    assert Case.objects.count() == 3


def test_an_import_moves_the_catalogue_version_on_and_indexes_the_cases_for_search(
    reference_only, editor, django_assert_max_num_queries
):
    """One bump and one search refresh per case (not one per row it writes), and both done."""
    from cases import catalogue_version

    before = catalogue_version.current()
    with django_assert_max_num_queries(300):  # 260 on SQLite; a refresh per row adds 100
        report = run("seed_zh.txt", editor)
    assert catalogue_version.current() > before
    transform = Case.objects.get(pk=report.cases[0].case_pk)
    assert "埃塞" in transform.search_document  # a country's name, written with its rows
    assert "国际" in transform.search_document  # an organization's


def test_a_case_in_review_gets_a_pending_revision_too(reference_only, editor):
    report = run("seed_zh.txt", editor)
    Case.objects.filter(pk=report.cases[0].case_pk).update(publication_status="review")
    lines = volume_lines("seed_zh.txt")
    lines[6] = "新的副标题"
    again = import_volume(parse_volume(lines), user=editor, apply=True)
    assert [case.outcome for case in again.cases] == ["revision", "unchanged", "unchanged"]
    transform = Case.objects.get(pk=report.cases[0].case_pk)
    assert transform.headline_zh_hans == "通过南南合作发展技术水平与领导能力，实现非洲社保全覆盖"
    assert (
        CaseRevision.objects.get(case=transform).content["fields"]["headline_zh_hans"]
        == "新的副标题"
    )


SOURCE_ZH = fixture_case("transform")["source_zh_hans"]


def test_the_status_is_as_of_the_volume_s_year(reference_only, editor):
    report = run("seed_zh.txt", editor, source=SOURCE_ZH)

    imported = [Case.objects.get(pk=case.case_pk) for case in report.cases]
    assert [(case.status, case.status_as_of) for case in imported] == [("ongoing", 2018)] * 3
    assert [case.status_as_of for case in imported] == [
        fixture_case(slug)["status_as_of"] for slug in SEED_SLUGS
    ]


def test_without_a_source_the_import_states_no_year(reference_only, editor):
    report = run("seed_zh.txt", editor)

    imported = [Case.objects.get(pk=case.case_pk) for case in report.cases]
    assert [case.status_as_of for case in imported] == [None] * 3
