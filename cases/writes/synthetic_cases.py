"""Synthetic published cases for benchmarks: realistic Chinese and English text, fast to make.

Text is recombined from the sentences of the three seeded cases (fixtures/cases.json), so
general words (经济, 合作, development) are as common as in real cases. The seed's topic words
(绿色经济, 社会保障, decent work, Mongolia...) would then be in a third of all cases, so each
case keeps each of them only with probability TOPIC_KEEP and otherwise replaces it everywhere
with a made-up term of its own (characters and words drawn from the seed): a topic matches a few
per cent of the cases, as in a real catalogue. Each case also gets a made-up project name, and
its organizations come from the seeded ones plus SYNTHETIC_ORGANIZATIONS made-up ones. Targets
and countries are drawn from the reference tables (load the fixtures first).

    from cases.writes.synthetic_cases import make_cases
    ids = make_cases(100_000)

or `python manage.py generate_cases 100000 [--seed S]`; `--delete` removes them.

Cases are written with bulk_create by WORKERS processes; their search columns are computed on
the way in by cases.search.build_search_document (the code every save runs), which is much
faster than writing each row twice. The same seed gives the same cases (publication dates count
back from REFERENCE_DATE, not from today). Bulk writes send no signals: the catalogue version
is bumped at the end. `rebuild_documents(ids)` re-runs refresh_search_documents,
the path of `manage.py rebuild_search_index`. Every synthetic row has a slug starting with
"bench-"; `delete_cases()` removes them.
"""

import json
import multiprocessing
import random
import re
import time
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import connections, transaction

from .. import catalogue_version
from ..models import Case, CaseCountry, CaseOrganization, Country, Organization, SdgTarget
from ..progress import Progress
from ..search import build_search_document, searched_names
from .search_index import refresh_search_documents
from .sort_keys import fill_sort_key

SLUG_PREFIX = "bench-"
REFERENCE_DATE = datetime(2026, 1, 1, tzinfo=UTC)
FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "cases.json"
MARKUP = re.compile(r"\[\^\d+\]|\*\*|^[-*] ", re.M)
TOPIC_KEEP = 0.1
SYNTHETIC_ORGANIZATIONS = 300
WORKERS = 2
BATCH_SIZE = 1000
TOPICS = [
    *("绿色经济行动伙伴关系", "绿色经济", "社会经济和团结经济", "团结经济", "社会保障", "社保"),
    *("体面工作", "吉尔吉斯斯坦", "蒙古国", "蒙古", "非洲", "国际劳工组织", "培训员"),
    *("可持续金融", "绿色就业", "学习包", "南南合作"),
    *("Partnership for Action on Green Economy", "green economy", "solidarity economy"),
    *("social protection", "decent work", "Kyrgyzstan", "Mongolia", "Africa", "trainers"),
    *("International Labour Organization", "sustainable finance", "green jobs"),
    *("learning package", "South-South cooperation", "TRANSFORM", "PAGE", "SSE"),
]
TOPIC_RE = re.compile(
    "|".join(rf"\b{re.escape(t)}\b" if t.isascii() else re.escape(t) for t in TOPICS), re.I
)


@cache
def vocabulary():
    """The seed's sentences, each cut at its topic words, and its Chinese characters and words.

    {"zh": [[text, topic, text, ...], ...], "en": [...], "chars": str, "words": [...]}
    """
    fields = [o["fields"] for o in json.loads(FIXTURE.read_text()) if o["model"] == "cases.case"]
    zh, en = [], []
    for case in fields:
        for name in ("headline", "challenge", "solution"):
            text = MARKUP.sub("", case[f"{name}_zh_hans"] or "")
            zh += [s.strip() for s in re.split(r"(?<=[。；！？])|\n+", text) if len(s.strip()) >= 6]
            text = MARKUP.sub("", case[f"{name}_en"] or "")
            en += [s.strip() for s in re.split(r"(?<=[.;!?])\s+|\n+", text) if len(s.strip()) >= 20]
    return {
        "zh": [_cut(sentence) for sentence in zh],
        "en": [_cut(sentence + " ") for sentence in en],
        "chars": "".join(re.findall(r"[\u4e00-\u9fff]", "".join(zh))),
        "words": sorted({w for s in en for w in re.findall(r"[a-z]{4,}", s)}),
    }


