"""Turn bytes into text: BOMs, UTF-16 without one, UTF-8, a page's declared charset, then
cp1252 and latin-1; refuse binary data."""

from __future__ import annotations

import codecs
import re
import unicodedata

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


MOST_HIGH_BYTES = 0.3
"""Text in cp1252 is mostly ASCII (a French or German news text has under 5% other bytes); a
file that is not UTF-8, names no charset, and has more than this share of bytes over 127 is
binary or in an encoding that cannot be guessed, and is refused rather than read as garbage."""

_DECLARED = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})"""
    rb"""|<\?xml[^>]{0,200}?encoding\s*=\s*["']\s*([A-Za-z0-9._:-]{1,40})""",
    re.IGNORECASE,
)
_HEAD_BYTES = 20_000
"""A page's <meta charset> is looked for this far in (browsers look 1,024 bytes in; pages
with long scripts in their head declare it later)."""

_LEGACY = {
    **{f"cp{n}": f"cp{n}" for n in (866, 874, 932, 949, *range(1250, 1259))},
    **{f"iso8859-{n}": f"iso8859-{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)},
    **{n: n for n in ("koi8-r", "koi8-u", "mac-roman", "mac-cyrillic", "gb18030", "big5hkscs", "euc_jp", "iso2022_jp")},
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "big5": "big5hkscs",
    "euc_kr": "cp949",
    "shift_jis": "cp932",
}
"""The legacy encodings of the WHATWG Encoding Standard, by Python's name for the charset a
page declares, each read as browsers read it (a "latin-1" page has cp1252's quotes and dashes,
a "GB2312" page GBK's characters). Only these are read: Python also knows codecs that are no
text encoding, fail on any byte ("undefined") or take quadratic time ("punycode")."""

_NAMES_PYTHON_LACKS = {
    "windows-874": "cp874",
    "x-sjis": "shift_jis",
    "x-mac-cyrillic": "mac-cyrillic",
    "x-mac-roman": "mac-roman",
    "iso-8859-8-i": "iso8859-8",
}


class DecodeError(ValueError):
    """The bytes are not text newsfold can read."""


def decode(data: bytes) -> str:
    """Decode bytes of a text or HTML document.

    Bytes that are not UTF-8 are read as the charset a page declares in a <meta> tag, or
    else as cp1252 (latin-1 for its five undefined bytes). Text that is mostly UTF-8, with
    more well-formed multi-byte characters than stray bytes, stays UTF-8 and only the stray
    bytes are read as cp1252: one pasted "\xfc" must not turn every "ü" of a page into "Ã¼".
    UTF-16 saved without a byte-order mark is recognised by its zero bytes.

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
    _refuse_known_binary(data)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _utf16_text(data, utf16)
    _refuse_binary(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    escaped = data.decode("utf-8", "surrogateescape")  # one character for each stray byte
    stray = len(escaped) - len(data.decode("utf-8", "ignore"))
    non_ascii = len(escaped) - len(escaped.encode("ascii", "ignore"))
    if non_ascii > 2 * stray:
        return data.decode("utf-8", _STRAY_BYTES)
    declared = _declared_encoding(data)
    if declared:
        return data.decode(declared, "replace")
    head = data[:8192]
    high = len(head) - len(head.decode("ascii", "ignore"))
    if len(head) >= 256 and high > MOST_HIGH_BYTES * len(head):  # a few words prove nothing
        raise DecodeError("not UTF-8 and mostly bytes over 127: binary, or text in an encoding it does not name")
    return data.decode("cp1252", _STRAY_BYTES)


def looks_utf16(data: bytes) -> bool:
    """Whether ``data`` starts as UTF-16 text, with a byte-order mark or without."""
    return data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _utf16_without_bom(data) is not None


def _utf16_without_bom(data: bytes) -> str | None:
    """The codec, "utf-16-le" or "utf-16-be", when the data reads as UTF-16 text written without a
    byte-order mark (as some Windows tools save it): in text that is mostly Latin script,
    every other byte is zero, and the bytes between are not."""
    head = data[:8192]
    half = len(head) // 2
    if half < 16 or b"\x00" not in head:  # text in any 8-bit encoding has no zero byte: the usual case, found fast
        return None
    zeros_even, zeros_odd = head[0::2].count(0), head[1::2].count(0)
    for zeros, others, encoding in ((zeros_odd, zeros_even, "utf-16-le"), (zeros_even, zeros_odd, "utf-16-be")):
        if zeros > 0.6 * half and others < 0.02 * half:
            return encoding
    return None


MOST_CONTROLS = 0.05
"""Text has almost no control or unassigned characters (tabs and line ends aside); 16-bit
numbers, which have UTF-16's zero bytes too, read as about 15 % of them or more."""


def _utf16_text(data: bytes, codec: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        name = codec.upper()
        raise DecodeError(f"looks like {name} without a byte-order mark but is not valid {name}") from exc
    head = text[:4096]
    odd = sum(not ch.isspace() and unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs") for ch in head)
    if odd > MOST_CONTROLS * len(head):
        raise DecodeError("binary file (16-bit values, not UTF-16 text)")
    return text


def _declared_encoding(data: bytes) -> str | None:
    """The legacy encoding a page's <meta> (or XML declaration) names, as browsers read it;
    None for any other."""
    found = _DECLARED.search(data, 0, _HEAD_BYTES)
    if not found:
        return None
    label = (found.group(1) or found.group(2)).decode("ascii").lower()
    try:
        name = codecs.lookup(_NAMES_PYTHON_LACKS.get(label, label)).name
    except LookupError:
        return None
    return _LEGACY.get(name)


def _byte(value: int) -> str:
    """One byte as cp1252 reads it, or as latin-1 for the five bytes cp1252 leaves undefined."""
    raw = bytes((value,))
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _read_stray_bytes(exc: UnicodeError) -> tuple[str, int]:
    """Error handler: the bytes a decoder could not read, each read as _byte reads it."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return "".join(map(_byte, exc.object[exc.start : exc.end])), exc.end


_STRAY_BYTES = "newsfold-stray-bytes"
codecs.register_error(_STRAY_BYTES, _read_stray_bytes)


def binary_kind(head: bytes) -> str | None:
    """The kind of binary file ``head`` (its first bytes) opens with a magic number of, if
    any: a gzip or ZIP archive, an image, a PDF..."""
    return next((kind for magic, kind in _MAGIC if head.startswith(magic)), None)


def _refuse_known_binary(data: bytes) -> None:
    if kind := binary_kind(data):
        raise DecodeError(f"binary file ({kind}), not text")


def _refuse_binary(data: bytes) -> None:
    """Refuse data that is no text, past the magic numbers (:func:`_refuse_known_binary`)."""
    head = data[:8192]
    if b"\x00" in head:
        raise DecodeError("binary file (contains NUL bytes), not text")
    controls = len(head) - len(head.translate(None, _CONTROL))
    if head and controls / len(head) > 0.05:
        raise DecodeError("binary file (mostly control characters), not text")
