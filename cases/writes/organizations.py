"""Creating an organization from a name written somewhere else (an imported volume, a public
submission): the kind guessed from the name, the address from the English name or the pinyin of
the Chinese one, and an organization of the same name reused rather than made twice."""

import re

from django.utils.text import slugify

from ..fields import localized
from ..models import Organization


def new_organization(name, language):
    """An unsaved organization named `name` in `language` (the other language's name stays
    empty for an editor), its kind guessed from the name."""
    kind = Organization.Kind.CIVIL_SOCIETY
    if re.match(r"^(联合国|United Nations|UN\b)", name):
        kind = Organization.Kind.UN
    elif re.search(r"部$|政府|Ministry|Government", name):
        kind = Organization.Kind.GOVERNMENT
    elif re.search(r"大学|学院|University|Institute", name):
        kind = Organization.Kind.ACADEMIC
    organization = Organization(kind=kind)
    setattr(organization, localized("name", language), name)
    return organization


def same_name(organization):
    """The stored organization with the new one's name (in the language it has), or None."""
    if organization.name_zh_hans:
        return Organization.objects.filter(name_zh_hans=organization.name_zh_hans).first()
    return Organization.objects.filter(name_en=organization.name_en).first()


def save_new(organization):
    """Save `organization` (from `new_organization`) under a free address; returns it, or the
    stored organization of the same name, which is used instead. Raises ValidationError for a
    name the model refuses (too long)."""
    same = same_name(organization)
    if same is not None:
        return same
    base = slugify(organization.name_en or "") or pinyin_slug(organization.name_zh_hans)
    slug, number = base[:70] or "organization", 2
    while Organization.objects.filter(slug=slug).exists():
        slug = f"{base[:70]}-{number}"
        number += 1
    organization.slug = slug
    # Only one language's name is known: the other stays empty for an editor.
    organization.full_clean(exclude=["name", "name_zh_hans", "name_en"])
    organization.save()
    return organization


def pinyin_slug(text):
    from pypinyin import lazy_pinyin

    return slugify(" ".join(lazy_pinyin(text or "")))
