"""Text to search tokens: Chinese runs, Latin words, and a light English stemmer.

Chinese has no spaces, so PostgreSQL's parser would take a whole clause as one word. Every
run of CJK characters is cut into overlapping bigrams (what Lucene's CJK analyzer does):
"实现非洲社保全覆盖" -> 实现 现非 非洲 洲社 社保 保全 全覆 覆盖. Any Chinese string of two or
more characters is then a chain of adjacent bigrams, found whatever boundaries a word segmenter
would draw (jieba cuts 社/保全 and would miss "社保"). Latin words are kept lower-cased as they
are (so "WHO", an English stop word, is still found).
"""

import functools
import re
import unicodedata

MAX_LATIN_TOKEN_LENGTH = 100

# Han (with extensions and compatibility forms), kana and hangul: scripts written without
# spaces between words, indexed as bigrams.
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f"
TOKEN_RE = re.compile(f"([{CJK}]+)|([^\\W_{CJK}]+)")
LATIN = f"[^\\W_{CJK}]"


def normalize(text):
    """NFKC (full-width letters and digits become ASCII) and lower case."""
    return unicodedata.normalize("NFKC", text or "").lower()


def tokens(text):
    """The (kind, value) tokens of a text: ("cjk", run of CJK characters) or ("word", word)."""
    return [
        ("cjk", run) if run else ("word", word) for run, word in TOKEN_RE.findall(normalize(text))
    ]


def bigrams(run):
    return [a + b for a, b in zip(run, run[1:], strict=False)] or [run]


# Cached: a results page stems every word of twenty cards' texts, from a small vocabulary.
@functools.lru_cache(maxsize=65536)
def light_stem(word):
    """A small English suffix stripper for SQLite and snippets (PostgreSQL uses Snowball).

    It only has to agree with itself: "trainers" -> "trainer", "training"/"trained" -> "train",
    "policies" -> "policy".
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("ies"):
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 3 and any(c in "aeiouy" for c in stem):
            if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiouylsz":
                stem = stem[:-1]
            return stem
    return word
