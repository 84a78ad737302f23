"""The shapes of the API's JSON, for the OpenAPI schema (drf-spectacular reads these).

The views build the JSON as plain dicts (`presenters.py`, `views.py`): these classes describe
it. tests/dataout/test_api_schema.py runs schemathesis against the schema, so a response
that strays from these descriptions fails the suite.
"""

from rest_framework import serializers

LANGUAGES = ("zh-hans", "en")


def translations(fields, name):
    """{"zh-hans": {fields}, "en": {fields}}: each language's stored text ("" when missing)."""
    texts = type(name, (serializers.Serializer,), {f: serializers.CharField() for f in fields})
    per_language = {code: texts(help_text=f"The stored texts in {code}.") for code in LANGUAGES}
    return type(f"{name}Translations", (serializers.Serializer,), per_language)(
        help_text="Each language's own text, without falling back to the other."
    )


class ErrorItemSerializer(serializers.Serializer):
    parameter = serializers.CharField(help_text="The refused parameter.")
    value = serializers.CharField(help_text="The refused value (shortened).")
    reason = serializers.CharField(help_text="Why, in the requested language.")


class ErrorSerializer(serializers.Serializer):
    status = serializers.IntegerField()
    detail = serializers.CharField()
    errors = ErrorItemSerializer(many=True)


class LicenceSerializer(serializers.Serializer):
    name = serializers.CharField()
    title = serializers.CharField()
    url = serializers.URLField()
    data = serializers.CharField(help_text="What the licence covers.")
    case_texts = serializers.CharField(help_text="What it does not: the source's texts.")


class EndpointsSerializer(serializers.Serializer):
    cases = serializers.URLField()
    sdg_goals = serializers.URLField()
    sdg_targets = serializers.URLField()
    regions = serializers.URLField()
    countries = serializers.URLField()
    organizations = serializers.URLField()

    def get_fields(self):
        fields = super().get_fields()
        return {name.replace("_", "-"): field for name, field in fields.items()}


class RootSerializer(serializers.Serializer):
    name = serializers.CharField()
    version = serializers.CharField()
    endpoints = EndpointsSerializer()
    schema = serializers.URLField()
    documentation = serializers.URLField()
    data_page = serializers.URLField()
    licence = LicenceSerializer()


class GoalNameSerializer(serializers.Serializer):
    number = serializers.IntegerField(min_value=1, max_value=17)
    name = serializers.CharField()


class TargetLabelSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="SDG target code: 8.5, 17.a.")
    goal = serializers.IntegerField()
    label = serializers.CharField()


class CodeNameSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class CaseCountrySerializer(CodeNameSerializer):
    role = serializers.CharField(allow_null=True, help_text="provider, beneficiary, participant.")
    role_label = serializers.CharField(allow_null=True)


class CaseOrganizationSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    role = serializers.CharField(help_text="nominator, funder or implementer.")
    role_label = serializers.CharField()


class CitationsSerializer(serializers.Serializer):
    bibtex = serializers.URLField()
    ris = serializers.URLField()
    csl_json = serializers.URLField()


class CaseSerializer(serializers.Serializer):
    slug = serializers.CharField()
    url = serializers.URLField(help_text="The case's page in the requested language.")
    api_url = serializers.URLField()
    short_name = serializers.CharField(allow_blank=True)
    title = serializers.CharField()
    headline = serializers.CharField(allow_blank=True)
    status = serializers.CharField()
    status_label = serializers.CharField()
    status_as_of = serializers.IntegerField(
        allow_null=True,
        help_text=(
            "The year the status was stated (the source publication's year unless the editors "
            "recorded another): “ongoing” as of that year."
        ),
    )
    modality = serializers.CharField()
    modality_label = serializers.CharField()
    start_year = serializers.IntegerField(allow_null=True)
    end_year = serializers.IntegerField(allow_null=True)
    sdg_goals = GoalNameSerializer(many=True)
    sdg_targets = TargetLabelSerializer(many=True)
    regions = CodeNameSerializer(many=True)
    countries = CaseCountrySerializer(many=True)
    organizations = CaseOrganizationSerializer(many=True)
    source = serializers.CharField(allow_blank=True)
    published_at = serializers.DateTimeField(allow_null=True)
    citations = CitationsSerializer()
    translations = translations(("short_name", "title", "headline", "source"), "CaseTexts")


