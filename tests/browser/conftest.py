"""Real-browser tests: Playwright driving Debian's Chromium against a live Django server.

They are skipped, with the reason, where /usr/bin/chromium is not installed (`.ci/run` installs
it). Playwright's own browser download is never used.
"""

import logging
import os
from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
ROOT = Path(__file__).resolve().parents[2]
# The README's screenshots are rewritten only when asked (`make screenshots`), and only those
# the README shows; every other screenshot goes outside git, to look at.
README_SCREENSHOTS = ROOT / "docs" / "screenshots"
SCREENSHOTS = ROOT / "test-results" / "screenshots"


def screenshot_path(name):
    """Where the screenshot `name` (without .png) is written."""
    file_name = f"{name}.png"
    in_readme = f"docs/screenshots/{file_name}" in (ROOT / "README.md").read_text("utf-8")
    if os.environ.get("UPDATE_README_SCREENSHOTS") == "1" and in_readme:
        return str(README_SCREENSHOTS / file_name)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return str(SCREENSHOTS / file_name)


# Playwright's sync API runs an event loop in this thread; the test's own database calls are
# synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def site(live_server, transactional_db):
    """The live server with the catalogue as `make run` loads it (flushed after each test)."""
    call_command("load_catalogue", verbosity=0)
    return live_server.url


@pytest.fixture
def screenshot():
    def take(page, name, full_page=True):
        page.screenshot(path=screenshot_path(name), full_page=full_page)

    return take


# WCAG 2.0-2.2 A and AA (2.2 brings target size) and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture
def axe_violations():
    if not AXE.exists():
        pytest.skip("axe-core is not installed: run `npm install` (make test does)")
    source = AXE.read_text()

    def audit(page):
        page.evaluate(source)
        return page.evaluate(
            """async (AXE_TAGS) => {
                const result = await axe.run(document, {
                    resultTypes: ['violations'],
                    runOnly: {type: 'tag', values: AXE_TAGS},
                });
                return result.violations.map(v => ({
                    id: v.id, impact: v.impact,
                    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
                }));
            }""",
            AXE_TAGS,
        )

    return audit


class PageWatcher:
    """Collects what must not happen: CSP violations, script errors, requests to another
    origin, failed responses (with the server's traceback for a 500)."""

    def __init__(self, page, site):
        self.site = site
        self.problems = []
        page.on("console", self.on_console)
        page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        page.on("request", self.on_request)
        page.on("response", self.on_response)

    def on_console(self, message):
        # Failed loads are reported by on_response, with their address.
        if message.text.startswith("Failed to load resource"):
            return
        if message.type == "error" or "Content Security Policy" in message.text:
            self.problems.append(f"console {message.type}: {message.text}")

    def on_request(self, request):
        if not (request.url.startswith(self.site) or request.url.startswith("data:")):
            self.problems.append(f"request to another origin: {request.url}")

    def on_response(self, response):
        # Browsers ask for /favicon.ico on their own; the site does not provide one.
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            self.problems.append(f"{response.status} for {response.url}")


class ServerErrors(logging.Handler):
    """Keeps the tracebacks of server errors raised in the live server's thread."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.tracebacks = []

    def emit(self, record):
        self.tracebacks.append(self.format(record))


@pytest.fixture
def server_errors():
    handler = ServerErrors()
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield handler.tracebacks
    logger.removeHandler(handler)


@pytest.fixture
def new_page(browser, site):
    """Pages in their own browser contexts (separate logins), closed after the test so no
    kept-alive connection outlives the live server's database."""
    contexts = []

    def open_page(locale="en-GB"):
        context = browser.new_context(locale=locale, viewport={"width": 1440, "height": 900})
        contexts.append(context)
        page = context.new_page()
        return page, PageWatcher(page, site)

    yield open_page
    for context in contexts:
        context.close()
