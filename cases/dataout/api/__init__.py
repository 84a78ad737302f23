"""The read-only JSON API under /api/v1/ (Django REST framework, OpenAPI by drf-spectacular):
the same filters, catalogue index and facet engine as the list page, through `cases/reads/`."""
