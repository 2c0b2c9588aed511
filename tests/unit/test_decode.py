import codecs

import pytest

from newsfold.ingest.decode import DecodeError, decode

TEXT = "Kim’s train crossed the border — “at last”, said Lukin. Café."


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # writes a BOM
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom", "cp1252"],
)
def test_decodes_common_encodings(data):
    assert decode(data) == TEXT


def test_latin1_bytes_undefined_in_cp1252_still_decode():
    # 0x81 is undefined in cp1252; latin-1 maps every byte.
    assert decode(b"Caf\xe9 \x81ok") == "Café \x81ok"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
        (b"abc\x00def" * 10, "NUL"),
        (bytes(range(1, 9)) * 50, "control characters"),
    ],
)
def test_refuses_binary_and_says_what_it_is(data, kind):
    with pytest.raises(DecodeError, match=kind):
        decode(data)
