"""Compile locale/*/LC_MESSAGES/*.po into .mo files, in pure Python.

GNU gettext's msgfmt is not on every machine (Django's compilemessages needs
it); this follows the algorithm of CPython's Tools/i18n/msgfmt.py. Fuzzy and
untranslated entries are left out, as msgfmt does. The output is deterministic,
so the committed .mo can be checked against its .po (tests/test_i18n.py).

    python scripts/compile_messages.py          # compile every catalogue
    python scripts/compile_messages.py --check  # exit 1 when a .mo is stale
"""

from __future__ import annotations

import ast
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def parse_po(text: str) -> dict[bytes, bytes]:
    """The translations of a .po file as {msgid: msgstr} in .mo form."""
    messages: dict[bytes, bytes] = {}
    entry: dict[str, object] = {}
    fuzzy = False
    section = None

    def flush() -> None:
        nonlocal entry, fuzzy
        if "msgid" in entry:
            msgid = entry["msgid"]
            if "msgid_plural" in entry:
                msgid += "\0" + entry["msgid_plural"]
                strs = entry.get("msgstr_plural", {})
                msgstr = "\0".join(strs[i] for i in sorted(strs))
            else:
                msgstr = entry.get("msgstr", "")
            if "msgctxt" in entry:
                msgid = entry["msgctxt"] + "\x04" + msgid
            # The header (empty msgid) is kept even when fuzzy; other entries need a translation.
            if msgid == "" or (not fuzzy and msgstr.replace("\0", "")):
                messages[msgid.encode()] = msgstr.encode()
        entry, fuzzy = {}, False

    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("#,") and "fuzzy" in line:
            if "msgid" in entry:
                flush()
            fuzzy = True
            continue
        if not line or line.startswith("#"):
            continue
        if line.startswith("msgctxt"):
            if "msgid" in entry:
                flush()
            section, line = "msgctxt", line[len("msgctxt") :]
        elif line.startswith("msgid_plural"):
            section, line = "msgid_plural", line[len("msgid_plural") :]
        elif line.startswith("msgid"):
            if "msgid" in entry:
                flush()
            section, line = "msgid", line[len("msgid") :]
        elif line.startswith("msgstr["):
            index, line = line[len("msgstr[") :].split("]", 1)
            section = ("msgstr_plural", int(index))
        elif line.startswith("msgstr"):
            section, line = "msgstr", line[len("msgstr") :]
        value = ast.literal_eval(line.strip())
        if isinstance(section, tuple):
            plural = entry.setdefault("msgstr_plural", {})
            plural[section[1]] = plural.get(section[1], "") + value
        else:
            entry[section] = entry.get(section, "") + value
    flush()
    return messages


def build_mo(messages: dict[bytes, bytes]) -> bytes:
    keys = sorted(messages)
    ids = strs = b""
    offsets = []
    for key in keys:
        offsets.append((len(ids), len(key), len(strs), len(messages[key])))
        ids += key + b"\0"
        strs += messages[key] + b"\0"
    keystart = 7 * 4 + 16 * len(keys)
    valuestart = keystart + len(ids)
    koffsets: list[int] = []
    voffsets: list[int] = []
    for o1, l1, o2, l2 in offsets:
        koffsets += [l1, o1 + keystart]
        voffsets += [l2, o2 + valuestart]
    header = struct.pack(
        "Iiiiiii",
        0x950412DE,  # magic
        0,  # version
        len(keys),
        7 * 4,  # start of key index
        7 * 4 + len(keys) * 8,  # start of value index
        0,  # size of hash table
        0,  # offset of hash table
    )
    index = struct.pack(f"{len(koffsets)}i", *koffsets) + struct.pack(
        f"{len(voffsets)}i", *voffsets
    )
    return header + index + ids + strs


def catalogues() -> list[Path]:
    return sorted((ROOT / "locale").glob("*/LC_MESSAGES/*.po"))


def main(argv: list[str]) -> int:
    stale = []
    for po in catalogues():
        mo = po.with_suffix(".mo")
        data = build_mo(parse_po(po.read_text(encoding="utf-8")))
        if "--check" in argv:
            if not mo.exists() or mo.read_bytes() != data:
                stale.append(mo)
            continue
        mo.write_bytes(data)
        print(f"compiled {mo.relative_to(ROOT)}")
    for mo in stale:
        print(f"stale: {mo.relative_to(ROOT)} (run python scripts/compile_messages.py)")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
