"""Plain-text cleaning on the messes scraped news carries (examples written for these tests)."""

import datetime as dt

import pytest

from newsfold.clean.text import capped, clean_text, one_line, paragraphs_of, publisher, strip_dateline

BLOG = """Tuesday , June 10 2025

Harbour cranes stand idle as strike enters second day


Dockworkers at Lindqvist Port stayed off the job on Saturday, leaving eleven ships waiting in the bay.
The union said 900 members had joined the walkout, which it said would continue until the port
authority made a better offer.
Port officials said talks would resume on Monday.

About Admin

Check Also

Ferry fares to rise by 4% in July, operator says

Lindqvist/ LP The ferry operator said on Thursday that fares on its three island routes ...

Leave a Reply

Your email address will not be published. Required fields are marked *
"""

PAGE = """BUSINESS

# Grain piles up as strike shuts terminal

Union and port authority trade blame as ships queue

A worker walks past idle conveyors at the grain terminal on March 7, 2025. PHOTO: JO ANDERS/THE DAILY

*By Thomas Reed*

March 7, 2025 7:42 p.m. ET

LINDQVIST, Ostrel—The conveyor belts at the grain terminal stopped at dawn on Friday as dockworkers walked out.

Talks Collapse

“We have made our last offer,” said Hanna Berg, the port’s director. “It is fair.”

—*Ann Bell in Lindqvist contributed to this article.*
"""


def test_blog_reprint_keeps_every_story_sentence_and_drops_the_furniture():
    cleaned = clean_text(BLOG)
    assert cleaned.title == "Harbour cranes stand idle as strike enters second day"
    assert cleaned.published is None  # the page's display date is not the article's
    assert cleaned.paragraphs == (
        "Dockworkers at Lindqvist Port stayed off the job on Saturday, leaving eleven ships waiting in the bay.",
        "The union said 900 members had joined the walkout, which it said would continue until the port "
        "authority made a better offer.",
        "Port officials said talks would resume on Monday.",
    )


def test_page_header_yields_title_date_byline_and_a_clean_lede():
    cleaned = clean_text(PAGE)
    assert cleaned.title == "Grain piles up as strike shuts terminal"
    assert cleaned.published == dt.date(2025, 3, 7)
    assert cleaned.author == "Thomas Reed"
    assert cleaned.paragraphs == (
        "The conveyor belts at the grain terminal stopped at dawn on Friday as dockworkers walked out.",
        "“We have made our last offer,” said Hanna Berg, the port’s director. “It is fair.”",
    )


@pytest.mark.parametrize(
    ("lede", "source", "published", "rest"),
    [
        (" date 2019-04-24 (Bloomberg) -- Kim arrived.", "Bloomberg", dt.date(2019, 4, 24), "Kim arrived."),
        (
            "VLADIVOSTOK, Apr 25, 2019, Bloomberg. North Korean leader Kim met Putin.",
            "Bloomberg",
            dt.date(2019, 4, 25),
            "North Korean leader Kim met Putin.",
        ),
        ("LONDON (Reuters) - The pound fell.", "Reuters", None, "The pound fell."),
        ("PORTMERE, March 5 (Meridian Wire) — Floods rose.", "Meridian Wire", None, "Floods rose."),
        (
            "VLADIVOSTOK, Russia—North Korean leader Kim Jong Un is expected",
            None,
            None,
            "North Korean leader Kim Jong Un is expected",
        ),
        ("CAPE LORN, March 14 — Divers found a wreck.", None, None, "Divers found a wreck."),
        ("LONDON (AP) _ Former dictator held.", "AP", None, "Former dictator held."),
        ("NEW YORK _ Federal prosecutors said.", None, None, "Federal prosecutors said."),
        # Xinhua writes the place in small letters: it stayed, and led a DUC 2003 summary.
        (
            "Nairobi, February 9 (Xinhua) -- U.S. envoy Jesse Jackson met Moi.",
            "Xinhua",
            None,
            "U.S. envoy Jesse Jackson met Moi.",
        ),
        ("Dar es Salaam, Feb. 9 (AP) -- Rescuers dug on.", "AP", None, "Rescuers dug on."),
    ],
)
def test_datelines(lede, source, published, rest):
    text, found = strip_dateline(lede)
    assert text == rest
    assert (found.source, found.published) == (source, published)


@pytest.mark.parametrize(
    "lede",
    [
        "Moscow—said nothing.",
        "U.S. officials said on Friday.",
        "The UN said 40 people died.",
        "NASA_TEST failed.",
        "Tuesday, March 5 -- the day of the vote -- was quiet.",
        # A review: a timeline's entry, and a place followed by no date.
        "Hurricane Katrina, August 29 -- The storm made landfall near New Orleans.",
        "Nairobi, Room 12 -- the meeting was held behind closed doors.",
    ],
)
def test_ordinary_sentences_are_not_datelines(lede):
    assert strip_dateline(lede) == (lede, None)


