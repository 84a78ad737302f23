"""Create the "Editors" and "Publishers" groups with their permissions.

Permissions are normally created after all migrations have run (post_migrate), so they are created
here first; create_permissions skips the ones that already exist.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITABLE_MODELS = ["case", "contact", "caselink", "casecountry", "caseorganization"]
TAXONOMY_MODELS = ["organization", "country", "region"]
REFERENCE_MODELS = ["sdggoal", "sdgtarget"]


def editor_codenames():
    codenames = []
    for model in EDITABLE_MODELS:
        codenames += [f"view_{model}", f"add_{model}", f"change_{model}", f"delete_{model}"]
    for model in TAXONOMY_MODELS:
        codenames += [f"view_{model}", f"add_{model}", f"change_{model}"]
    for model in REFERENCE_MODELS:
        codenames += [f"view_{model}"]
    return codenames


def publisher_codenames():
    return editor_codenames() + ["publish_case"] + [f"delete_{m}" for m in TAXONOMY_MODELS]


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (("Editors", editor_codenames()), ("Publishers", publisher_codenames())):
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(
            content_type__app_label="cases", codename__in=codenames
        )
        group.permissions.set(permissions)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Publishers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
