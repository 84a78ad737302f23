"""dumpdata -> empty database -> loaddata loses nothing."""

import io
import json

import pytest
from django.core.management import call_command

from cases.models import (
    Case,
    CaseCountry,
    CaseLink,
    CaseOrganization,
    Contact,
    Country,
    Organization,
    Region,
    SdgGoal,
    SdgTarget,
)

pytestmark = pytest.mark.django_db

MODELS = [
    "cases.sdggoal",
    "cases.sdgtarget",
    "cases.region",
    "cases.country",
    "cases.organization",
    "cases.case",
    "cases.casecountry",
    "cases.caseorganization",
    "cases.contact",
    "cases.caselink",
]


def dump():
    out = io.StringIO()
    call_command("dumpdata", *MODELS, format="json", indent=1, stdout=out)
    return json.loads(out.getvalue())


def test_dump_and_load_round_trip_loses_nothing(tmp_path):
    before = dump()
    assert len([o for o in before if o["model"] == "cases.case"]) == 3
    for model in (CaseLink, Contact, CaseOrganization, CaseCountry, Case, Organization, Country):
        model.objects.all().delete()
    Region.objects.update(parent=None)  # regions protect their children
    for model in (Region, SdgTarget, SdgGoal):
        model.objects.all().delete()
    assert dump() == []
    fixture = tmp_path / "everything.json"
    fixture.write_text(json.dumps(before, ensure_ascii=False), encoding="utf-8")
    call_command("loaddata", str(fixture), verbosity=0)
    assert dump() == before
    case = Case.objects.get(slug="transform")
    assert case.title_en.startswith("TRANSFORM – Leadership")
    assert case.title_zh_hans.startswith("TRANSFORM - 建立并管理非洲社会保障最低标准")
