"""Helpers for the admin tests: staff accounts, a client signed in as one, and a tiny "browser"
that reads a form from an admin page and posts it back the way a browser would.

The account fixtures (editor, publisher...) are in tests/conftest.py.
"""

from html.parser import HTMLParser

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

PASSWORD = "a-long-test-password-8472"


class _FormReader(HTMLParser):
    """Collects the successful controls of one <form> (by id), as a browser would submit it."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields = []
        self.select = None
        self.select_multiple = False
        self.select_options = []
        self.textarea = None
        self.textarea_text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
            return
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self.select = name
            self.select_multiple = "multiple" in attrs
            self.select_options = []
        elif tag == "option" and self.select:
            self.select_options.append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea" and name:
            self.textarea = name
            self.textarea_text = []

    def handle_data(self, data):
        if self.textarea:
            self.textarea_text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select:
            chosen = [value for value, selected in self.select_options if selected]
            if not chosen and not self.select_multiple and self.select_options:
                chosen = [self.select_options[0][0]]
            for value in chosen:
                self.fields.append((self.select, value))
            self.select = None
        elif tag == "textarea" and self.textarea:
            text = "".join(self.textarea_text)
            # Browsers drop one newline right after <textarea>.
            self.fields.append((self.textarea, text[1:] if text.startswith("\n") else text))
            self.textarea = None


def read_form(response, form_id="case_form"):
    """The form's fields as {name: [values]} (what a browser would post, before typing)."""
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    data = {}
    for name, value in reader.fields:
        data.setdefault(name, []).append(value)
    return data


def fill(data, **values):
    """Set fields as a person typing would: str for one value, list for a multiple select."""
    for name, value in values.items():
        data[name] = value if isinstance(value, list) else [str(value)]
    return data


def add_inline_row(data, prefix, **values):
    """Fill the next empty row of an inline formset, adding a row if all are used."""
    total = int(data[f"{prefix}-TOTAL_FORMS"][0])
    initial = int(data[f"{prefix}-INITIAL_FORMS"][0])
    index = initial
    while index < total and any(
        data.get(f"{prefix}-{index}-{key}", [""])[0] not in ("", "0") for key in values
    ):
        index += 1
    if index >= total:
        data[f"{prefix}-TOTAL_FORMS"] = [str(total + 1)]
    for key, value in values.items():
        data[f"{prefix}-{index}-{key}"] = [str(value)]
    data.setdefault(f"{prefix}-{index}-order", ["0"])
    return data


def make_staff(username, group_name):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password=PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


def client_for(user, language="en"):
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def messages_of(response):
    return [str(message) for message in response.context["messages"]] if response.context else []


ADD_URL = "/admin/cases/case/add/"
CHANGELIST_URL = "/admin/cases/case/"

NEW_CASE = {
    "title_zh_hans": "社区卫生工作者培训交流",
    "title_en": "Community Health Worker Training Exchange",
    "short_name_zh_hans": "卫生人员交流",
    "short_name_en": "CHW Exchange",
    "headline_zh_hans": "肯尼亚与埃塞俄比亚交流社区卫生工作者的培训经验",
    "headline_en": "Kenya and Ethiopia share how they train community health workers",
    "challenge_zh_hans": "农村地区缺少**卫生工作者**。",
    "challenge_en": "Rural areas lack **health workers**.",
    "solution_zh_hans": "两国交换培训课程：\n\n- 实地考察\n- 联合课程",
    "solution_en": "The two countries exchanged curricula:\n\n- study visits\n- a joint course",
    "source_zh_hans": "《南南合作良好实践》，2020 年，第 12 页",
    "source_en": "Good Practices in South-South Cooperation, 2020, p. 12",
    "slug": "community-health-worker-exchange",
    "status": "completed",
    "start_year": "2016",
    "end_year": "2019",
    "modality": "triangular",
    "sdg_targets": ["3.c", "4.4"],
    "regions": ["002"],
}


def case_change_url(case):
    return f"/admin/cases/case/{case.pk}/change/"


def new_case_form(client, **overrides):
    """The admin's add form, filled in with a complete case in both languages and all inlines."""
    from cases.models import Organization

    data = read_form(client.get(ADD_URL))
    fill(data, **{**NEW_CASE, **overrides})
    add_inline_row(data, "casecountry_set", country="KE", role="provider")
    add_inline_row(data, "casecountry_set", country="ET", role="beneficiary", order="1")
    for slug, role in (("undp", "nominator"), ("irish-aid", "funder"), ("ilo", "implementer")):
        organization = Organization.objects.get(slug=slug)
        add_inline_row(data, "caseorganization_set", organization=organization.pk, role=role)
    add_inline_row(
        data,
        "contacts",
        name="Amina Wanjiru",
        honorific_zh_hans="女士",
        honorific_en="Ms",
        job_title_zh_hans="项目官员",
        job_title_en="Programme officer",
        email="amina@example.org",
    )
    add_inline_row(
        data,
        "links",
        url="https://www.example.org/chw-exchange",
        label_zh_hans="项目网页",
        label_en="Project page",
    )
    return data


def post_action(client, action, cases, confirm=False):
    data = {"action": action, "_selected_action": [str(case.pk) for case in cases]}
    if confirm:
        data["confirm"] = "yes"
    else:
        data["index"] = "0"
    return client.post(CHANGELIST_URL, data, follow=confirm)
