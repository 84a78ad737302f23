"""The admin's "Import cases" page, for Publishers: upload a volume, read the dry-run report,
then import on confirmation. Wired through CaseAdmin.get_urls(), inside admin_view.

The upload is kept by its hash between the two steps (cases/writes/import_uploads.py), so the
confirmation imports exactly the bytes the report was made from.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from ..fields import INLINE_KINDS
from ..imports.extract import MAX_BYTES, ExtractError, extract_lines, too_large_message
from ..imports.parser import parse_volume
from ..models import Case
from ..permissions import can_publish
from ..writes import import_uploads
from ..writes.publication_import import OUTCOMES, ImportRefused, import_volume

OUTCOME_LABELS = {
    "new": gettext_lazy("new draft"),
    "updated": gettext_lazy("draft updated"),
    "unchanged": gettext_lazy("unchanged"),
    "revision": gettext_lazy("changes for review"),
    "refused": gettext_lazy("refused"),
    "failed": gettext_lazy("failed"),
}
LANGUAGE_CHOICES = [
    ("", gettext_lazy("Detect from the headings")),
    ("zh-hans", gettext_lazy("Chinese edition")),
    ("en", gettext_lazy("English edition")),
]


class ImportOptions(forms.Form):
    language = forms.ChoiceField(
        label=gettext_lazy("Edition"), choices=LANGUAGE_CHOICES, required=False
    )
    source = forms.CharField(
        label=gettext_lazy("Source"),
        max_length=500,
        required=False,
        help_text=gettext_lazy("The publication, volume and year, for every imported case."),
    )
    create_organizations = forms.BooleanField(
        label=gettext_lazy("Create organizations that no known one matches"), required=False
    )


class UploadForm(ImportOptions):
    volume = forms.FileField(
        label=gettext_lazy("Volume"),
        help_text=gettext_lazy("A UTF-8 text file, a .docx or a PDF with a text layer."),
    )

    def clean_volume(self):
        upload = self.cleaned_data["volume"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(too_large_message(upload.size))
        return upload


class ConfirmForm(ImportOptions):
    digest = forms.RegexField(regex=import_uploads.DIGEST, widget=forms.HiddenInput)


def import_cases(model_admin, request):
    if not can_publish(request.user):
        raise PermissionDenied
    report = None
    confirm = None
    upload = UploadForm()
    if request.method == "POST" and "_confirm" in request.POST:
        confirm_form = ConfirmForm(request.POST)
        data = import_uploads.read(confirm_form.data.get("digest"))
        if not confirm_form.is_valid() or data is None:
            messages.error(
                request,
                _("The upload has expired (it is kept for an hour): upload the file again."),
            )
        else:
            report = _run(request, data, confirm_form.cleaned_data, apply=True)
            import_uploads.discard(confirm_form.cleaned_data["digest"])
            if report is not None:
                counts = report.counts()
                messages.success(
                    request,
                    _("Imported: %(new)s new, %(updated)s updated, %(revision)s for review.")
                    % counts,
                )
    elif request.method == "POST":
        upload = UploadForm(request.POST, request.FILES)
        if upload.is_valid():
            data = upload.cleaned_data["volume"].read()
            report = _run(request, data, upload.cleaned_data, apply=False, form=upload)
            if report is not None and report.cases:
                options = {k: upload.cleaned_data[k] for k in ImportOptions.base_fields}
                confirm = ConfirmForm(initial={**options, "digest": import_uploads.keep(data)})
                for name in ImportOptions.base_fields:
                    confirm.fields[name].widget = forms.HiddenInput()
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Import cases"),
        "opts": Case._meta,
        "upload": upload,
        "confirm": confirm,
        "report": report,
        "rows": _rows(report) if report is not None else [],
        "totals": _totals(report) if report is not None else [],
    }
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, "admin/cases/case/import_cases.html", context)


def _run(request, data, options, *, apply, form=None):
    try:
        lines = extract_lines(data)
    except ExtractError as error:
        if form is not None:
            form.add_error("volume", str(error))
        else:
            messages.error(request, str(error))
        return None
    volume = parse_volume(lines, options["language"] or None)
    try:
        report = import_volume(
            volume,
            user=request.user,
            apply=apply,
            source=options["source"],
            create_organizations=options["create_organizations"],
        )
    except ImportRefused as error:
        messages.error(request, str(error))
        return None
    if not report.cases and form is not None:
        for problem in report.problems:
            form.add_error("volume", str(problem))
        return None
    return report


def field_label(name):
    """What an imported field is called in the form, e.g. "title (EN)"."""
    if name in ("countries", "organizations"):
        return str(Case._meta.get_field(name).verbose_name)
    if name in INLINE_KINDS:
        return str(INLINE_KINDS[name]._meta.verbose_name_plural)
    for suffix, language in (("_zh_hans", "ZH-HANS"), ("_en", "EN")):
        if name.endswith(suffix):
            base = Case._meta.get_field(name[: -len(suffix)]).verbose_name
            return f"{base} ({language})"
    return str(Case._meta.get_field(name).verbose_name)


def _rows(report):
    return [
        {
            "case": case,
            "outcome": OUTCOME_LABELS[case.outcome],
            "filled": pgettext("list separator", ", ").join(
                field_label(name) for name in case.filled
            )
            if case.outcome not in ("refused", "failed")
            else "",
        }
        for case in report.cases
    ]


def _totals(report):
    counts = report.counts()
    return [(OUTCOME_LABELS[outcome], counts[outcome]) for outcome in OUTCOMES]