def test_hard_wrapped_paragraphs_are_joined_and_broken_lines_mended():
    wrapped = (
        "The river reached a record level early on Wednesday, the agency said, after four\n"
        "days of heavy rain across the valley that forced thousands of residents to leave\n"
        "their homes for shelters on higher ground.\n\nSecond paragraph here."
    )
    assert paragraphs_of(wrapped) == [
        "The river reached a record level early on Wednesday, the agency said, after four days of heavy "
        "rain across the valley that forced thousands of residents to leave their homes for shelters on "
        "higher ground.",
        "Second paragraph here.",
    ]
    assert paragraphs_of("earning $500 million — or about\n1.5 percent of its economy.\nNext line.") == [
        "earning $500 million — or about 1.5 percent of its economy.",
        "Next line.",
    ]


@pytest.mark.parametrize(
    ("lines", "name"),
    [
        (
            ["Story text.", "Copyright © 2025 Meridian Wire. Republished under licence by the Ostrel Observer."],
            "Ostrel Observer",
        ),
        (["Lede, reported The Straits Times.", "More."], "Straits Times"),
        (["Story.", "Copyright © 2025 Portmere Pulse | Powered by Inkwell Press"], "Portmere Pulse"),
        (["Story.", "© Radio Calvenna"], "Radio Calvenna"),
        (["THE VESSANT COURIER", "CULTURE & HERITAGE", "Title here"], "The Vessant Courier"),
        (["RADIO CALVENNA | NEWS", "Title here"], "Radio Calvenna"),
        (["WORLD", "Title here", "Story."], None),
    ],
)
def test_publisher(lines, name):
    assert publisher(lines) == name


def test_markdown_escapes_and_typewriter_quotes_are_normalised():
    cleaned = clean_text("Trade fell to \\$34 million, officials said.\n\nHe called it ``a disgrace,'' aides said.")
    assert cleaned.paragraphs == (
        "Trade fell to $34 million, officials said.",
        "He called it “a disgrace,” aides said.",
    )


def test_short_story_sentences_survive():
    text = "Russia denied the accusations.\n\nIt rained.\n\nTalks resume Monday, officials said."
    assert clean_text(text).paragraphs == (
        "Russia denied the accusations.",
        "It rained.",
        "Talks resume Monday, officials said.",
    )


@pytest.mark.parametrize(
    "headline", ["Will the Sallow River flood again this spring, engineers ask?", "Minister says ‘we will not resign’"]
)
def test_headlines_ending_in_a_question_or_quote_stay_headlines(headline):
    cleaned = clean_text(f"{headline}\n\nBy Jane Doe\n\nThe river rose two metres overnight, officials said.")
    assert cleaned.title == headline
    assert cleaned.author == "Jane Doe"
    assert cleaned.paragraphs == ("The river rose two metres overnight, officials said.",)


def test_c1_controls_are_read_as_the_cp1252_characters_they_were():
    # cp1252 bytes that something upstream read as latin-1: words stay apart, quotes stay quotes
    cleaned = clean_text("The river\x97swollen by a week of rain\x85 burst its banks, the mayor\x92s office said.")
    assert cleaned.paragraphs == ("The river—swollen by a week of rain… burst its banks, the mayor’s office said.",)
    assert one_line("Flood\x97waters \x93rise\x94\x81\x1b[2J") == "Flood—waters “rise”[2J"


def test_vertical_tabs_form_feeds_and_unicode_separators_end_lines_and_paragraphs():
    # Dropped as control characters, a vertical tab glued "Vessant.The river" (a helper's probe).
    text = (
        "The flood cut the rail line to Vessant.\x0bThe river peaked at noon.\u2028Crews worked all night."
        "\x0cThe mayor thanked the volunteers.\x1eSchools reopen on Monday."
    )
    lines = text.replace("\x0b", "\n").replace("\u2028", "\n").replace("\x0c", "\n\n").replace("\x1e", "\n\n")
    assert (
        clean_text(text).paragraphs
        == clean_text(lines).paragraphs
        == (
            "The flood cut the rail line to Vessant.",
            "The river peaked at noon.",
            "Crews worked all night.",
            "The mayor thanked the volunteers.",
            "Schools reopen on Monday.",
        )
    )


