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


def test_a_short_cp1252_text_is_read_however_many_accents_it_has():
    assert decode("Élysée: été".encode("cp1252")) == "Élysée: été"


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
        (bytes(range(0x80, 0x100)) * 4, "mostly bytes over 127"),
    ],
)
def test_refuses_binary_and_says_what_it_is(data, kind):
    with pytest.raises(DecodeError, match=kind):
        decode(data)


def test_mostly_utf8_text_keeps_its_characters_and_reads_a_stray_byte_as_cp1252():
    # A page in UTF-8 with one word pasted from a latin-1 source ("K\xfcche"): read whole as
    # cp1252, every "ü" of it would become "Ã¼".
    data = "Die Bürger von Lübeck stimmten für den Plan — „endlich“.".encode() + b" K\xfcche."
    assert decode(data) == "Die Bürger von Lübeck stimmten für den Plan — „endlich“. Küche."


def test_cp1252_text_with_a_byte_cp1252_leaves_undefined_keeps_its_quotes():
    assert decode(b"The mayor\x92s \x93plan\x94 \x81") == "The mayor’s “plan” \x81"


def test_a_page_that_is_not_utf8_is_read_in_the_charset_it_declares():
    page = '<html><head><meta charset="windows-1250"></head><body><p>Sejm zagłosował za ustawą.</p>'
    assert decode(page.encode("cp1250")) == page


@pytest.mark.parametrize("label", ["base64", "undefined", "idna", "punycode", "x-no-such-thing"])
def test_a_declared_charset_that_is_no_legacy_text_encoding_is_passed_over(label):
    # Python has codecs for these: one is no text encoding, one fails on any byte, one fails
    # on this text, and one takes quadratic time
    page = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={label}">'
    assert decode(page.encode() + b"<p>Gr\xfc\xdfe -abc</p>") == page + "<p>Grüße -abc</p>"


@pytest.mark.parametrize("label", ["ISO-8859-1", "ISO_8859-1", "latin1", "US-ASCII", "ANSI_X3.4-1968"])
def test_a_page_declared_latin1_or_ascii_in_any_spelling_is_read_as_cp1252(label):
    page = f'<meta charset="{label}"><p>The mayor’s “plan”, été</p>'
    assert decode(page.encode("cp1252")) == page


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_saved_without_a_byte_order_mark_is_read(encoding):
    # Some Windows tools save "Unicode" text with no BOM: every other byte of English is zero.
    assert decode(TEXT.encode(encoding)) == TEXT


def test_utf16_without_a_byte_order_mark_that_is_cut_mid_character_is_refused_by_name():
    with pytest.raises(DecodeError, match="UTF-16-LE without a byte-order mark"):
        decode(TEXT.encode("utf-16-le") + b"x")


@pytest.mark.parametrize("values", [range(1, 20), range(32, 256, 7)], ids=["controls", "printable"])
def test_small_16_bit_numbers_are_not_mistaken_for_utf16_text(values):
    samples = b"".join(n.to_bytes(2, "little") for n in values) * 40
    with pytest.raises(DecodeError, match="binary"):
        decode(samples)


def test_a_wav_file_is_named_though_its_header_has_utf16s_zeros():
    wav = b"RIFF\x24\x08\x00\x00WAVEfmt " + b"".join(n.to_bytes(2, "little") for n in range(32, 127)) * 10
    with pytest.raises(DecodeError, match="RIFF media file"):
        decode(wav)


def test_utf16_text_of_figures_and_markup_is_text_too():
    # A results table or a page's JSON-LD has few letters; it has no control characters either.
    table = "100 m final\n1. K. Ostrel 10.02 (+0.4)\n2. J. Lukin 10.11 (+0.4)\n3. M. Vey 10.19\n" * 20
    page = '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-03-05"}</script>' * 20
    for text in (table, page):
        assert decode(text.encode("utf-16-le")) == text
