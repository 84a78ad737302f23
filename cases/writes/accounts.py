"""Staff accounts for editors and publishers (the groups come from migration 0002)."""

from django.contrib.auth import get_user_model
from django.db import transaction

EDITORS = "Editors"
PUBLISHERS = "Publishers"


@transaction.atomic
def create_staff_account(username, *, email, group, password=None):
    """A staff user in `group`; without a password it cannot sign in until one is set."""
    user = get_user_model()(username=username, email=email, is_staff=True, is_active=True)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    user.groups.add(group)
    return user