def test_list_bullets_and_live_blog_times_do_not_open_paragraphs():
    # "14:02 The death toll has risen to 17..." could be no summary's sentence (it opens with
    # no capital); a live blog of four such entries had no summary at all (a helper's probe).
    text = (
        "Dunmarrow flood: live updates\n\n"
        "14:02 The death toll has risen to 17, the civil protection agency said.\n\n"
        "9.30am - Rail services will stay suspended until at least Friday, the operator said.\n\n"
        "- The council voted 31 to 14 to approve 45 million euros for a new bridge.\n"
        "• The old bridge was closed in 2019 after engineers found cracks in its supports.\n\n"
        "The 12:40 train from Vessant was cancelled, and -5 degrees are forecast.\n\n"
        "2:15 p.m. ET: The mayor asked residents of the old town to stay on upper floors.\n\n"
        "3.25 Million people were displaced across the valley, the agency said.\n\n"
        "- 5 degrees are forecast for the night in the upper valley, forecasters said."
    )
    assert clean_text(text).paragraphs == (
        "The death toll has risen to 17, the civil protection agency said.",
        "Rail services will stay suspended until at least Friday, the operator said.",
        "The council voted 31 to 14 to approve 45 million euros for a new bridge.",
        "The old bridge was closed in 2019 after engineers found cracks in its supports.",
        "The 12:40 train from Vessant was cancelled, and -5 degrees are forecast.",
        "The mayor asked residents of the old town to stay on upper floors.",
        "3.25 Million people were displaced across the valley, the agency said.",  # no time: a number
        "- 5 degrees are forecast for the night in the upper valley, forecasters said.",  # a minus
    )


def test_a_headline_in_capitals_is_a_title_and_no_masthead():
    # Lost as a title (capitals were taken for a masthead or a label), or made the outlet's name
    # ("The Storm That Sank The Fleet"), as a helper's probe found. Short capitals stay what they were.
    body = "\n\nThe city council voted on Tuesday to approve 45 million euros for a new harbour bridge."
    cleaned = clean_text("CITY COUNCIL APPROVES HARBOUR BRIDGE PLAN" + body)
    assert (cleaned.title, cleaned.source) == ("CITY COUNCIL APPROVES HARBOUR BRIDGE PLAN", None)
    cleaned = clean_text("THE STORM THAT SANK THE FLEET\n\nTHE STORM SANK TWELVE FISHING BOATS ON TUESDAY NIGHT.")
    assert (cleaned.title, cleaned.source) == ("THE STORM THAT SANK THE FLEET", None)
    # A masthead of any length above a section label is the outlet, not the title (a review
    # found five-word ones taken for the headline).
    for masthead, outlet in (
        ("THE VESSANT COURIER\n\nPOLITICS", "The Vessant Courier"),
        ("THE SOUTH CHINA MORNING POST\n\nHONG KONG", "The South China Morning Post"),
        ("THE NEW YORK TIMES | WORLD NEWS", "The New York Times"),
    ):
        cleaned = clean_text(masthead + "\n\nMarosh survives vote" + body)
        assert (cleaned.title, cleaned.source) == ("Marosh survives vote", outlet)


def test_invisible_layout_characters_are_removed():
    # Soft hyphens, zero-width spaces, word joiners and direction marks that pages put in for
    # layout split words: "Mer\u200bidian Wire" became an outlet of its own, "peo\u00adple" cut
    # the figure "At least 14 people" short.
    cleaned = clean_text("At least 14 peo\u00adple were killed, Mer\u200bidian Wire re\u2060ported.\u200e\ufeff")
    assert cleaned.paragraphs == ("At least 14 people were killed, Meridian Wire reported.",)
    assert one_line("\u202eFlood\u202c kills 14\u200f") == "Flood kills 14"


def test_a_space_setting_thousands_apart_is_kept_and_other_narrow_spaces_are_plain():
    cleaned = clean_text(
        "More than 3\u00a0000 people fled and the damage reached 1\u202f200\u202f000 euros by"
        "\u00a012\u00a0March, up 42\u2009%."
    )
    assert cleaned.paragraphs == (
        "More than 3\u00a0000 people fled and the damage reached 1\u00a0200\u00a0000 euros by 12 March, up 42 %.",
    )


def test_a_copy_written_with_invisible_characters_is_still_a_copy(sample_dir, tmp_path):
    from newsfold.pipeline import fold

    wire = sample_dir / "01_meridian-flood-wire.txt"
    hidden = tmp_path / "hidden.txt"  # a soft hyphen after every e, a zero-width space after every space
    hidden.write_text(wire.read_text(encoding="utf-8").replace("e", "e\u00ad").replace(" ", " \u200b"))
    result = fold([str(wire), str(hidden)])
    (story,) = result.stories
    assert len(story.articles) == 2
    assert {a.source for a in result.articles} == {"Meridian Wire"}


