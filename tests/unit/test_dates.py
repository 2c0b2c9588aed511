import datetime as dt

import pytest

from newsfold.dates import date_line, parse_date, parse_published

PROSE_DATES = [
    ("2019-04-24", dt.date(2019, 4, 24)),
    ("2025-03-05T08:00:00Z", dt.date(2025, 3, 5)),
    ("Apr 25, 2019", dt.date(2019, 4, 25)),
    ("Mar. 6, 2025", dt.date(2025, 3, 6)),
    ("24 April 2019", dt.date(2019, 4, 24)),
    ("Friday , August 23 2019", dt.date(2019, 8, 23)),
    ("Sept 3rd, 2024", dt.date(2024, 9, 3)),
    ("February 30, 2024", None),
    ("on Thursday (April 25)", None),
    (None, None),
]


@pytest.mark.parametrize(("text", "expected"), PROSE_DATES)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_date_line_tells_timestamps_and_page_dates_apart():
    assert date_line("April 24, 2019 10:08 p.m. ET") == (dt.date(2019, 4, 24), True, False)
    assert date_line("Friday , August 23 2019") == (dt.date(2019, 8, 23), False, True)
    assert date_line("Updated: March 5, 2025 8:00 am") == (dt.date(2025, 3, 5), True, False)
    assert date_line("Kim arrived on April 24, 2019 by train.") is None


@pytest.mark.parametrize("text", ["9999-12-31", "0001-01-01", "99999-01-01", "December 31, 9999", "1 January 1066"])
def test_a_date_no_news_article_was_published_on_is_none(text):
    assert parse_date(text) is None


def test_old_and_coming_dates_are_read():
    assert parse_date("June 1, 1851") == dt.date(1851, 6, 1)
    assert parse_date("2150-03-04") == dt.date(2150, 3, 4)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        *PROSE_DATES,  # what prose writes, and more:
        ("Wed, 05 Mar 2025 08:00:00 GMT", dt.date(2025, 3, 5)),
        ("2025/03/05", dt.date(2025, 3, 5)),
        ("2025/3/5", dt.date(2025, 3, 5)),
        ("20250305", dt.date(2025, 3, 5)),
        ("1741219199", dt.date(2025, 3, 5)),  # 23:59:59 UTC
        ("1741219199000", dt.date(2025, 3, 5)),  # in milliseconds
        ("1741219199.5", dt.date(2025, 3, 5)),
        ("2025/03/05 08:00:00", dt.date(2025, 3, 5)),
        ("2025/03/05T08:00:00Z", dt.date(2025, 3, 5)),
        ("202503050800", dt.date(2025, 3, 5)),  # to the minute: not a Unix time of 1976
        ("20250305080000", dt.date(2025, 3, 5)),
        ("20250305T080000Z", dt.date(2025, 3, 5)),  # ISO 8601's basic form
        ("2025/03/05 was stormy", None),  # not a date with a time: words after it
        ("20251345", None),
        ("2025-13-45", None),
        ("99999999999", None),  # eleven digits: neither a date nor a Unix time
        ("2025030508", None),  # to the hour: as a Unix time, a day in 2034
        ("yesterday", None),
        ("", None),
    ],
)
def test_a_containers_publication_date_in_the_forms_crawlers_write(text, date):
    assert parse_published(text) == date
