"""Mapping typed organization names in a real Chromium without JavaScript: the editor picks a
likely organization and creates another, accepts, and finds both on the draft with the
submission's panel; the mapping form and the panel pass the accessibility audit."""

import pytest
from playwright.sync_api import expect

from cases.models import Case, CaseOrganization

from .admin_session import ensure_groups, log_in, make_user
from .conftest import AXE, ROOT

LOOKS = ROOT / "test-results" / "screenshots"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def audit(page, selector):
    """axe's violations inside `selector` only (the Django admin around it is not ours)."""
    if not AXE.exists():
        pytest.skip("axe-core is not installed: run `npm install` (make test does)")
    page.evaluate(AXE.read_text())
    return page.evaluate(
        """async (selector) => {
            const result = await axe.run(selector, {
                resultTypes: ['violations'],
                runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']},
            });
            return result.violations.map(v => v.id + ': ' + v.nodes[0].target.join(' '));
        }""",
        selector,
    )


def test_an_editor_maps_names_without_javascript(browser, site):
    from tests.writes.test_submissions import received

    ensure_groups()
    make_user("wang.fang", "Editors")
    submission = received(new_organizations={"funder": ["Irish Aid (IA)", "Sunlight Fund"]})
    context = browser.new_context(
        java_script_enabled=False, locale="en-GB", viewport={"width": 1440, "height": 900}
    )
    page = context.new_page()
    log_in(page, site, "wang.fang")

    page.goto(f"{site}/admin/cases/submission/{submission.pk}/change/")
    mapping = page.locator("#organization-mapping")
    mapping.get_by_label("Likely: Irish Aid").check()
    mapping.get_by_label("Create a new organization named “Sunlight Fund”").check()
    LOOKS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(LOOKS / "admin-submission-mapping.png"), full_page=True)
    mapping.get_by_role("button", name="Save the mapping").click()

    expect(page.locator(".messagelist")).to_contain_text(
        "“Irish Aid (IA)” (Supported by) is mapped to “Irish Aid”."
    )
    page.get_by_role("button", name="Accept as a new draft case").click()
    expect(page.locator("#submission-origin")).to_contain_text("From a public submission")
    expect(page.locator("#submission-origin")).to_contain_text(
        "Li Wei, Rural Power Trust, li.wei@example.org"
    )
    page.locator("#submission-origin").screenshot(path=str(LOOKS / "admin-case-origin.png"))
    case = Case.objects.get(submissions=submission)
    assert list(
        CaseOrganization.objects.filter(case=case)
        .order_by("order")
        .values_list("organization__slug", "role")
    ) == [
        ("ilo", "nominator"),
        ("unep", "implementer"),
        ("irish-aid", "funder"),
        ("sunlight-fund", "funder"),
    ]
    context.close()


def test_the_mapping_form_and_the_panel_pass_the_audit(browser, site):
    from cases.writes import submissions
    from tests.writes.test_submissions import received

    ensure_groups()
    editor = make_user("wang.fang", "Editors")
    form_submission = received(new_organizations={"funder": ["Irish Aid (IA)"]})
    drafted = received(title="Drafted", submitter_email="d@example.org")
    case = submissions.accept(drafted, editor)
    context = browser.new_context(locale="en-GB", bypass_csp=True)
    page = context.new_page()
    log_in(page, site, "wang.fang")

    page.goto(f"{site}/admin/cases/submission/{form_submission.pk}/change/")
    assert audit(page, "#organization-mapping") == []
    page.goto(f"{site}/admin/cases/case/{case.pk}/change/")
    assert audit(page, "#submission-origin") == []
    context.close()
