"""The page cache: anonymous readers get each page once rendered per catalogue version, with
ETag/Last-Modified revalidation and gzip; every visible write shows at once everywhere."""

import gzip

import pytest
from django.core.cache import caches
from django.test import override_settings

from cases.models import Case
from cases.writes.locking import save_locked
from cases.writes.workflow import take_action
from tests.factories import make_case
from tests.reading import query_count, text

pytestmark = pytest.mark.django_db


def test_a_page_is_rendered_once_per_version(client):
    first = client.get("/en/cases/?goal=8")
    assert query_count(client, "/en/cases/?goal=8", page_cache=True) == 1  # the version
    again = client.get("/en/cases/?goal=8")

    assert again.content == first.content
    assert again["Cache-Control"] == "public, no-cache"
    assert again["ETag"] == first["ETag"]


def test_the_same_filters_in_any_order_share_a_page_and_unknown_parameters_are_dropped(client):
    page = client.get("/en/cases/?country=KE&country=MN&q=&utm_source=mail")
    same = client.get("/en/cases/?country=MN&country=KE")

    assert page["ETag"] == same["ETag"]
    assert page.content == same.content
    assert "utm_source" not in page.content.decode()


def test_revalidation_answers_304_until_the_catalogue_changes(client, editor):
    page = client.get("/en/cases/transform/")
    etag, modified = page["ETag"], page["Last-Modified"]

    assert client.get("/en/cases/transform/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/en/cases/transform/", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304

    case = Case.objects.get(slug="transform")
    save_locked(case, user=editor, reason="", expected_version=1, values={"title_en": "Renamed"})

    fresh = client.get("/en/cases/transform/", HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200
    assert fresh["ETag"] != etag
    assert "Renamed" in text(fresh)


def test_readers_who_accept_gzip_get_it(client):
    plain = client.get("/zh-hans/")
    compressed = client.get("/zh-hans/", HTTP_ACCEPT_ENCODING="gzip, br")

    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    assert "Accept-Encoding" in compressed["Vary"]
    assert len(compressed.content) < len(plain.content) / 3


def test_readers_who_do_not_accept_gzip_get_the_cached_page_decompressed(client):
    rendered = client.get("/en/cases/?goal=8", HTTP_ACCEPT_ENCODING="gzip")  # stored
    cached = client.get("/en/cases/?goal=8")

    assert not cached.has_header("Content-Encoding")
    assert cached.content == gzip.decompress(rendered.content)
    assert "Accept-Encoding" in cached["Vary"]


def test_signed_in_editors_are_not_served_cached_pages(client, editor_client):
    client.get("/en/cases/")
    response = editor_client.get("/en/cases/")

    assert "ETag" not in response
    assert response["Cache-Control"] == "private, no-cache"
    assert "Cookie" in response["Vary"]


@pytest.mark.parametrize("path", ["/en/cases/", "/zh-hans/cases/transform/", "/sitemap.xml"])
def test_shared_caches_keep_readers_pages_apart_from_editors(client, path):
    response = client.get(path, HTTP_ACCEPT_ENCODING="gzip")

    assert response["Cache-Control"] == "public, no-cache"
    assert {part.strip() for part in response["Vary"].split(",")} >= {"Accept-Encoding", "Cookie"}


def test_the_api_varies_by_its_negotiated_language_too(client):
    english = client.get("/api/v1/cases/", HTTP_ACCEPT_LANGUAGE="en")
    chinese = client.get("/api/v1/cases/", HTTP_ACCEPT_LANGUAGE="zh-hans")

    vary = {part.strip() for part in english["Vary"].split(",")}
    assert vary >= {"Accept-Language", "Cookie"}
    assert english["ETag"] != chinese["ETag"]
    assert english.json()["results"][0]["title"] != chinese.json()["results"][0]["title"]


def test_cached_pages_set_no_cookie_but_the_language_is_still_remembered(client):
    client.get("/en/")  # cached now
    fresh_reader = type(client)()

    response = fresh_reader.get("/en/")

    assert response.cookies["catalogue_language"].value == "en"
    assert "sessionid" not in response.cookies


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_published_edit_shows_at_once_on_every_public_output(client, editor, publisher, language):
    pages = [
        f"/{language}/cases/",
        f"/{language}/cases/transform/",
        f"/{language}/feed/",
        f"/{language}/cases/?q=TRANSFORM",
        f"/{language}/",
    ]
    for url in pages:
        client.get(url)
    case = Case.objects.get(slug="transform")
    save_locked(
        case,
        user=publisher,
        reason="",
        expected_version=1,
        values={"title_en": "Edited title", "title_zh_hans": "编辑后的标题"},
    )
    expected = "Edited title" if language == "en" else "编辑后的标题"

    for url in pages:
        assert expected in client.get(url).content.decode(), url
    csv = b"".join(client.get(f"/{language}/cases.csv").streaming_content).decode()
    assert expected in csv


def test_publishing_and_unpublishing_show_at_once(client, publisher):
    draft = make_case(
        slug="new-one", title_en="Brand new", publication_status="draft", targets=["8.5"]
    )
    assert "Brand new" not in client.get("/en/cases/").content.decode()

    take_action(draft, publisher, "publish")
    assert "Brand new" in client.get("/en/cases/").content.decode()
    assert client.get("/en/cases/new-one/").status_code == 200

    take_action(Case.objects.get(slug="new-one"), publisher, "unpublish")
    assert "Brand new" not in client.get("/en/cases/").content.decode()
    assert client.get("/en/cases/new-one/").status_code == 404


REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/9",
    }
}


def test_the_page_cache_works_in_redis_shared_by_processes(client, editor):
    with override_settings(CACHES=REDIS):
        redis = caches["default"]
        redis.clear()
        try:
            first = client.get("/en/cases/?goal=8")
            keys = list(redis._cache.get_client().scan_iter("*page:*"))
            assert len(keys) == 1
            assert client.get("/en/cases/?goal=8").content == first.content

            case = Case.objects.get(slug="transform")
            save_locked(
                case, user=editor, reason="", expected_version=1, values={"title_en": "Red"}
            )
            assert "Red" in client.get("/en/cases/?goal=8").content.decode()
            assert len(list(redis._cache.get_client().scan_iter("*page:*"))) == 2
        finally:
            redis.clear()
