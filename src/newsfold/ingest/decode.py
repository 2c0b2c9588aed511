"""Turn bytes into text: BOMs, UTF-8, then cp1252 and latin-1; refuse binary data."""

from __future__ import annotations

import codecs

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Magic numbers of files people drop into folders by mistake, to name them in the message.
_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"RIFF", "a RIFF media file"),
    (b"\x7fELF", "an executable"),
)

_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


class DecodeError(ValueError):
    """The bytes are not text newsfold can read."""


def decode(data: bytes) -> str:
    """Decode bytes of a text or HTML document.

    Args:
        data: the raw bytes.

    Returns:
        The text, with a BOM removed and line endings left as they are.

    Raises:
        DecodeError: the data is binary (names the kind when it is recognised).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"starts with a {encoding} byte-order mark but is not valid {encoding}") from exc
    _refuse_binary(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _refuse_binary(data: bytes) -> None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise DecodeError(f"binary file ({kind}), not text")
    head = data[:8192]
    if b"\x00" in head:
        raise DecodeError("binary file (contains NUL bytes), not text")
    controls = len(head) - len(head.translate(None, _CONTROL))
    if head and controls / len(head) > 0.05:
        raise DecodeError("binary file (mostly control characters), not text")
