"""A sort key for Chinese text: its pinyin, so that names sort as a Chinese reader expects
(阿富汗 a, 巴西 ba, 中国 zhong) on every database.

Stored beside the name (`Country.name_pinyin`, `Organization.name_pinyin`, `Case.title_pinyin`,
kept current by cases/writes/sort_keys.py) and ordered on by cases/reads/ordering.py: SQLite
has no pinyin collation, and PostgreSQL's ICU `zh-x-icu` reads each character on its own
(朝鲜 under "zhao", not "chao"), where pypinyin reads words with its phrase dictionary.

The key is the syllables with their tone numbers, separated by spaces ("zhong1 guo2"): a
syllable sorts before a longer one it begins ("an1" < "ang1", since digits sort before
letters), then by tone (1-4, 5 the neutral tone). Text that is not Chinese (UNDP, 2030)
stays as written, folded to lower case, so it sorts among the syllables by its letters.
"""


def sort_key(text):
    """The pinyin sort key of `text` ("" for empty text)."""
    if not text:
        return ""
    # Imported here: the dictionaries take a moment to load and most processes never need them.
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True)
    return " ".join(word for part in syllables for word in part.casefold().split())
