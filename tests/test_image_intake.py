"""Every uploaded image goes through one intake (accounts/images.py): decompression bombs are
refused by their declared pixel count before decoding, large photos are downscaled, the EXIF
orientation is applied and every metadata segment (EXIF with GPS, XMP, JPEG comment, PNG text
chunks) is gone. Real files, made here, through the real upload forms."""

from __future__ import annotations

import importlib
import io
import re
import struct
import uuid
import zlib
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image, PngImagePlugin

from accounts.images import image_intake
from accounts.roles import Role
from accounts.tests.factories import TeamFactory
from enforcement.models import Incident, IncidentPhoto
from enforcement.tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db

GPS_LAT = (52.0, 21.0, 5.0)
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
    b'syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude='
    b'"52,21.08N"/></rdf:RDF></x:xmpmeta>'
)
SECRET = "Gemaakt door J. Jansen, Dorpsstraat 12"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header declares ``width`` x ``height`` pixels (a decompression bomb)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")
    )


def _exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0112] = orientation
    exif[0x8825] = {1: "N", 2: GPS_LAT, 3: "E", 4: (4.0, 57.0, 0.0)}  # GPS position
    return exif


def jpeg_with_metadata(size=(80, 40), orientation: int = 1) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    image.paste((0, 0, 255), (0, 0, size[0] // 4, size[1] // 4))  # a blue top-left corner
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=_exif(orientation).tobytes(), comment=SECRET, xmp=XMP)
    return out.getvalue()


def png_with_metadata() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", SECRET)
    info.add_text("Comment", SECRET, zip=True)
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    out = io.BytesIO()
    Image.new("RGBA", (30, 20), (0, 128, 0, 255)).save(
        out, format="PNG", pnginfo=info, exif=_exif().tobytes()
    )
    return out.getvalue()


def assert_no_metadata(content: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(content))
    assert not image.getexif(), "EXIF left"
    assert not {"exif", "comment", "xmp", "XML:com.adobe.xmp", "icc_profile"} & set(image.info)
    assert not {"Author", "Comment"} & set(image.info)
    assert SECRET.encode() not in content and b"PhoneMaker" not in content
    assert b"Exif\x00\x00" not in content and b"ns.adobe.com" not in content
    if image.format == "JPEG":
        # No COM (comment) segment, and no APPn segment but JFIF's APP0.
        markers = _jpeg_markers(content)
        assert 0xFE not in markers, "JPEG comment segment left"
        assert not {m for m in markers if 0xE1 <= m <= 0xEF}, "APPn metadata segment left"
    else:
        for chunk in (b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"iCCP"):
            assert chunk not in content, f"PNG {chunk} chunk left"
    return image


def _jpeg_markers(content: bytes) -> list[int]:
    """The segment markers of a JPEG up to the start of the image data."""
    markers, i = [], 2
    while i < len(content) - 4:
        assert content[i] == 0xFF
        marker = content[i + 1]
        markers.append(marker)
        if marker == 0xDA:  # start of scan: pixel data follows
            break
        i += 2 + struct.unpack(">H", content[i + 2 : i + 4])[0]
    return markers


def test_the_test_files_really_carry_the_metadata():
    raw = jpeg_with_metadata()
    assert 0xFE in _jpeg_markers(raw) and SECRET.encode() in raw
    image = Image.open(io.BytesIO(raw))
    assert image.getexif().get_ifd(0x8825)[2] == GPS_LAT and image.info["comment"]
    png = png_with_metadata()
    assert b"tEXt" in png and b"zTXt" in png and b"iTXt" in png and b"eXIf" in png


# --- the intake itself ---------------------------------------------------------------------


def test_a_png_declaring_900_megapixels_is_refused_before_decoding():
    bomb = png_declaring(30000, 30000)
    assert len(bomb) < 2000
    with pytest.raises(ValidationError) as refused:
        image_intake(SimpleUploadedFile("bom.png", bomb))
    assert refused.value.messages == [
        "bom.png: deze afbeelding is te groot om te verwerken (meer dan 50 megapixel). "
        "Kies een kleinere foto of maak een schermafbeelding."
    ]


@pytest.mark.parametrize("size", [(13000, 13000), (7100, 7100), (20000, 20000), (65535, 65535)])
def test_every_image_above_the_pixel_limit_is_refused(size):
    with pytest.raises(ValidationError, match="te groot om te verwerken"):
        image_intake(SimpleUploadedFile("groot.png", png_declaring(*size)))


def test_jpeg_comment_exif_gps_and_xmp_are_all_gone():
    prepared = image_intake(SimpleUploadedFile("IMG_1.jpg", jpeg_with_metadata()))
    assert prepared.content_type == "image/jpeg"
    assert assert_no_metadata(prepared.content).format == "JPEG"


def test_png_text_chunks_and_exif_are_gone():
    prepared = image_intake(SimpleUploadedFile("scherm.png", png_with_metadata()))
    assert prepared.content_type == "image/png"
    image = assert_no_metadata(prepared.content)
    assert image.format == "PNG" and image.size == (30, 20) and image.mode == "RGBA"


def test_exif_orientation_is_applied_before_the_exif_goes():
    # Orientation 6: the camera was turned; the picture is shown rotated by 90 degrees.
    prepared = image_intake(SimpleUploadedFile("staand.jpg", jpeg_with_metadata(orientation=6)))
    image = assert_no_metadata(prepared.content)
    assert image.size == (40, 80)
    # The blue corner, top-left in the pixels, is top-right once turned.
    red, green, blue = image.convert("RGB").getpixel((35, 3))
    assert blue > 150 and red < 100


def test_a_large_photo_is_downscaled_to_the_maximum_side():
    out = io.BytesIO()
    Image.new("RGB", (4000, 3000), (10, 20, 30)).save(out, format="JPEG", quality=50)
    prepared = image_intake(SimpleUploadedFile("groot.jpg", out.getvalue()))
    assert settings.IMAGE_MAX_SIDE == 2560
    assert (prepared.width, prepared.height) == (2560, 1920)
    assert Image.open(io.BytesIO(prepared.content)).size == (2560, 1920)


def test_heic_with_exif_comes_out_as_jpeg_without_it():
    from pillow_heif import register_heif_opener

    register_heif_opener()
    out = io.BytesIO()
    Image.new("RGB", (32, 16), (0, 100, 0)).save(out, format="HEIF", exif=_exif().tobytes())
    assert Image.open(io.BytesIO(out.getvalue())).getexif()
    prepared = image_intake(SimpleUploadedFile("IMG_2.heic", out.getvalue()))
    assert prepared.content_type == "image/jpeg"
    assert assert_no_metadata(prepared.content).size == (32, 16)


def test_a_truncated_image_is_refused_as_unreadable():
    data = jpeg_with_metadata(size=(400, 300))
    with pytest.raises(ValidationError, match="geen foto die we kunnen lezen"):
        image_intake(SimpleUploadedFile("kapot.jpg", data[: len(data) // 2]))


# --- through the forms that take images ----------------------------------------------------


@pytest.fixture
def boa_in_team(make_user):
    return make_user(Role.BOA, username="fotoboa", team=TeamFactory())


def _incident_post(theme, **extra):
    return {
        "theme": theme.pk,
        "address": "Markt 1",
        "latitude": "52.35",
        "longitude": "4.95",
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "description": "Wordt niet vergeten",
        "priority": "2",
        "source": "own",
        "submission_key": str(uuid.uuid4()),
        **extra,
    }


def test_incident_form_refuses_a_bomb_in_dutch_and_keeps_the_rest(client, boa_in_team):
    client.force_login(boa_in_team)
    theme = ThemeFactory()
    photos = [
        SimpleUploadedFile("goed.jpg", jpeg_with_metadata(), "image/jpeg"),
        SimpleUploadedFile("bom.png", png_declaring(30000, 30000), "image/png"),
    ]
    response = client.post(
        reverse("enforcement:incident_create"), _incident_post(theme, photos=photos)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "bom.png: deze afbeelding is te groot om te verwerken" in html
    assert "de rest van het formulier is bewaard" in html
    assert "Wordt niet vergeten" in html and 'value="Markt 1"' in html
    assert Incident.objects.count() == 0


def test_incident_photo_is_stored_downscaled_and_without_metadata(client, boa_in_team):
    client.force_login(boa_in_team)
    out = io.BytesIO()
    Image.new("RGB", (3000, 2000)).save(
        out, format="JPEG", exif=_exif(orientation=6).tobytes(), comment=SECRET, xmp=XMP
    )
    photo = SimpleUploadedFile("IMG_3.jpg", out.getvalue(), "image/jpeg")
    response = client.post(
        reverse("enforcement:incident_create"), _incident_post(ThemeFactory(), photos=[photo])
    )
    assert response.status_code == 302
    stored = IncidentPhoto.objects.get()
    with stored.image.open("rb") as fh:
        content = fh.read()
    assert stored.size == len(content)
    assert assert_no_metadata(content).size == (1707, 2560)  # turned upright, then downscaled


@pytest.fixture
def case_and_lead(make_user):
    from cases.tests.factories import CaseFactory

    team = TeamFactory()
    lead = make_user(Role.TEAM_LEAD, username="fotolead", team=team)
    return CaseFactory(team=team), lead


def test_case_document_photo_goes_through_the_same_intake(client, case_and_lead):
    case, lead = case_and_lead
    client.force_login(lead)
    url = reverse("cases:document_upload", args=[case.pk])
    response = client.post(
        url, {"file": SimpleUploadedFile("bom.png", png_declaring(30000, 30000))}
    )
    assert response.status_code == 400
    assert "deze afbeelding is te groot om te verwerken" in response.content.decode()
    assert not case.documents.exists()
    response = client.post(url, {"file": SimpleUploadedFile("IMG_4.jpg", jpeg_with_metadata())})
    assert response.status_code == 302
    doc = case.documents.get()
    assert doc.filename == "IMG_4.jpg" and doc.content_type == "image/jpeg"
    with doc.file.open("rb") as fh:
        assert_no_metadata(fh.read())


# --- the class: no image upload outside the intake -------------------------------------------

KNOWN_IMAGE_FIELDS = {
    # form field -> the test above that sends a bomb and metadata through it
    "enforcement.forms.incidents.IncidentForm.photos": "test_incident_form_refuses_a_bomb...",
    "enforcement.forms.incidents.PhotosForm.photos": "incident detail page; the same field class",
    "cases.forms.cases.DocumentForm.file": "test_case_document_photo_goes_through_the_same_intake",
}
ROOT = Path(settings.BASE_DIR)
APPS = ["accounts", "enforcement", "cases", "planning", "reports", "privacy"]


def _image_file_fields():
    found = set()
    for app in APPS:
        # forms.py, forms_*.py and the modules of a forms/ package
        paths = sorted((ROOT / app).glob("forms*.py")) + sorted((ROOT / app).glob("forms/*.py"))
        for path in paths:
            dotted = path.relative_to(ROOT).with_suffix("").as_posix().replace("/", ".")
            module = importlib.import_module(dotted.removesuffix(".__init__"))
            for name, cls in vars(module).items():
                if not (isinstance(cls, type) and issubclass(cls, forms.BaseForm)):
                    continue
                if cls.__module__ != module.__name__:
                    continue
                for field_name, field in cls.base_fields.items():
                    accept = field.widget.attrs.get("accept", "")
                    if isinstance(field, forms.FileField) and (
                        "image" in accept or not accept or isinstance(field, forms.ImageField)
                    ):
                        found.add(f"{module.__name__}.{name}.{field_name}")
    return found


def test_every_form_that_takes_an_image_is_known_and_tested_here():
    # A new upload field that may carry an image must use accounts.images.image_intake
    # and get a test above; then add it here.
    fields = _image_file_fields()
    unknown = {
        f
        for f in fields
        if f not in KNOWN_IMAGE_FIELDS and not f.startswith("enforcement.forms.reference.")
    }
    assert not unknown, unknown


def test_only_the_intake_decodes_uploads_with_pillow():
    # The thumbnail task reads photos already stored by the intake; nothing else opens images.
    allowed = {"accounts/images.py", "enforcement/services/incidents.py"}
    users = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            rel = path.relative_to(ROOT).as_posix()
            if "/tests/" in rel or "/migrations/" in rel:
                continue
            if re.search(r"^\s*(from PIL|import PIL)", path.read_text(), re.M):
                users.add(rel)
    assert users <= allowed, users - allowed


def test_a_truncated_image_is_refused_also_after_a_pdf_was_rendered():
    """WeasyPrint turns Pillow's LOAD_TRUNCATED_IMAGES on when imported; the intake does
    not depend on that process-wide flag."""
    import weasyprint  # noqa: F401
    from PIL import ImageFile

    ImageFile.LOAD_TRUNCATED_IMAGES = True
    data = jpeg_with_metadata(size=(400, 300))
    with pytest.raises(ValidationError, match="geen foto die we kunnen lezen"):
        image_intake(SimpleUploadedFile("kapot.jpg", data[: len(data) // 2]))
