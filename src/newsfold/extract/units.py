"""The units figures count: currencies, units of measure and counted nouns, in one spelling.

A unit is a currency code ("USD"), or a noun in the singular and US spelling ("tonnes" ->
"tonne", "metres" -> "meter", "fishermen" -> "fisherman"), so that two articles that write
one quantity differently state the same figure. :mod:`newsfold.extract.figures` reads which
words after a number are its unit.
"""

from __future__ import annotations

from newsfold.stopwords import FUNCTION_WORDS

CURRENCIES = {
    "$": "USD",
    "us$": "USD",
    "\\$": "USD",
    "dlrs": "USD",  # AP's and Xinhua's "dlrs 43.8 million"
    "€": "EUR",
    "£": "GBP",
    "s$": "SGD",
    "¥": "JPY",
    "a$": "AUD",
    "c$": "CAD",
    "hk$": "HKD",
    "nz$": "NZD",
}
CURRENCY_CODES = frozenset(CURRENCIES.values()) | {"CNY", "RUB", "INR", "CHF"}
CURRENCY_WORDS = {
    "dollar": "USD",
    "dlr": "USD",
    "dlrs": "USD",
    "euro": "EUR",
    "pound": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "ruble": "RUB",
    "rouble": "RUB",
    "rupee": "INR",
    "franc": "CHF",
}
"""Currencies written as words; other currency words ("20 million crowns") keep their name."""
MONEY_WORDS = frozenset("crown krona kronor krone won peso real rand lira shekel dinar dirham riyal zloty".split())
NOT_UNITS = FUNCTION_WORDS | frozenset(
    """percent per cent million billion trillion thousand left more less each apiece ago earlier later higher
    lower above below annually alone altogether overall a year day abroad overseas nationwide worldwide
    domestically locally offshore inland away apart long wide high deep tall old north south east west
    northeast northwest southeast southwest intact early late overnight yesterday today tonight tomorrow
    last next one two three four five six seven eight nine ten dozen""".split()
)
"""Words after a number that are not what it counts: "60 people early on Friday", "435,000
people declared three days of mourning" (the count stops before them)."""

MEASUREMENTS = frozenset(
    """meter kilometer millimeter centimeter mile foot inch kilogram gram tonne ton liter gallon barrel
    hectare acre degree kilowatt megawatt gigawatt hour minute second day week month year knot mph
    cubic square""".split()
)
"""Units of measure: what they measure is said before them ("The river reached 6.8 meters")."""
SAME_IN_PLURAL = frozenset("people sheep cattle staff police livestock deer fish aircraft personnel".split())
"""Plurals written as their singular: "4m sheep" are millions of them."""


def plural(word: str) -> bool:
    """Whether a lower-case noun is a plural that shows it ("women", "people")."""
    return word == "people" or singular(word) != word


def nounlike(word: str) -> bool:
    """Whether a word after a number can be what it counts: not a name ("Route"), a function
    word or a verb's form in -ed or -ing ("5 injured", "3 remaining")."""
    lower = word.lower()
    if lower in NOT_UNITS or word[0].isupper() and not word.isupper() and word.lower() not in ("km", "kg"):
        return False
    return not (lower.endswith("ed") or lower.endswith("ing") and lower not in ("buildings", "building", "dwellings"))


_SPELLING = {
    "metre": "meter",
    "litre": "liter",
    "centre": "center",
    "kilometre": "kilometer",
    "millimetre": "millimeter",
    "centimetre": "centimeter",
    "neighbour": "neighbor",
    "harbour": "harbor",
}
_IRREGULAR = {
    "people": "people",
    "men": "man",
    "women": "woman",
    "children": "child",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "police": "police",
    "news": "news",
    "series": "series",
    "species": "species",
}


def singular(word: str) -> str:
    """A lower-case noun in the singular and US spelling: "fishermen" -> "fisherman", "litres"
    -> "liter"; a word that is no plural stays as it is."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("men") and len(word) > 4:
        return word[:-3] + "man"  # fishermen
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("ches", "shes", "sses", "xes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for uk, us in _SPELLING.items():
        if word.endswith(uk):
            word = word[: -len(uk)] + us
    return word


def is_count(unit: str | None) -> bool:
    """Whether a unit counts things ("person", "seat"), not money, a share or a measure."""
    return (
        bool(unit)
        and unit != "%"
        and unit not in CURRENCY_CODES
        and unit not in MONEY_WORDS
        and (unit.split()[0] not in MEASUREMENTS)
    )