def _cut(sentence):
    """[text, topic, text, topic, ..., text]: topics at odd positions."""
    pieces, position = [], 0
    for match in TOPIC_RE.finditer(sentence):
        pieces += [sentence[position : match.start()], match.group()]
        position = match.end()
    return [*pieces, sentence[position:]]


class _Writer:
    """Writes one case after another; `start_case` draws which topic words the case keeps."""

    def __init__(self, rng):
        self.rng, self.words = rng, vocabulary()

    def start_case(self):
        self.replacements = {}
        for topic in TOPICS:
            if self.rng.random() >= TOPIC_KEEP:
                made_up = self.zh_name() if not topic.isascii() else self.en_name()
                self.replacements[topic.lower()] = made_up

    def _write(self, pieces):
        return "".join(
            self.replacements.get(piece.lower(), piece) if index % 2 else piece
            for index, piece in enumerate(pieces)
        )

    def zh(self, count):
        return "".join(self._write(self.rng.choice(self.words["zh"])) for _ in range(count))

    def en(self, count):
        return "".join(self._write(self.rng.choice(self.words["en"])) for _ in range(count))

    def zh_name(self):
        return "".join(self.rng.choice(self.words["chars"]) for _ in range(self.rng.randint(2, 4)))

    def en_name(self):
        return " ".join(self.rng.choice(self.words["words"]).capitalize() for _ in range(2))

    def title_zh(self, name):
        return f"{name}：{re.split(r'[，。；]', self.zh(1))[0][:30]}"

    def title_en(self, name):
        words = self.en(1).split()
        return f"{name}: {' '.join(words[: self.rng.randint(4, 10)])}"[:300]

    def case(self, slug, published_at):
        self.start_case()
        name_zh, name_en = self.zh_name(), self.en_name()
        start_year = self.rng.randint(2000, 2024)
        return Case(
            slug=slug,
            short_name_zh_hans=name_zh,
            short_name_en=name_en,
            title_zh_hans=self.title_zh(name_zh),
            title_en=self.title_en(name_en),
            headline_zh_hans=self.zh(1)[:300],
            headline_en=self.en(1).strip()[:300],
            challenge_zh_hans=self.zh(self.rng.randint(3, 5)),
            challenge_en=self.en(self.rng.randint(2, 3)).strip(),
            solution_zh_hans=self.zh(self.rng.randint(5, 9)),
            solution_en=self.en(self.rng.randint(3, 6)).strip(),
            status=self.rng.choice(Case.Status.values),
            modality=self.rng.choice(Case.Modality.values),
            start_year=start_year,
            end_year=self.rng.choice([None, min(start_year + self.rng.randint(1, 6), 2030)]),
            publication_status=Case.PublicationStatus.PUBLISHED,
            published_at=published_at,
        )


def make_organizations(count=SYNTHETIC_ORGANIZATIONS, seed=0):
    """Made-up organizations beside the seeded ones (a real catalogue names thousands)."""
    existing = Organization.objects.filter(slug__startswith=SLUG_PREFIX).count()
    writer = _Writer(random.Random(seed))
    organizations = [
        Organization(
            slug=f"{SLUG_PREFIX}org-{number}",
            name_zh_hans=writer.zh_name() + "基金会",
            name_en=writer.en_name() + " Foundation",
            kind=Organization.Kind.CIVIL_SOCIETY,
        )
        for number in range(existing, count)
    ]
    for organization in organizations:
        fill_sort_key(organization)  # bulk_create sends no pre_save
    Organization.objects.bulk_create(organizations)


