"""The catalogue's version: one number that changes with every write the public can see."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CatalogueState(models.Model):
    """A single row (id 1, made by migration). See cases/catalogue_version.py."""

    version = models.BigIntegerField(
        _("catalogue version"),
        default=0,
        help_text=_(
            "Changes with every publish, edit, unpublish or deletion; pages cached for an "
            "older version are no longer served."
        ),
    )

    class Meta:
        verbose_name = _("catalogue state")
        verbose_name_plural = _("catalogue state")

    def __str__(self):
        return str(self.version)
