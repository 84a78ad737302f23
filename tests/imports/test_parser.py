"""The parser on the seed, on our own volumes in both layouts, and on malformed text."""

import pytest
from django.utils import translation

from cases.imports.parser import ERROR, NOTE, Contact, parse_volume
from tests.imports.volumes import volume_lines


def problems_of(case):
    return [(problem.line, problem.level, problem.message) for problem in case.problems]


@pytest.fixture(scope="module")
def seed():
    # Parsed once, before the per-test fixture that activates English: say it here.
    with translation.override("en"):
        return parse_volume(volume_lines("seed_zh.txt"))


def test_seed_is_the_chinese_edition_with_three_cases(seed):
    assert seed.language == "zh-hans"
    assert seed.problems == []
    assert [(case.line, case.end_line, case.heading) for case in seed.cases] == [
        (5, 65, "TRANSFORM"),
        (69, 121, "国际劳工组织社会经济和团结经济学院"),
        (125, 186, "绿色经济行动伙伴关系"),
    ]


def test_seed_transform_block_and_contact(seed):
    case = seed.cases[0]
    assert case.project_name == "TRANSFORM - 建立并管理非洲社会保障最低标准的领导力与转型课程"
    assert case.headline == "通过南南合作发展技术水平与领导能力，实现非洲社保全覆盖"
    assert case.countries == [
        "非洲地区", "埃塞俄比亚", "肯尼亚", "马拉维", "莫桑比克", "坦桑尼亚", "赞比亚"
    ]  # fmt: skip
    assert case.nominated_by == ["国际劳工组织"]
    assert case.supported_by == [
        "非洲联盟",
        "联合国儿童基金会",
        "联合国开发计划署",
        "国际劳工组织",
        "国际包容性增长政策中心",
        "欧盟 - 动植物卫生检疫",
        "爱尔兰援助署",
        "南非社会保障专家网络 - SASPEN",
    ]
    assert case.implemented_by == [
        "国际劳工组织", "联合国儿童基金", "国际包容性增长政策中心", "联合国开发计划署"
    ]  # fmt: skip
    assert case.sdg_targets == ["1.3", "3.8", "5.4", "8.5", "10.4"]
    assert (case.status, case.start_year, case.end_year) == ("ongoing", 2015, 2020)
    assert case.links == ["http://socialprotection.org/institutions/transform"]
    assert case.contacts == [
        Contact(
            "Luca Pellerano",
            "博士",
            "国际劳工组织马拉维、莫桑比克和赞比亚社会安全技术顾问",
            ["pellerano@ilo.org"],
            54,
        )
    ]
    assert problems_of(case) == [
        (25, NOTE, "Dropped “Valentina Barca” (a caption's name)."),
        (29, NOTE, "Dropped “Taonga Mshanga” (a caption's name)."),
    ]


def test_seed_transform_footnote_moves_to_the_challenge_that_cites_it(seed):
    case = seed.cases[0]
    assert "全球社会保障覆盖率最低的区域。[^1]其中的挑战" in case.challenge
    assert case.challenge.endswith("\n\n[^1]: 国际劳工组织全球社会保障报告 20017-19，第 9 页")
    assert "[^1]" not in case.solution and "20017" not in case.solution
    assert "Valentina" not in case.solution
    assert case.solution.endswith(
        "- 将知识共享与学习材料开发 / 更新形成制度化；以及，\n- 提升南南合作。"
    )
    assert case.solution.count("\n\n") == 11  # twelve paragraphs, the list one of them


def test_seed_sse_academy_joins_the_paragraph_cut_by_a_photo(seed):
    case = seed.cases[1]
    assert "实地访问让参与者可以与社会经济和团结经济利益攸关方直接对话" in case.solution
    assert "© ILO" not in case.solution
    assert case.countries == [
        "全球（目前为止涉及巴西、加拿大、哥斯达黎加、意大利、大韩民国、卢森堡、墨西哥、摩洛哥、南非、西班牙）"
    ]
    assert case.supported_by == ["国际劳工组织和合作成员国"]
    assert case.implemented_by == ["国际劳工组织", "相关成员国（通常为劳工部）"]
    assert (case.start_year, case.end_year) == (2013, None)
    assert case.links == ["http://www.sseacb.net/"]
    assert [(c.name, c.honorific, c.job_title, c.emails) for c in case.contacts] == [
        ("Roberto Di Meglio", "先生", "国际劳工组织", ["dimeglio@ilo.org"]),
        ("Laura Cicciarelli", "女士", "国际劳工组织", ["cicciarelli@iloguest.org"]),
    ]
    assert problems_of(case) == [
        (95, NOTE, "Dropped “© ILO” (a photo credit)."),
        (97, NOTE, "Joined to the paragraph at line 91, which ends mid-sentence."),
    ]