def _make_batch(start, size, seed):
    """Create cases number start..start+size-1 (in a worker process); returns their ids."""
    if connections["default"].vendor == "postgresql":
        with connections["default"].cursor() as cursor:
            cursor.execute("SET synchronous_commit TO off")  # a benchmark's data: speed first
    rng = random.Random(seed * 1_000_003 + start)
    writer = _Writer(rng)
    targets = list(SdgTarget.objects.values_list("code", flat=True))
    countries = list(Country.objects.only("pk", "name_zh_hans", "name_en"))
    organizations = list(
        Organization.objects.only("pk", "name_zh_hans", "name_en", "acronym_zh_hans", "acronym_en")
    )
    cases, links = [], []
    for number in range(start, start + size):
        published_at = REFERENCE_DATE - timedelta(minutes=rng.randint(0, 10 * 365 * 24 * 60))
        case = writer.case(f"{SLUG_PREFIX}{number}", published_at)
        chosen = (
            rng.sample(targets, rng.randint(1, 5)),
            rng.sample(countries, rng.randint(1, 3)),
            rng.sample(organizations, rng.randint(1, 4)),
        )
        names = searched_names(chosen[2], chosen[1])
        case.search_document, case.search_english = build_search_document(case, names)
        fill_sort_key(case)
        cases.append(case)
        links.append(chosen)
    with transaction.atomic():
        created = Case.objects.bulk_create(cases)
        case_targets, case_countries, case_organizations = [], [], []
        for case, (codes, countries_, organizations_) in zip(created, links, strict=True):
            case_targets += [
                Case.sdg_targets.through(case_id=case.pk, sdgtarget_id=code) for code in codes
            ]
            case_countries += [
                CaseCountry(case=case, country=country, order=order)
                for order, country in enumerate(countries_)
            ]
            case_organizations += [
                CaseOrganization(
                    case=case,
                    organization=organization,
                    role=rng.choice(CaseOrganization.Role.values),
                    order=order,
                )
                for order, organization in enumerate(organizations_)
            ]
        Case.sdg_targets.through.objects.bulk_create(case_targets)
        CaseCountry.objects.bulk_create(case_countries)
        CaseOrganization.objects.bulk_create(case_organizations)
    return [case.pk for case in created]


def _worker(arguments):
    return _make_batch(*arguments)


def _batches_made(batches, workers):
    """Make the batches in `workers` processes on PostgreSQL (each with its own connection),
    in this process on SQLite (one writer at a time; an in-memory test database is not
    shared)."""
    if workers <= 1 or connections["default"].vendor != "postgresql":
        for batch in batches:
            yield _make_batch(*batch)
        return
    connections.close_all()  # each worker process opens its own connection
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap_unordered(_worker, batches)


def make_cases(count, *, seed=0, workers=WORKERS, stream=None):
    """Create `count` published synthetic cases, search columns included; returns their ids."""
    if not (SdgTarget.objects.exists() and Country.objects.exists()):
        raise RuntimeError("Load the fixtures first: manage.py load_catalogue")
    make_organizations(seed=seed)
    first = Case.objects.filter(slug__startswith=SLUG_PREFIX).count()
    batches = [
        (start, min(BATCH_SIZE, first + count - start), seed)
        for start in range(first, first + count, BATCH_SIZE)
    ]
    ids = []
    with Progress(count, "Synthetic cases", stream) as progress:
        for batch_ids in _batches_made(batches, workers):
            ids += batch_ids
            progress.advance(len(batch_ids))
    catalogue_version.bump()
    return sorted(ids)


def rebuild_documents(ids, *, batch_size=1000, log=print):
    """refresh_search_documents over `ids` in transactions of 10 batches; returns seconds."""
    started = time.monotonic()
    for start in range(0, len(ids), 10 * batch_size):
        chunk = ids[start : start + 10 * batch_size]
        with transaction.atomic():
            refresh_search_documents(chunk, batch_size=batch_size)
        seconds = time.monotonic() - started
        log(f"  search columns of {start + len(chunk)}/{len(ids)} ({seconds:.0f} s)")
    return time.monotonic() - started


def delete_cases():
    """Remove every synthetic case (and, by cascade, its links) and organization; returns how
    many cases. Deleted in batches with raw SQL deletes: the ORM's cascade would load 100,000
    cases and their history first."""
    cases = Case.objects.filter(slug__startswith=SLUG_PREFIX)
    count = cases.count()
    with transaction.atomic():
        case_ids = cases.values("pk")
        for model in (
            CaseCountry,
            CaseOrganization,
            Case.sdg_targets.through,
            Case.regions.through,
        ):
            model.objects.filter(case_id__in=case_ids)._raw_delete(model.objects.db)
        cases._raw_delete(cases.db)
        Organization.objects.filter(slug__startswith=SLUG_PREFIX).delete()
    catalogue_version.bump()
    return count
