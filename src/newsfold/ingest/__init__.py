"""Read inputs (files, folders, stdin) into RawArticle records or Rejections."""

from newsfold.ingest.decode import DecodeError, decode
from newsfold.ingest.files import read_inputs

__all__ = ["DecodeError", "decode", "read_inputs"]
