"""The layout of a yearly volume in each language: section headings and the labels of the
closing block. One table per language, so a new edition's wording is one line here."""

import re

# The closing block's labels, by the key the parser gives each value.
BLOCK_LABELS = {
    "zh-hans": {
        "project_name": ["项目名称"],
        "countries": ["国家/地区", "国家", "国家和地区"],
        "nominated_by": ["提名方"],
        "sdg_targets": ["可持续发展目标任务", "可持续发展目标具体目标", "可持续发展目标"],
        "supported_by": ["资助方"],
        "implemented_by": ["执行方"],
        "status": ["项目状态"],
        "period": ["项目期间", "项目周期"],
        "links": ["项目链接", "网址"],
    },
    "en": {
        "project_name": ["Project name", "Name of the project"],
        "countries": ["Countries/territories", "Country/territory", "Countries", "Country"],
        "nominated_by": ["Nominated by"],
        "sdg_targets": ["SDG targets", "SDG target"],
        "supported_by": ["Supported by"],
        "implemented_by": ["Implementing entities", "Implementing entity", "Implemented by"],
        "status": ["Project status"],
        "period": ["Project period"],
        "links": ["URL of the practice", "URL", "Website"],
    },
}

HEADINGS = {
    "zh-hans": {
        "challenge": ["挑战"],
        "solution": ["解决途径", "解决方案"],
        "contacts": ["联系方式", "联系人"],
    },
    "en": {
        "challenge": ["Challenge", "The challenge"],
        "solution": ["Towards a Solution", "Towards a solution", "Solution"],
        "contacts": ["Contact", "Contacts", "Contact information"],
    },
}

STATUSES = {
    "进行中": "ongoing",
    "正在进行": "ongoing",
    "已完成": "completed",
    "完成": "completed",
    "计划中": "planned",
    "规划中": "planned",
    "ongoing": "ongoing",
    "on-going": "ongoing",
    "in progress": "ongoing",
    "completed": "completed",
    "complete": "completed",
    "finished": "completed",
    "planned": "planned",
}

# An open end of a period: "2013 - 至今", "2013 - present".
OPEN_END = re.compile(r"至今|迄今|现在|present|ongoing|to date|now", re.IGNORECASE)

# Honorifics as the two editions write them: after the name in Chinese, before it in English.
HONORIFICS_AFTER = ["博士", "先生", "女士", "教授", "小姐", "阁下", "夫人"]
HONORIFICS_BEFORE = ["Mr", "Ms", "Mrs", "Miss", "Dr", "Prof", "Professor", "H.E."]

# The volume's running header, as the page layout repeats it (with or without a page number).
RUNNING_HEADERS = [
    "南南合作和三角合作促进可持续发展良好实践",
    "Good Practices in South-South and Triangular Cooperation for Sustainable Development",
]


def _compact(text):
    return re.sub(r"\s+", "", text).casefold()


def heading_of(line, language):
    """Which section heading `line` is ("challenge", "solution", "contacts"), or None."""
    text = _compact(line).rstrip(":：")
    for key, words in HEADINGS[language].items():
        if text in {_compact(word) for word in words}:
            return key
    return None


def _label_pattern(language):
    alternatives = []
    for key, labels in BLOCK_LABELS[language].items():
        for label in labels:
            # Spaces in a label are optional ("国家 / 地区", "国家/地区"); case is ignored.
            parts = [re.escape(char) for char in re.sub(r"\s+", "", label)]
            alternatives.append((key, r"\s*".join(parts)))
    # Longest first, so "URL of the practice" wins over "URL".
    alternatives.sort(key=lambda pair: -len(pair[1]))
    return [
        (key, re.compile(rf"^\s*({pattern})\s*[:：]\s*(.*)$", re.IGNORECASE))
        for key, pattern in alternatives
    ]


LABEL_PATTERNS = {language: _label_pattern(language) for language in BLOCK_LABELS}


def label_of(line, language):
    """(key, value) when `line` is a line of the closing block, else None."""
    for key, pattern in LABEL_PATTERNS[language]:
        match = pattern.match(line)
        if match:
            return key, match.group(2).strip()
    return None


def detect_language(lines):
    """The edition's language: the one whose headings and labels the text uses most."""
    scores = dict.fromkeys(BLOCK_LABELS, 0)
    for line in lines:
        for language in scores:
            if heading_of(line, language) or label_of(line, language):
                scores[language] += 1
    best = max(scores, key=scores.get)
    return best if scores[best] else None
