"""Clean raw articles: main text as paragraphs, title, source, publication date."""

from newsfold.clean.article import clean_article
from newsfold.clean.text import CleanText, clean_text

__all__ = ["CleanText", "clean_article", "clean_text"]
