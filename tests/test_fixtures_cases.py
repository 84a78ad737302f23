"""The shipped organization and case fixtures, read as data and checked against the seed.

No database: the JSON files are read with `json`. The seed is the Chinese source text in
`shared/seed/` beside the repository; the tests that compare against it skip when it is absent.
"""

import json
import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
# The seed sits in shared/ beside the repository; a git worktree one folder deeper finds it too.
SEED = next(
    (
        folder / "shared" / "seed" / "000_2e8176e59af46d66.txt"
        for folder in (ROOT.parent, ROOT.parent.parent)
        if (folder / "shared" / "seed" / "000_2e8176e59af46d66.txt").exists()
    ),
    ROOT.parent / "shared" / "seed" / "000_2e8176e59af46d66.txt",
)

LOADDATA_ORDER = [
    "cases.case",
    "cases.casecountry",
    "cases.caseorganization",
    "cases.contact",
    "cases.caselink",
]
TRANSLATED_CASE_FIELDS = ["short_name", "title", "headline", "challenge", "solution", "source"]
ORGANIZATION_KINDS = {
    "un",
    "government",
    "intergovernmental",
    "network",
    "academic",
    "civil_society",
    "private",
    "donor",
}

EXPECTED = {
    "transform": {
        "pk": 1,
        "short_name_zh_hans": "TRANSFORM",
        "title_zh_hans": "TRANSFORM - 建立并管理非洲社会保障最低标准的领导力与转型课程",
        "headline_zh_hans": "通过南南合作发展技术水平与领导能力，实现非洲社保全覆盖",
        "sdg_targets": ["1.3", "3.8", "5.4", "8.5", "10.4"],
        "countries": [("ET", ""), ("KE", ""), ("MW", ""), ("MZ", ""), ("TZ", ""), ("ZM", "")],
        "regions": ["002"],
        "organizations": {
            "nominator": ["ILO"],
            "funder": ["AU", "UNICEF", "UNDP", "ILO", "IPC-IG", "EU-SPS", "Irish Aid", "SASPEN"],
            "implementer": ["ILO", "UNICEF", "IPC-IG", "UNDP"],
        },
        "status": "ongoing",
        "status_as_of": 2018,
        "start_year": 2015,
        "end_year": 2020,
        "modality": "south_south",
        "contacts": [("Luca Pellerano", "博士", "Dr", "pellerano@ilo.org", 0)],
        "links": ["http://socialprotection.org/institutions/transform"],
    },
    "ilo-sse-academy": {
        "pk": 2,
        "short_name_zh_hans": "国际劳工组织社会经济和团结经济学院",
        "title_zh_hans": "国际劳工组织社会经济和团结经济学院",
        "headline_zh_hans": "建设地区 / 区域间网络和平台，促进知识和经验分享",
        "sdg_targets": ["8.3", "17.9"],
        "countries": [
            ("BR", ""),
            ("CA", ""),
            ("CR", ""),
            ("IT", ""),
            ("KR", ""),
            ("LU", ""),
            ("MX", ""),
            ("MA", ""),
            ("ZA", ""),
            ("ES", ""),
        ],
        "regions": ["001"],
        "organizations": {
            "nominator": ["ILO"],
            "funder": ["ILO", "ILO partner member States"],
            "implementer": ["ILO", "Host member States (usually ministries of labour)"],
        },
        "status": "ongoing",
        "status_as_of": 2018,
        "start_year": 2013,
        "end_year": None,
        "modality": "triangular",
        "contacts": [
            ("Roberto Di Meglio", "先生", "Mr", "dimeglio@ilo.org", 0),
            ("Laura Cicciarelli", "女士", "Ms", "cicciarelli@iloguest.org", 1),
        ],
        "links": ["https://ssecollectivebrain.net/"],
    },
    "page-kyrgyzstan-mongolia": {
        "pk": 3,
        "short_name_zh_hans": "PAGE：吉尔吉斯斯坦与蒙古国交流",
        "title_zh_hans": (
            "绿色经济行动伙伴关系 : 蒙古国和吉尔吉斯斯坦相互借鉴绿色经济政策和做法，"
            "从而推进 2030 年可持续发展议程"
        ),
        "headline_zh_hans": (
            "吉尔吉斯斯坦和蒙古国相互借鉴绿色经济政策和做法，从而推进 2030 年可持续发展议程"
        ),
        "sdg_targets": ["8.3", "8.4", "13.2", "17.6", "17.7"],
        "countries": [("KG", "participant"), ("MN", "participant")],
        "regions": [],
        "organizations": {
            "nominator": ["ILO", "UNEP"],
            "funder": ["ILO"],
            "implementer": ["PAGE", "ILO", "UNEP", "UNITAR", "UNIDO", "UNDP"],
        },
        "status": "ongoing",
        "status_as_of": 2018,
        "start_year": 2017,
        "end_year": 2019,
        "modality": "triangular",
        "contacts": [("Moustapha Kamal Gueye", "先生", "Mr", "gueye@ilo.org", 0)],
        "links": ["https://goo.gl/M9qWLT", "https://goo.gl/VC8guw", "https://goo.gl/vs8jNz"],
    },
}