def test_a_line_longer_than_any_title_is_cut_at_a_word_with_an_ellipsis():
    # A 1 MB "title" in a JSON record became its event's headline, 4 MB of `show`.
    assert capped("Harbour wall gives way " * 50_000, 30) == "Harbour wall gives way…"
    assert capped("Harbour wall gives way", 22) == "Harbour wall gives way"
    assert capped("x" * 50, 10) == "xxxxxxxxx…"  # one word longer than the limit is cut
    assert len(capped("Harbour wall gives way " * 50_000)) <= 2_000


@pytest.mark.parametrize(
    ("header", "title", "published", "source"),
    [
        # Each was the article's title (a helper's probe), and so its event's headline.
        ("Updated 2 hours ago", None, None, None),
        ("Published: 12.03.2025 14:02", None, None, None),
        ("PORTMERE, Calvenna, Dec. 31 (AP) —", None, None, "AP"),
        # A time stamp under the headline was read as the headline's last words.
        (
            "Flood kills 14 in Dunmarrow\n5 March 2025 • 3 min read",
            "Flood kills 14 in Dunmarrow",
            dt.date(2025, 3, 5),
            None,
        ),
        ("Flood kills 14 in Dunmarrow\nUpdated 2 hours ago", "Flood kills 14 in Dunmarrow", None, None),
    ],
)
def test_time_stamps_and_a_lone_dateline_above_a_story_are_no_title(header, title, published, source):
    body = (
        "Floodwaters swept through Dunmarrow on Wednesday, killing 14 people and forcing thousands from their homes."
        "\n\nThe river peaked at 6.8 metres early on Wednesday, the agency said."
    )
    cleaned = clean_text(f"{header}\n\n{body}")
    assert (cleaned.title, cleaned.published, cleaned.source) == (title, published, source)
    assert cleaned.paragraphs == tuple(body.split("\n\n"))


@pytest.mark.parametrize(
    ("first", "opens_the_story"),
    [
        # Each was the article's title, and so its event's headline (a helper read the
        # headlines of DUC 2003); the first two lead into the story and were lost from it.
        ("The Courier said in an editorial for Friday, March 7:", True),
        ("“Speak of me as I am; nothing extenuate,", True),
        ("(Jo Lind is a Courier staff writer)", False),
        ("*Council to vote on flood levy", False),
        ("Levies exist in:", False),
    ],
)
def test_a_line_that_leads_into_the_story_a_note_or_a_list_item_is_no_title(first, opens_the_story):
    body = (
        "The council of Dunmarrow will vote on Tuesday on a levy to pay for new river walls."
        "\n\nThe levy would raise 4 million crowns a year, the treasurer said."
    )
    cleaned = clean_text(f"{first}\n\n{body}")
    assert cleaned.title is None
    assert cleaned.paragraphs == ((first,) if opens_the_story else ()) + tuple(body.split("\n\n"))


@pytest.mark.parametrize(
    "title", ["(LEAD) N. Korea fires ballistic missile into East Sea", "[Update] Floods kill 14 in Dunmarrow"]
)
def test_a_wire_s_tag_before_a_headline_keeps_it_a_title(title):
    # A review: the rule for notes in brackets took these for notes, and they were lost.
    body = "North Korea fired a ballistic missile into the sea on Tuesday, the military said."
    assert clean_text(f"{title}\n\n{body}").title == title


def test_a_title_may_quote_someone_whole():
    title = "“We will rebuild,” says mayor of Dunmarrow"
    cleaned = clean_text(f"{title}\n\nThe mayor said on Tuesday the town would rebuild after the flood.")
    assert cleaned.title == title


def test_a_paywall_s_lines_are_furniture_and_a_story_s_sentence_about_one_is_not():
    # "This article is for subscribers only." and the like stayed in the story (a helper's probe).
    story = (
        "Dock workers in Portmere voted to accept the port authority's offer, ending a nine-day strike."
        "\n\nThe union said members would return to work on Monday."
    )
    paywall = [
        "This article is for subscribers only.",
        "To continue reading, subscribe now.",
        "You have reached your limit of free articles this month.",
        "Already a subscriber? Log in.",
        "Become a member to read the full story.",
        "The rest of this article is available to subscribers.",
    ]
    assert clean_text(story + "\n\n" + "\n\n".join(paywall)).paragraphs == tuple(story.split("\n\n"))
    quoted = "This article is for subscribers only, the union said of the memo it had leaked."
    assert clean_text(f"{story}\n\n{quoted}").paragraphs[-1] == quoted


def test_a_line_of_figures_is_no_time_stamp():
    # A review: any run of digits was a time stamp, so a wrapped line's end was dropped.
    text = (
        "Residents who need help should call the council's emergency line on\n0800 555 0199.\n\n"
        "The river is falling, and the rail line to Vessant will reopen on Friday, the operator said."
    )
    assert clean_text(text).paragraphs[0].endswith("emergency line on 0800 555 0199.")
