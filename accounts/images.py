"""The one intake for every image uploaded to the product (incident photos, case documents).

``image_intake(upload)`` checks the file by its content, refuses a decompression bomb
by its pixel count as the header declares it (before any pixel is decoded), turns the
image the way the camera held it (EXIF orientation), downscales it to at most
IMAGE_MAX_SIDE pixels on its longest side, and re-encodes it from the pixels alone:
no EXIF (so no GPS position), XMP, ICC, JPEG comment or PNG text chunk survives.
JPEG and HEIC come out as JPEG (browsers cannot show HEIC), PNG as PNG.
Every refusal is a ValidationError in Dutch that names the file.
"""

from __future__ import annotations

import io
import uuid
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

FORMATS = ("JPEG", "PNG", "HEIF")
# Modes PNG stores as they are; anything else becomes RGBA (keeps transparency).
PNG_MODES = {"1", "L", "LA", "RGB", "RGBA", "I", "I;16"}


@dataclass(frozen=True)
class PreparedImage:
    """A checked upload, re-encoded without metadata, ready to store."""

    name: str
    content: bytes
    content_type: str
    width: int
    height: int


def _pillow():
    from PIL import Image, ImageFile

    # A truncated file is refused, never padded: WeasyPrint switches this process-wide
    # flag on when it is imported (for its own documents), which would otherwise let
    # half a photo through the intake in any process that has rendered a PDF.
    ImageFile.LOAD_TRUNCATED_IMAGES = False

    try:
        from pillow_heif import register_heif_opener

        register_heif_opener()
    except ImportError:  # pragma: no cover - pillow-heif is in requirements
        pass
    return Image


def _megapixels(n: int) -> str:
    return f"{n / 1_000_000:.0f}"


def image_intake(upload, *, label: str | None = None) -> PreparedImage:
    """Check, orient, downscale and strip one uploaded image (see the module's docstring)."""
    from PIL import ImageOps, UnidentifiedImageError

    Image = _pillow()
    name = label or getattr(upload, "name", "") or "foto"
    limit_mb = settings.UPLOAD_MAX_BYTES // (1024 * 1024)
    size = getattr(upload, "size", None)
    if size is not None and size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("%(name)s: het bestand is groter dan %(max)s MB.") % {"name": name, "max": limit_mb}
        )
    upload.seek(0)
    data = upload.read(settings.UPLOAD_MAX_BYTES + 1)
    if len(data) > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("%(name)s: het bestand is groter dan %(max)s MB.") % {"name": name, "max": limit_mb}
        )
    unreadable = ValidationError(
        _("%(name)s: dit bestand is geen foto die we kunnen lezen (JPEG, PNG of HEIC).")
        % {"name": name}
    )
    max_pixels = settings.IMAGE_MAX_PIXELS
    too_large = ValidationError(
        _(
            "%(name)s: deze afbeelding is te groot om te verwerken (meer dan %(mp)s megapixel). "
            "Kies een kleinere foto of maak een schermafbeelding."
        )
        % {"name": name, "mp": _megapixels(max_pixels)}
    )
    try:
        # Opening reads the header only; Pillow's own bomb guard refuses far larger ones here.
        with warnings.catch_warnings():
            # Above Pillow's warning level our own limit below decides, in Dutch.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                fmt = probe.format
                width, height = probe.size
    except Image.DecompressionBombError as exc:
        raise too_large from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise unreadable from exc
    if fmt not in FORMATS:
        raise ValidationError(
            _("%(name)s: dit is geen JPEG-, PNG- of HEIC-foto (maar %(format)s).")
            % {"name": name, "format": fmt or _("onbekend")}
        )
    if width * height > max_pixels:
        raise too_large
    max_side = settings.IMAGE_MAX_SIDE
    try:
        with Image.open(io.BytesIO(data), formats=FORMATS) as image:
            if fmt == "JPEG":
                image.draft("RGB", (max_side, max_side))  # decode at a reduced scale
            image.load()
            image = ImageOps.exif_transpose(image)
            image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
            if fmt == "PNG" and image.mode not in PNG_MODES:
                image = image.convert("RGBA")
            elif fmt != "PNG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            # Only pixels go out: Pillow would carry a JPEG comment, XMP or ICC profile
            # over from ``info`` on save.
            image.info.clear()
            out = io.BytesIO()
            if fmt == "PNG":
                image.save(out, format="PNG")
                ext, content_type = "png", "image/png"
            else:
                image.save(out, format="JPEG", quality=88, exif=b"")
                ext, content_type = "jpg", "image/jpeg"
            final_width, final_height = image.size
    except Image.DecompressionBombError as exc:
        raise too_large from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise unreadable from exc
    return PreparedImage(
        name=f"{uuid.uuid4().hex}.{ext}",
        content=out.getvalue(),
        content_type=content_type,
        width=final_width,
        height=final_height,
    )