# Every place where the stored Chinese differs from the seed on purpose (see the README's "Data notes"),
# as (what the seed says, what we store), both without whitespace.
CORRECTIONS = {
    ("transform", "challenge_zh_hans"): [
        ("国际劳工组织全球社会保障报告20017-19", "国际劳工组织，《世界社会保障报告2017-19》"),
        ("全面消除贫穷的承诺", "不让任何一个人掉队的承诺"),
    ],
    ("transform", "solution_zh_hans"): [
        (
            "电话申请方式进行，此通话由TRANSFORM区域合作伙伴网络分配",
            "公开征集申请方式进行，征集通知由TRANSFORM区域合作伙伴网络分发",
        ),
        ("来自南非和东非五个国家", "来自南部和东部非洲五个国家"),
        ("欧盟-动植物卫生检疫能力发展方案", "欧盟社会保障体系方案(EU-SPS)能力发展方案"),
        ("所采用的的结构", "所采用的结构"),
    ],
    ("ilo-sse-academy", "challenge_zh_hans"): [
        ("追求明确的社会和环境目标", "追求明确的社会目标（往往还有环境目标）"),
    ],
    ("ilo-sse-academy", "solution_zh_hans"): [
        ("国际劳工组织三角合作方案", "国际劳工组织南南合作和三角合作方案"),
        ("南南和三方安排", "南南和三角安排"),
        ("巴西坎皮纳斯、哥斯达黎加", "巴西坎皮纳斯、南非约翰内斯堡、哥斯达黎加"),
        (
            "亚洲和社会团结经济洲际促进网络中的社区议会网络",
            "亚洲团结经济理事会（ASEC）网络和社会团结经济洲际促进网络（RIPESS）",
        ),
    ],
    ("page-kyrgyzstan-mongolia", "solution_zh_hans"): [("HacBank", "XacBank")],
}
# Cases whose short name is ours: the seed gives the programme's name (绿色经济行动伙伴关系), not the case's.
SHORT_NAMES_BY_US = {"page-kyrgyzstan-mongolia"}
# Organizations whose Chinese name is ours, not the seed's (a mistranslation or a collective).
ORGANIZATIONS_NAMED_BY_US = {"eu-sps", "saspen", "ilo-partner-member-states"}

# Model field lengths (cases/models.py), so that loaddata cannot fail on a long value.
MAX_LENGTHS = {
    "cases.organization": {"slug": 80, "name": 200, "acronym": 30, "url": 200},
    "cases.case": {"slug": 80, "short_name": 100, "title": 300, "headline": 300, "source": 500},
    "cases.contact": {"name": 200, "honorific": 30, "job_title": 300, "email": 254},
    "cases.caselink": {"url": 500, "label": 200},
}

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def load(name):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