def test_seed_page_block_with_blank_lines_and_a_colon_in_the_name(seed):
    case = seed.cases[2]
    assert case.project_name == (
        "绿色经济行动伙伴关系 : 蒙古国和吉尔吉斯斯坦相互借鉴绿色经济政策和做法，从而推进 2030 年可持续发展议程"
    )
    assert case.implemented_by == [
        "绿色经济行动伙伴关系（国际劳工组织、联合国环境规划署、联合国训练研究所、联合国工业发展组织、联合国开发计划署）"
    ]
    assert case.links == [
        "https://goo.gl/M9qWLT", "https://goo.gl/VC8guw", "https://goo.gl/vs8jNz"
    ]  # fmt: skip
    assert "在国际劳工组织的领导下，2018 年探索绿色就业预测模型" in case.solution
    assert "吉尔吉斯斯坦对口人员在整个活动周内" in case.solution
    assert case.block_lines["links"] == 186


def test_chinese_variations():
    volume = parse_volume(volume_lines("variations_zh.txt"))
    farm, water, pacific = volume.cases
    # Full-width colons, ten countries, a period with months, two contacts with two emails.
    assert farm.project_name == "数字农业学校：小农户移动农技服务"
    assert len(farm.countries) == 10
    assert (farm.start_year, farm.end_year) == (2016, 2019)
    assert [(c.name, c.honorific, c.emails) for c in farm.contacts] == [
        ("张伟", "先生", ["zhang.wei@example.cn", "zhangwei@example.org"]),
        ("Amina Njoroge", "女士", ["amina.njoroge@example.ke", "a.njoroge@example.org"]),
    ]
    # A page number inside a paragraph; a wrapped list item.
    assert "由各国农业部共同管理的知识库" in farm.solution
    assert "- 建立覆盖十个国家的短信服务平台，农民可以用当地语言查询信息；" in farm.solution
    assert "27" not in farm.solution
    assert farm.challenge.count("[^") == 0  # no footnotes
    # A running header inside a paragraph; a block with a missing line.
    assert water.challenge.endswith("管网老化，缺少监测设备，也缺少能够分析数据的技术人员。")
    assert water.supported_by == []
    assert (64, NOTE, "The closing block has no line for: 资助方.") in problems_of(water)
    assert not water.has_errors
    assert water.links == ["https://www.example.org/water"]
    assert water.status == "completed"
    assert pacific.contacts[0].honorific == "Dr"
    assert (pacific.start_year, pacific.end_year) == (2018, None)


def test_english_variations():
    volume = parse_volume(volume_lines("variations_en.txt"))
    assert volume.language == "en"
    farm, water, pacific = volume.cases
    assert farm.project_name == "Digital Farm School: mobile extension services for smallholders"
    assert farm.countries[-1] == "Mozambique and Zimbabwe"  # split when matched
    assert [(c.name, c.honorific, c.job_title) for c in farm.contacts] == [
        ("Zhang Wei", "Mr", "Dean, College of International Development, China Agricultural University"),
        ("Amina Njoroge", "Ms", "Director of Extension, Ministry of Agriculture, Kenya"),
    ]  # fmt: skip
    assert "run jointly by the ministries of agriculture of the countries" in farm.solution
    assert "- a text-message platform covering ten countries, where farmers can ask questions in their own language;" in farm.solution  # fmt: skip
    assert water.challenge == (
        "In many developing countries more than forty per cent of the water in city networks "
        "is lost. The pipes are old, there are no meters and there are few technicians who can "
        "analyse the data."
    )
    assert (54, NOTE, "Dropped “Good Practices in South-South and Triangular Cooperation for "
            "Sustainable Development 45” (a page number or running header).") in problems_of(water)  # fmt: skip
    # Semicolons between targets, an en dash and "present", "Dr." before the name.
    assert pacific.sdg_targets == ["13.1", "13.3", "17.9"]
    assert (pacific.start_year, pacific.end_year) == (2018, None)
    assert [(c.name, c.honorific, c.job_title) for c in pacific.contacts] == [
        ("Sione Tupou", "Dr", "Director, Tonga Meteorological Service")
    ]
    assert pacific.countries == ["Oceania region", "Fiji", "Samoa", "Tonga"]