class ContactSerializer(serializers.Serializer):
    name = serializers.CharField()
    honorific = serializers.CharField(allow_blank=True)
    job_title = serializers.CharField(allow_blank=True)
    email = serializers.CharField(allow_blank=True)
    translations = translations(("honorific", "job_title"), "ContactTexts")


class LinkSerializer(serializers.Serializer):
    url = serializers.CharField()
    label = serializers.CharField(allow_blank=True)
    translations = translations(("label",), "LinkTexts")


class CaseDetailSerializer(CaseSerializer):
    challenge = serializers.CharField(help_text="Markdown.")
    solution = serializers.CharField(help_text="Markdown.")
    contacts = ContactSerializer(many=True)
    links = LinkSerializer(many=True)
    translations = translations(
        ("short_name", "title", "headline", "source", "challenge", "solution"), "CaseDetailTexts"
    )


class FacetOptionSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class FacetsSerializer(serializers.Serializer):
    goal = FacetOptionSerializer(many=True, required=False)
    target = FacetOptionSerializer(many=True, required=False)
    region = FacetOptionSerializer(many=True, required=False)
    country = FacetOptionSerializer(many=True, required=False)
    organization = FacetOptionSerializer(many=True, required=False)
    role = FacetOptionSerializer(many=True, required=False)
    status = FacetOptionSerializer(many=True, required=False)
    modality = FacetOptionSerializer(many=True, required=False)
    year = FacetOptionSerializer(many=True, required=False)


class CaseListSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="Cases matching the filters.")
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    sort = serializers.CharField()
    results = CaseSerializer(many=True)
    facets = FacetsSerializer(required=False, help_text="With ?facets= only.")


class GoalSerializer(GoalNameSerializer):
    colour = serializers.CharField()
    text_colour = serializers.CharField()
    case_count = serializers.IntegerField()
    translations = translations(("name",), "GoalTexts")


class TargetSerializer(TargetLabelSerializer):
    case_count = serializers.IntegerField()
    translations = translations(("label",), "TargetTexts")


class RegionSerializer(CodeNameSerializer):
    parent = serializers.CharField(allow_null=True)
    case_count = serializers.IntegerField(help_text="Cases in it or any region below it.")
    translations = translations(("name",), "RegionTexts")


class CountrySerializer(CodeNameSerializer):
    region = serializers.CharField(help_text="Its UN M49 sub-region.")
    case_count = serializers.IntegerField()
    translations = translations(("name",), "CountryTexts")


class RoleCountsSerializer(serializers.Serializer):
    nominator = serializers.IntegerField()
    funder = serializers.IntegerField()
    implementer = serializers.IntegerField()


class OrganizationSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    acronym = serializers.CharField(allow_blank=True)
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    url = serializers.CharField(allow_blank=True)
    case_count = serializers.IntegerField()
    case_counts_by_role = RoleCountsSerializer()
    translations = translations(("name", "acronym"), "OrganizationTexts")


def listing(item, name):
    return type(
        name,
        (serializers.Serializer,),
        {"count": serializers.IntegerField(), "results": item(many=True)},
    )


GoalListSerializer = listing(GoalSerializer, "GoalList")
TargetListSerializer = listing(TargetSerializer, "TargetList")
RegionListSerializer = listing(RegionSerializer, "RegionList")
CountryListSerializer = listing(CountrySerializer, "CountryList")
OrganizationListSerializer = listing(OrganizationSerializer, "OrganizationList")