CASE_FIXTURE = load("cases.json")
ORGANIZATIONS = load("organizations.json")
ORGANIZATION_BY_PK = {org["pk"]: org["fields"] for org in ORGANIZATIONS}


def objects(model):
    return [obj for obj in CASE_FIXTURE if obj["model"] == model]


def case(slug):
    [found] = [obj for obj in objects("cases.case") if obj["fields"]["slug"] == slug]
    return found


def rows(model, case_pk):
    found = [obj["fields"] for obj in objects(model) if obj["fields"]["case"] == case_pk]
    return sorted(found, key=lambda fields: fields["order"])


def label(org):
    return org["acronym_en"] or org["name_en"]


def squeeze(text):
    """Text without whitespace, as the seed's layout breaks lines and spaces unevenly."""
    return re.sub(r"\s+", "", text)


def seed_text():
    if not SEED.exists():
        pytest.skip(f"seed not found at {SEED}")
    # The seed's layout puts photo credits in the middle of sentences.
    return squeeze(SEED.read_text(encoding="utf-8")).replace("©ILO", "")


def markdown_pieces(markdown):
    """Paragraphs, and list items one by one, with the Markdown syntax undone."""
    for paragraph in markdown.split("\n\n"):
        lines = paragraph.split("\n")
        if all(line.startswith("- ") for line in lines):
            pieces = [line[2:] for line in lines]
        else:
            assert len(lines) == 1, f"a paragraph with a hard line break: {paragraph!r}"
            pieces = lines
        for piece in pieces:
            # A footnote mark or definition is the seed's superscript digit: [^1] is ¹.
            piece = re.sub(r"\[\^(\d+)\]:?", lambda m: m[1].translate(SUPERSCRIPT), piece)
            yield piece.replace("**", "")


def all_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from all_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from all_strings(item)


# --------------------------------------------------------------------------- shape and keys


def test_fixture_models_come_in_loaddata_order():
    models = [obj["model"] for obj in CASE_FIXTURE]

    assert sorted(models, key=LOADDATA_ORDER.index) == models
    assert set(models) == set(LOADDATA_ORDER)
    assert {org["model"] for org in ORGANIZATIONS} == {"cases.organization"}


def test_cases_are_the_three_seed_cases_in_order():
    assert [(obj["pk"], obj["fields"]["slug"]) for obj in objects("cases.case")] == [
        (1, "transform"),
        (2, "ilo-sse-academy"),
        (3, "page-kyrgyzstan-mongolia"),
    ]


@pytest.mark.parametrize("model", ["cases.organization", *LOADDATA_ORDER])
def test_fixture_pks_run_from_one_without_gaps(model):
    source = ORGANIZATIONS if model == "cases.organization" else objects(model)

    assert [obj["pk"] for obj in source] == list(range(1, len(source) + 1))


@pytest.mark.parametrize("model", LOADDATA_ORDER[1:])
def test_case_rows_point_to_existing_cases(model):
    case_pks = {obj["pk"] for obj in objects("cases.case")}

    assert {obj["fields"]["case"] for obj in objects(model)} <= case_pks


def test_case_organizations_point_to_existing_organizations():
    referenced = {obj["fields"]["organization"] for obj in objects("cases.caseorganization")}

    assert referenced <= set(ORGANIZATION_BY_PK)


def test_organizations_are_each_used_by_a_case():
    referenced = {obj["fields"]["organization"] for obj in objects("cases.caseorganization")}

    assert referenced == set(ORGANIZATION_BY_PK)


def test_organizations_are_listed_once():
    for key in ("slug", "name_en", "name_zh_hans"):
        counts = Counter(org["fields"][key] for org in ORGANIZATIONS)
        assert [value for value, count in counts.items() if count > 1] == [], key


def test_case_rows_are_unique_per_case():
    countries = Counter(
        (o["fields"]["case"], o["fields"]["country"]) for o in objects("cases.casecountry")
    )
    roles = Counter(
        (o["fields"]["case"], o["fields"]["organization"], o["fields"]["role"])
        for o in objects("cases.caseorganization")
    )

    assert max(countries.values()) == 1
    assert max(roles.values()) == 1


