#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "catalogue_site.settings")
    # Management commands (migrate, makemigrations, loaddata...) may run with the development
    # secret: they sign nothing a visitor sees. Serving does not: wsgi.py and asgi.py keep the
    # settings' refusal to start without a real SECRET_KEY.
    os.environ.setdefault("ALLOW_DEVELOPMENT_SECRET", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
