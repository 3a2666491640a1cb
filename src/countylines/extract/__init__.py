"""Extraction from any free text: phones, postcodes, registrations, places, nicknames, drugs,
weapons, and indicators of child criminal exploitation and cuckooing.

``extract(text)`` returns :class:`Mention` objects (type, span, text, normalised value,
confidence, rule). Built on ``spacy.blank("en")`` with rule components and ``phonenumbers``;
no model is downloaded. See docs/extraction.md.
"""

from countylines.extract.api import DEFAULT_MIN_CONFIDENCE, extract
from countylines.extract.limits import MAX_TEXT_CHARS, TextRefused
from countylines.extract.mention import MENTION_TYPES, Mention, MentionType

__all__ = [
    "DEFAULT_MIN_CONFIDENCE",
    "MAX_TEXT_CHARS",
    "MENTION_TYPES",
    "Mention",
    "MentionType",
    "TextRefused",
    "extract",
]
