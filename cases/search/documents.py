"""What the search index holds for a case: `search_document` and `search_english`.

Both are plain text, one line per ranking weight: A title and short name, B headline, C
organization and country names, D challenge and solution. `search_document` holds the bigrams
and lower-cased words (for PostgreSQL's 'simple' configuration), plus the last character of each
CJK run so that a one-character query finds every character; `search_english` holds the words
alone, for PostgreSQL's English stemmer ("trained" finds "training of trainers"). On PostgreSQL,
migration 0003 adds a stored generated column `search_vector` (a weighted tsvector of the two)
with a GIN index. Writing the columns is `cases.writes.search_index`'s job.
"""

from .tokens import MAX_LATIN_TOKEN_LENGTH, TOKEN_RE, bigrams, normalize

# The fields each line of the documents is made of, in ranking order (A, B, C, D).
CASE_SECTIONS = (
    ("short_name_zh_hans", "short_name_en", "title_zh_hans", "title_en"),
    ("headline_zh_hans", "headline_en"),
    (),  # organization and country names
    ("challenge_zh_hans", "challenge_en", "solution_zh_hans", "solution_en"),
)
# Saving a case with update_fields outside these (e.g. publishing) leaves its documents as they are.
SEARCHED_CASE_FIELDS = frozenset(
    {"short_name", "title", "headline", "challenge", "solution"}
    | {column for section in CASE_SECTIONS for column in section}
)
SEARCHED_ORGANIZATION_FIELDS = ("name_zh_hans", "name_en", "acronym_zh_hans", "acronym_en")
SEARCHED_COUNTRY_FIELDS = ("name_zh_hans", "name_en")


def _lines(texts):
    """One line of `search_document` and one of `search_english` for one ranking weight.

    search_document: bigrams and lower-cased words in order, then the last character of each
    CJK run. The run-final characters come last so that the bigrams of neighbouring runs stay
    adjacent (a quoted "非洲 社保" is the chain 非洲 <-> 社保) while every character still has a
    token. search_english: the words alone, for PostgreSQL's English stemmer.
    """
    sequence, tails, words = [], {}, []
    for text in texts:
        for run, word in TOKEN_RE.findall(normalize(text)):
            if run:
                sequence += bigrams(run)
                if len(run) > 1:
                    tails[run[-1]] = None
            elif len(word) <= MAX_LATIN_TOKEN_LENGTH:
                sequence.append(word)
                words.append(word)
    return " ".join(sequence + list(tails)), " ".join(words)


def searched_names(organizations, countries):
    """Organization names and acronyms, then country names, both languages, each once."""
    names = []
    for organization in {o.pk: o for o in organizations}.values():  # once, whatever its roles
        names += [getattr(organization, name) for name in SEARCHED_ORGANIZATION_FIELDS]
    for country in countries:
        names += [getattr(country, name) for name in SEARCHED_COUNTRY_FIELDS]
    return [name for name in names if name]


def build_search_document(case, names=None):
    """(search_document, search_english) for a saved case, from both languages' fields.

    `names` (see searched_names) defaults to the case's organizations and countries; pass them
    to build the columns of unsaved cases (bulk imports, bench/synthetic.py).
    """
    if names is None:
        names = searched_names(case.organizations.all(), case.countries.all())
    sections = [[getattr(case, column) or "" for column in columns] for columns in CASE_SECTIONS]
    sections[2] = names
    lines = [_lines(texts) for texts in sections]
    return "\n".join(line for line, _words in lines), "\n".join(words for _line, words in lines)