def test_orders_run_from_zero_within_each_group():
    groups = {}
    for model in LOADDATA_ORDER[1:]:
        for obj in objects(model):
            fields = obj["fields"]
            key = (
                model,
                fields["case"],
                fields.get("role") if model.endswith("organization") else None,
            )
            groups.setdefault(key, []).append(fields["order"])

    for key, orders in groups.items():
        assert orders == list(range(len(orders))), key


@pytest.mark.parametrize("model", sorted(MAX_LENGTHS))
def test_fixture_values_fit_the_model_fields(model):
    source = ORGANIZATIONS if model == "cases.organization" else objects(model)

    for obj in source:
        for field, limit in MAX_LENGTHS[model].items():
            for name in (field, f"{field}_zh_hans", f"{field}_en"):
                value = obj["fields"].get(name)
                if value is not None:
                    assert len(value) <= limit, (model, obj["pk"], name)


# --------------------------------------------------------------------------- facts per case


@pytest.mark.parametrize("slug", EXPECTED)
def test_case_title_and_headline_match_the_seed(slug):
    fields = case(slug)["fields"]
    expected = EXPECTED[slug]

    assert case(slug)["pk"] == expected["pk"]
    assert fields["short_name_zh_hans"] == expected["short_name_zh_hans"]
    assert fields["title_zh_hans"] == expected["title_zh_hans"]
    assert fields["headline_zh_hans"] == expected["headline_zh_hans"]


@pytest.mark.parametrize("slug", EXPECTED)
def test_case_sdg_targets_are_the_seeds(slug):
    targets = case(slug)["fields"]["sdg_targets"]

    assert targets == EXPECTED[slug]["sdg_targets"]
    assert all(re.fullmatch(r"(1[0-7]|[1-9])\.([1-9]|1[0-9]|[a-d])", code) for code in targets)


@pytest.mark.parametrize("slug", EXPECTED)
def test_case_countries_are_the_seeds_in_order(slug):
    countries = rows("cases.casecountry", case(slug)["pk"])

    assert [(row["country"], row["role"]) for row in countries] == EXPECTED[slug]["countries"]


@pytest.mark.parametrize("slug", EXPECTED)
def test_case_regions_are_exact(slug):
    assert case(slug)["fields"]["regions"] == EXPECTED[slug]["regions"]


@pytest.mark.parametrize("slug", EXPECTED)
def test_case_organizations_by_role_are_the_seeds_in_order(slug):
    by_role = {"nominator": [], "funder": [], "implementer": []}
    for row in rows("cases.caseorganization", case(slug)["pk"]):
        by_role[row["role"]].append((row["order"], label(ORGANIZATION_BY_PK[row["organization"]])))

    assert {role: [name for _order, name in sorted(found)] for role, found in by_role.items()} == (
        EXPECTED[slug]["organizations"]
    )


@pytest.mark.parametrize("slug", EXPECTED)
def test_case_status_years_and_modality_match_the_seed(slug):
    fields = case(slug)["fields"]
    expected = EXPECTED[slug]

    assert fields["status"] == expected["status"]
    # The seed is the 2018 volume: "进行中" was said in 2018.
    assert fields["status_as_of"] == expected["status_as_of"]
    assert fields["start_year"] == expected["start_year"]
    assert fields["end_year"] == expected["end_year"]
    assert fields["modality"] == expected["modality"]


@pytest.mark.parametrize("slug", EXPECTED)
def test_case_contacts_are_the_seeds(slug):
    contacts = rows("cases.contact", case(slug)["pk"])

    assert [
        (c["name"], c["honorific_zh_hans"], c["honorific_en"], c["email"], c["order"])
        for c in contacts
    ] == EXPECTED[slug]["contacts"]


@pytest.mark.parametrize("slug", EXPECTED)
def test_case_links_are_exact(slug):
    links = rows("cases.caselink", case(slug)["pk"])

    assert [link["url"] for link in links] == EXPECTED[slug]["links"]


