"""Open311's two formats: JSON as it is, and XML with the element names the GeoReport v2
standard gives (a view sets ``response.xml_names`` = (root, item))."""

from __future__ import annotations

from xml.etree.ElementTree import Element, SubElement, tostring  # nosec B405: we only write XML

from rest_framework.renderers import BaseRenderer, JSONRenderer

# The element of each item of a list inside an answer.
ITEM_NAMES = {
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}


class Open311JSONRenderer(JSONRenderer):
    format = "json"


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _fill(parent: Element, value, item: str | None = None) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _fill(SubElement(parent, key), inner, ITEM_NAMES.get(key))
    elif isinstance(value, list):
        for inner in value:
            _fill(SubElement(parent, item or "item"), inner)
    else:
        parent.text = _text(value)


class Open311XMLRenderer(BaseRenderer):
    media_type = "text/xml"
    format = "xml"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        root, item = getattr(response, "xml_names", ("response", "item"))
        element = Element(root)
        if isinstance(data, list):
            for inner in data:
                _fill(SubElement(element, item or "item"), inner)
        else:
            _fill(element, data)
        return b'<?xml version="1.0" encoding="utf-8"?>\n' + tostring(element, encoding="utf-8")
