"""Keep the search columns of cases, the pinyin sort keys and the catalogue version in step
with every write.

Why signals: the search data is derived from a case, its organizations and its countries, and
those are written by many paths (the admin with its inlines, `cases.writes`, the shell,
imports, `case.organizations.add(...)`, renaming an organization). A receiver here is the one
place that sees them all; a call in each write path would be forgotten in the next one. The
receivers only recompute derived columns through `cases.writes.search_index` (a queryset
update: no save, no history row, no version bump); what the columns hold is in
`cases.search.documents`. `loaddata` (raw=True) is skipped: load_catalogue and
`manage.py rebuild_search_index` rebuild everything afterwards.

SDG targets are not part of the searched text (see documents.CASE_SECTIONS), so their changes
need no refresh.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from . import catalogue_version
from .models import (
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
from .search.documents import (
    SEARCHED_CASE_FIELDS,
    SEARCHED_COUNTRY_FIELDS,
    SEARCHED_ORGANIZATION_FIELDS,
)
from .writes.search_index import refresh_case, refresh_search_documents
from .writes.sort_keys import SORT_KEYS, fill_sort_key


def case_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if update_fields is not None and not (set(update_fields) & SEARCHED_CASE_FIELDS):
        return  # e.g. publishing: the searched text did not change
    refresh_case(instance)


def link_saved(sender, instance, raw=False, **kwargs):
    """A CaseOrganization or CaseCountry row written or deleted (e.g. an admin inline)."""
    if raw:
        return
    refresh_search_documents([instance.case_id])


def links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """case.organizations.add/remove/clear/set, and the same from the organization's side."""
    if action == "pre_clear" and reverse:
        # After the clear the organization (or country) no longer knows its cases.
        instance._search_cases_before_clear = list(
            sender.objects.filter(**{_reverse_column(sender): instance.pk}).values_list(
                "case_id", flat=True
            )
        )
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        refresh_search_documents([instance.pk])
    elif action == "post_clear":
        refresh_search_documents(getattr(instance, "_search_cases_before_clear", []))
    else:
        refresh_search_documents(pk_set or [])


def _reverse_column(through):
    return "organization_id" if through is CaseOrganization else "country_id"


def remember_searched_names(sender, instance, raw=False, **kwargs):
    """Before an Organization or Country is saved: its searched names as they are stored."""
    if raw or instance.pk is None:
        return
    names = _searched_names(sender)
    instance._searched_names_before = (
        sender.objects.filter(pk=instance.pk).values_list(*names).first()
    )


def name_saved(sender, instance, raw=False, created=False, **kwargs):
    """A renamed organization or country: refresh the cases that name it."""
    if raw or created:
        return
    before = getattr(instance, "_searched_names_before", None)
    after = tuple(getattr(instance, name) for name in _searched_names(sender))
    if before == after:
        return
    cases = Case.objects.filter(**{_case_lookup(sender): instance.pk})
    refresh_search_documents(cases.values_list("pk", flat=True).distinct())


def _searched_names(model):
    if model is Organization:
        return SEARCHED_ORGANIZATION_FIELDS
    return SEARCHED_COUNTRY_FIELDS


def _case_lookup(model):
    return "organizations" if model is Organization else "countries"


def sort_key_before_save(sender, instance, **kwargs):
    """Before any save of a country, an organization or a case, loaddata's raw saves included
    (the fixtures do not carry the keys): its pinyin sort key from its Chinese name."""
    fill_sort_key(instance)


def connect():
    """Called from CasesConfig.ready()."""
    connect_catalogue_version()
    for model in SORT_KEYS:
        pre_save.connect(
            sort_key_before_save, sender=model, dispatch_uid=f"sort_key_{model.__name__}"
        )
    post_save.connect(case_saved, sender=Case, dispatch_uid="search_case_saved")
    for model in (CaseOrganization, CaseCountry):
        post_save.connect(link_saved, sender=model, dispatch_uid=f"search_{model.__name__}_saved")
        post_delete.connect(
            link_saved, sender=model, dispatch_uid=f"search_{model.__name__}_deleted"
        )
        m2m_changed.connect(
            links_changed, sender=model, dispatch_uid=f"search_{model.__name__}_changed"
        )
    for model in (Organization, Country):
        pre_save.connect(
            remember_searched_names, sender=model, dispatch_uid=f"search_{model.__name__}_pre"
        )
        post_save.connect(name_saved, sender=model, dispatch_uid=f"search_{model.__name__}_post")


# -- the catalogue version: every visible write moves it on (see cases/catalogue_version.py) ----

VERSIONED_MODELS = (
    Case,
    CaseCountry,
    CaseOrganization,
    Contact,
    CaseLink,
    SdgGoal,
    SdgTarget,
    Region,
    Country,
    Organization,
)


def catalogue_changed(sender, **kwargs):
    """Any save or delete of a versioned row, loaddata's raw saves included."""
    catalogue_version.bump()


def catalogue_links_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        catalogue_version.bump()


def connect_catalogue_version():
    for model in VERSIONED_MODELS:
        uid = f"catalogue_version_{model.__name__}"
        post_save.connect(catalogue_changed, sender=model, dispatch_uid=f"{uid}_saved")
        post_delete.connect(catalogue_changed, sender=model, dispatch_uid=f"{uid}_deleted")
    for through in (Case.sdg_targets.through, Case.regions.through):
        m2m_changed.connect(
            catalogue_links_changed, sender=through, dispatch_uid=f"catalogue_version_{through}"
        )
