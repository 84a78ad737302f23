"""Create an account for an editor (or a publisher) of the catalogue.

    python manage.py createeditor wang.fang --email wang.fang@example.org
    python manage.py createeditor li.na --email li.na@example.org --publisher
    EDITOR_PASSWORD=... python manage.py createeditor li.na --password-env EDITOR_PASSWORD

A password is never taken from the command line (it would stay in the shell history and be
visible to other users in the process list): either name an environment variable that holds it,
or set it afterwards with `changepassword`.
"""

import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from cases.writes.accounts import EDITORS, PUBLISHERS, create_staff_account


class Command(BaseCommand):
    help = "Create a staff account in the Editors group (or Publishers with --publisher)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="", help="The person's email address.")
        parser.add_argument(
            "--publisher",
            action="store_true",
            help="Put the account in the Publishers group (may also publish and delete).",
        )
        parser.add_argument(
            "--password-env",
            metavar="VARIABLE",
            help="Read the password from this environment variable instead of leaving it unset.",
        )

    def handle(self, *args, username, email, publisher, password_env, **options):
        User = get_user_model()
        group_name = PUBLISHERS if publisher else EDITORS
        try:
            group = Group.objects.get(name=group_name)
        except Group.DoesNotExist as error:
            raise CommandError(
                _("The group “%(group)s” does not exist: run “python manage.py migrate” first.")
                % {"group": group_name}
            ) from error
        if User.objects.filter(username=username).exists():
            raise CommandError(
                _("The user “%(username)s” already exists.") % {"username": username}
            )
        if email:
            try:
                validate_email(email)
            except ValidationError as error:
                raise CommandError(
                    _("“%(email)s” is not a valid email address.") % {"email": email}
                ) from error

        password = self._password(password_env, User(username=username, email=email))

        create_staff_account(username, email=email, group=group, password=password)

        self.stdout.write(
            self.style.SUCCESS(
                _("Created the staff user “%(username)s” in the group “%(group)s”.")
                % {"username": username, "group": group_name}
            )
        )
        if not password:
            self.stdout.write(
                _(
                    "The account has no password yet. Set one with:\n"
                    "    python manage.py changepassword %(username)s\n"
                    "then the person can sign in at /admin/."
                )
                % {"username": username}
            )

    def _password(self, variable, user):
        """The password from the environment variable `variable` (validated), or None."""
        if not variable:
            return None
        password = os.environ.get(variable)
        if not password:
            raise CommandError(
                _("The environment variable %(variable)s is empty or not set.")
                % {"variable": variable}
            )
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        return password
