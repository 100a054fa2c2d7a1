"""Upload rules for case documents (the same as for incident photos):
JPEG, PNG, HEIC or PDF, recognised by content (not by name), at most
settings.UPLOAD_MAX_BYTES (15 MB)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError

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
        raise ValidationError(
            f"Het bestand '{upload.name}' is te groot ({upload.size / (1024 * 1024):.1f} MB); "
            f"het maximum is {limit // (1024 * 1024)} MB."
        )
    if upload.size == 0:
        raise ValidationError(f"Het bestand '{upload.name}' is leeg.")
    upload.seek(0)
    head = upload.read(32)
    upload.seek(0)
    content_type = sniff_content_type(head)
    if content_type is None:
        raise ValidationError(
            f"Het bestand '{upload.name}' is geen JPEG, PNG, HEIC of PDF. "
            "Alleen foto's en PDF-documenten kunnen worden toegevoegd."
        )
    return content_type