def test_english_transform_footnote_and_furniture():
    (case,) = parse_volume(volume_lines("transform_en.txt")).cases
    assert case.challenge.endswith(
        "its promise to leave no one behind.\n\n[^1]: ILO, *World Social Protection Report 2017-19*, p. 9."
    )
    assert "in the world.[^1] The challenges" in case.challenge
    assert [c.honorific for c in case.contacts] == ["Dr"]


VOLUME = """TITLE

Tagline

挑战

Challenge text.

解决途径

Solution text.

联系方式：

王芳 女士，某机构，
wang@example.org

项目名称 : PROJECT
可持续发展目标任务 : 8.5
项目期间 : PERIOD
"""


def parse(text):
    return parse_volume(text.splitlines(), "zh-hans")


def test_truncated_case_is_an_error_with_its_line():
    lines = VOLUME.split("联系方式：")[0]
    (case,) = parse(lines).cases
    assert case.has_errors
    assert (11, ERROR, "The case that starts at line 1 ends without its closing block "
            "(“项目名称 : …”): the file is cut short or the block is missing.") in problems_of(case)  # fmt: skip


def test_a_case_cut_short_before_the_next_one():
    first = VOLUME.replace("PROJECT", "一").replace("PERIOD", "2016")
    cut = first.split("联系方式：")[0]
    second = VOLUME.replace("TITLE", "第二").replace("PROJECT", "二").replace("PERIOD", "2017")
    volume = parse(cut + second)
    assert [case.heading for case in volume.cases] == ["TITLE", "第二"]
    assert volume.cases[0].has_errors and not volume.cases[1].has_errors
    assert volume.cases[1].headline == "Tagline"


def test_missing_heading_is_an_error():
    (case,) = parse(VOLUME.replace("解决途径\n", "").replace("PERIOD", "2016")).cases
    assert (1, ERROR, "The case has no “解决途径” heading.") in problems_of(case)


def test_period_ending_before_it_starts():
    (case,) = parse(VOLUME.replace("PERIOD", "2019 - 2017")).cases
    assert (20, ERROR, "The project period “2019 - 2017” ends before it starts.") in problems_of(
        case
    )
    assert (case.start_year, case.end_year) == (None, None)


def test_malformed_target_code_is_reported():
    (case,) = parse(VOLUME.replace("8.5", "8.5、八点五、18.1").replace("PERIOD", "2016")).cases
    assert case.sdg_targets == ["8.5", "18.1"]  # 18.1 is a code's shape; the catalogue refuses it
    assert (19, NOTE, "“八点五” is not an SDG target code (like 8.5 or 17.a): left out.") in problems_of(case)  # fmt: skip


def test_duplicate_titles_in_one_file():
    text = VOLUME.replace("PERIOD", "2016")
    volume = parse(text + "\n\n" + text.replace("TITLE", "OTHER"))
    first, second = volume.cases
    assert not first.has_errors
    assert (23, ERROR, "The title “PROJECT” is also the title of the case at line 1.") in problems_of(second)  # fmt: skip


@pytest.mark.parametrize("text", ["", "\n\n\n", "just some words\nand more"])
def test_text_without_a_case(text):
    volume = parse_volume(text.splitlines())
    assert volume.cases == []
    assert [problem.line for problem in volume.problems] == [1]


def test_nul_bytes_and_huge_lines_do_not_break_it():
    text = VOLUME.replace("Solution text.", "x\x00y " * 100000).replace("PERIOD", "2016")
    (case,) = parse(text).cases
    assert not case.has_errors
    assert len(case.solution) > 100000
