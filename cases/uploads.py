"""Upload rules for case documents (the same as for incident photos):
JPEG, PNG, HEIC or PDF, recognised by content (not by name), at most
settings.UPLOAD_MAX_BYTES (15 MB)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

HEIC_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1", b"heim", b"heis"}


def sniff_content_type(head: bytes) -> str | None:
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] in HEIC_BRANDS:
        return "image/heic"
    return None


def check_upload(upload) -> str:
    """Return the content type, or raise ValidationError with the reason in Dutch."""
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size > limit:
        # Sizes in the reader's notation (29,7 MB), by Django's localised filesizeformat.
        raise ValidationError(
            _("Het bestand '%(name)s' is te groot (%(size)s); het maximum is %(max)s MB.")
            % {"name": upload.name, "size": filesizeformat(upload.size), "max": limit // 1048576}
        )
    if upload.size == 0:
        raise ValidationError(_("Het bestand '%(name)s' is leeg.") % {"name": upload.name})
    upload.seek(0)
    head = upload.read(32)
    upload.seek(0)
    content_type = sniff_content_type(head)
    if content_type is None:
        raise ValidationError(
            _(
                "Het bestand '%(name)s' is geen JPEG, PNG, HEIC of PDF. "
                "Alleen foto's en PDF-documenten kunnen worden toegevoegd."
            )
            % {"name": upload.name}
        )
    return content_type
