"""Labelled data polemos learns from and is measured on: source texts, the label schema, templates.

Labels live in `labels/` at the repository root (see labels/README.md). Texts from the shared gold
sets are never copied: a label names its text by a key (`gwn:12`, `lgl:40450848`) and character
offsets, and the text is read in place. Texts from the stored news pages are kept only as the
labelled sentences themselves.
"""

from .schema import ACLED_SUBTYPES, FACTUALITY, MODES, ROOTS, check_article
from .texts import SourceText, read_source

__all__ = ["ACLED_SUBTYPES", "FACTUALITY", "MODES", "ROOTS", "SourceText", "check_article", "read_source"]