@pytest.mark.parametrize("slug", EXPECTED)
def test_case_is_published_with_fixed_dates(slug):
    fields = case(slug)["fields"]

    assert fields["publication_status"] == "published"
    assert fields["published_at"] == "2026-11-28T00:00:00Z"
    assert fields["reviewed_at"] == "2026-11-28"
    assert fields["created_at"] == fields["updated_at"] == "2026-11-28T00:00:00Z"
    assert fields["version"] == 1
    assert fields["search_document"] == fields["search_english"] == ""


def test_case_sources_name_the_2018_publication_without_pages():
    for obj in objects("cases.case"):
        fields = obj["fields"]
        assert "南南合作和三角合作促进可持续发展良好实践" in fields["source_zh_hans"]
        assert "Good Practices in South-South and Triangular Cooperation" in fields["source_en"]
        assert "2018" in fields["source_zh_hans"]
        assert "2018" in fields["source_en"]
        assert "p." not in fields["source_en"]
        assert "页" not in fields["source_zh_hans"]


# --------------------------------------------------------------------------- both languages


@pytest.mark.parametrize("slug", EXPECTED)
def test_case_translated_fields_are_filled_in_both_languages(slug):
    fields = case(slug)["fields"]

    for field in TRANSLATED_CASE_FIELDS:
        assert fields[f"{field}_zh_hans"].strip(), field
        assert fields[f"{field}_en"].strip(), field


def test_contacts_and_links_are_filled_in_both_languages():
    for contact in objects("cases.contact"):
        for field in ("honorific", "job_title"):
            assert contact["fields"][f"{field}_zh_hans"].strip(), (contact["pk"], field)
            assert contact["fields"][f"{field}_en"].strip(), (contact["pk"], field)
    for link in objects("cases.caselink"):
        assert link["fields"]["label_zh_hans"].strip(), link["pk"]
        assert link["fields"]["label_en"].strip(), link["pk"]


def test_organizations_have_both_names_a_kind_and_a_secure_url():
    for org in ORGANIZATIONS:
        fields = org["fields"]
        assert fields["name_zh_hans"].strip(), fields["slug"]
        assert fields["name_en"].strip(), fields["slug"]
        assert fields["kind"] in ORGANIZATION_KINDS, fields["slug"]
        assert fields["url"] == "" or fields["url"].startswith("https://"), fields["slug"]
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", fields["slug"]), fields["slug"]


def test_english_fields_contain_no_chinese():
    english = [
        value
        for obj in [*CASE_FIXTURE, *ORGANIZATIONS]
        for key, value in obj["fields"].items()
        if key.endswith("_en") and isinstance(value, str)
    ]

    assert english
    assert [text for text in english if CJK.search(text)] == []


@pytest.mark.parametrize("slug", EXPECTED)
@pytest.mark.parametrize("field", ["challenge", "solution"])
def test_english_markdown_follows_the_chinese_structure(slug, field):
    zh = case(slug)["fields"][f"{field}_zh_hans"]
    en = case(slug)["fields"][f"{field}_en"]

    def shape(markdown):
        return [
            "list"
            if paragraph.startswith("- ")
            else "footnote"
            if paragraph.startswith("[^")
            else "bold"
            if paragraph.startswith("**")
            else "text"
            for paragraph in markdown.split("\n\n")
        ]

    assert shape(en) == shape(zh)
    assert en.count("\n- ") == zh.count("\n- ")
    assert en.count("[^1]") == zh.count("[^1]")
    assert en.count("**") == zh.count("**")


# --------------------------------------------------------------------------- Markdown


def test_case_markdown_keeps_the_bullet_lists():
    def bullets(slug, field):
        return [line for line in case(slug)["fields"][field].split("\n") if line.startswith("- ")]

    for language in ("zh_hans", "en"):
        assert len(bullets("transform", f"solution_{language}")) == 4
        assert len(bullets("ilo-sse-academy", f"solution_{language}")) == 5
    assert bullets("transform", "solution_zh_hans")[0] == "- 建立在当地实践知识之上；"
    assert bullets("ilo-sse-academy", "solution_zh_hans")[0] == "- 推广社会经济和团结经济概念；"


