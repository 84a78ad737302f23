"""The API's error bodies, one shape for all: {"status", "detail", "errors"}.

`errors` names each refused parameter, its value and the reason, in the requested language
(the list page drops such a value with a notice; a program is better told). Every other
error DRF raises (404, 429 with Retry-After) gets the same shape with an empty list.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.views import exception_handler as drf_exception_handler


class InvalidParameters(APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = _("Some parameters are invalid: see errors.")
    default_code = "invalid_parameters"

    def __init__(self, errors):
        """`errors`: (parameter, value, reason) triples."""
        super().__init__()
        self.errors = [
            {"parameter": parameter, "value": value, "reason": str(reason)}
            for parameter, value, reason in errors
        ]


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = response.data.get("detail", "") if isinstance(response.data, dict) else ""
    response.data = {
        "status": response.status_code,
        "detail": str(detail),
        "errors": getattr(exc, "errors", []),
    }
    return response