def test_sse_academy_solution_keeps_the_bold_paragraph():
    for language in ("zh_hans", "en"):
        solution = case("ilo-sse-academy")["fields"][f"solution_{language}"]
        bold = [p for p in solution.split("\n\n") if p.startswith("**") and p.endswith("**")]
        assert len(bold) == 1, language
        assert solution.count("**") == 2, language
        assert "MCLACJ" in bold[0] and "RIPESS" in bold[0] and "ASEC" in bold[0], language


def test_transform_challenge_keeps_the_corrected_footnote():
    for language in ("zh_hans", "en"):
        challenge = case("transform")["fields"][f"challenge_{language}"]
        body, definition = challenge.split("\n\n[^1]: ")
        assert body.count("[^1]") == 1, language
        assert "\n" not in definition, language
        assert "2017-19" in definition, language
        assert "20017" not in challenge, language
        assert ("第 9 页" if language == "zh_hans" else "p. 9") in definition, language
        assert "¹" not in challenge, language


def test_fixtures_keep_no_layout_debris_or_known_seed_errors():
    text = "\n".join(all_strings([CASE_FIXTURE, ORGANIZATIONS]))

    for debris in ("© ILO", "©", "¹", "Valentina Barca", "Taonga Mshanga"):
        assert debris not in text
    for error in (
        "20017",
        "动植物",
        "HacBank",
        "电话申请",
        "此通话",
        "南非社会保障专家网络",
        "全面消除贫穷的承诺",
        "劳工组织三角合作方案",
        "eradicate poverty everywhere",
        "triangular cooperation programme",
    ):
        assert error not in text
    assert "联合国儿童基金会" in text
    assert not re.search(r"联合国儿童基金(?!会)", text)


# --------------------------------------------------------------------------- Chinese from the seed


@pytest.mark.parametrize("slug", EXPECTED)
def test_case_chinese_names_come_from_the_seed(slug):
    seed = seed_text()
    fields = case(slug)["fields"]

    for field in ("short_name_zh_hans", "title_zh_hans", "headline_zh_hans"):
        if field == "short_name_zh_hans" and slug in SHORT_NAMES_BY_US:
            assert squeeze(fields[field]) not in seed, field
        else:
            assert squeeze(fields[field]) in seed, field
    for contact in rows("cases.contact", case(slug)["pk"]):
        assert squeeze(contact["name"] + contact["honorific_zh_hans"]) in seed
        assert squeeze(contact["job_title_zh_hans"]) in seed
        assert contact["email"] in seed


@pytest.mark.parametrize("slug", EXPECTED)
@pytest.mark.parametrize("field", ["challenge_zh_hans", "solution_zh_hans"])
def test_case_chinese_markdown_comes_from_the_seed_but_for_listed_corrections(slug, field):
    seed = seed_text()
    corrections = CORRECTIONS.get((slug, field), [])
    stored = squeeze(case(slug)["fields"][field])
    for seed_wording, our_wording in corrections:
        assert our_wording in stored, our_wording
        assert seed_wording not in stored, seed_wording
        assert seed_wording in seed, seed_wording

    for piece in markdown_pieces(case(slug)["fields"][field]):
        as_in_seed = squeeze(piece)
        for seed_wording, our_wording in corrections:
            as_in_seed = as_in_seed.replace(our_wording, seed_wording)
        assert as_in_seed in seed, piece


def test_organization_chinese_names_come_from_the_seed_unless_ours():
    seed = seed_text()

    for org in ORGANIZATIONS:
        fields = org["fields"]
        if fields["slug"] in ORGANIZATIONS_NAMED_BY_US:
            assert squeeze(fields["name_zh_hans"]) not in seed, fields["slug"]
        else:
            assert squeeze(fields["name_zh_hans"]) in seed, fields["slug"]
