"""The public reporting form: its fields, its limits, and checking what arrives.

Pure functions: the raw request body in, a :class:`Submission` out, or
:class:`SubmissionRefused` naming the field, the line and column where it
applies, and the reason in plain words. Nothing is half-accepted: a refused
submission stores nothing.

Limits (all stated on the page):

* the request body: :data:`MAX_BODY_BYTES` (256 KiB; larger is refused with
  413 before it is read, by :mod:`countylines.public.anonymity`);
* all the text together: :data:`MAX_TOTAL_CHARS` characters (20,000, about
  3,000 words), each field its own limit in :data:`FIELDS`;
* text only: the body must be an URL-encoded form in UTF-8; a NUL character,
  an unpaired surrogate or many control characters (binary data) are refused
  with where they are (:func:`countylines.extract.limits.check_text`);
* the honeypot field :data:`HONEYPOT` must stay empty (people cannot see it;
  form-filling robots fill it).

HTML, script, SQL, emoji and right-to-left text are ordinary text here: kept
exactly as written (line breaks made ``\\n``, outer blank space trimmed),
stored through bound parameters and shown escaped.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from urllib.parse import parse_qsl

from countylines.extract.limits import TextRefused, check_text
from countylines.public.models import CHILDREN_ANSWERS

MAX_BODY_BYTES = 256 * 1024
"""Largest request body read (a full 20,000-character report of 4-byte characters,
percent-encoded, is about 240 KB)."""

MAX_TOTAL_CHARS = 20_000
"""Most characters of text in one report, all fields together."""

MAX_FIELDS = 40
"""Most form fields parsed from one body (the form has 12)."""

HONEYPOT = "website"
"""Name of the field hidden from people: a submission with it filled is dropped."""


@dataclass(frozen=True)
class Field:
    """A text field of the form: its name, the question it asks, its limit."""

    name: str
    question: str
    hint: str
    max_chars: int
    required: bool = False
    multiline: bool = False


FIELDS: tuple[Field, ...] = (
    Field(
        "what",
        "What is happening?",
        "Tell us in your own words what you have seen or heard.",
        MAX_TOTAL_CHARS,
        required=True,
        multiline=True,
    ),
    Field(
        "where",
        "Where is it happening?",
        "A postcode, a street, or a place people know, such as "
        "\u201cthe flat above the bookies on Pier Avenue\u201d.",
        500,
    ),
    Field(
        "when",
        "When did it happen, or when does it happen?",
        "For example \u201cmost nights about 10pm\u201d or \u201clast Saturday afternoon\u201d.",
        500,
    ),
    Field(
        "people",
        "People you saw",
        "What they look like, what they wear, names or nicknames you heard.",
        2_000,
        multiline=True,
    ),
    Field(
        "vehicles",
        "Vehicles",
        "Colour, make, model and registration number, if you know them.",
        1_000,
    ),
    Field(
        "phones",
        "Phone numbers",
        "Numbers that sent you messages or that people use, in any format.",
        500,
    ),
)
"""The text fields, in the order the page asks them."""

FIELD_BY_NAME = {f.name: f for f in FIELDS}

CHILDREN_CHOICES = tuple(a for a in CHILDREN_ANSWERS if a != "not answered")
"""Answers offered for "do children or young people seem to be involved?"."""

# Loose bounds of the United Kingdom, to refuse a map point from elsewhere (degrees WGS84).
UK_LATITUDE = (49.8, 60.9)
UK_LONGITUDE = (-8.7, 1.8)


class SubmissionRefused(Exception):
    """A submission that is not stored.

    Attributes:
        status: the HTTP status to answer (400, 413 or 415).
        errors: field name -> the reason, in plain words for the person
            (``form`` for the whole form).
    """

    def __init__(self, status: int, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.status = status
        self.errors = errors


@dataclass(frozen=True)
class Submission:
    """A checked report from the public.

    Attributes:
        texts: field name -> its text (empty string when not given), for
            every field of :data:`FIELDS`.
        children: one of :data:`countylines.public.models.CHILDREN_ANSWERS`.
        latitude, longitude: the point chosen on the map (degrees WGS84,
            rounded to 4 places, about 10 m), or None.
        token: the form token sent with it (checked by the app).
        honeypot_filled: True when the hidden field was filled (a robot).
    """

    texts: dict[str, str]
    children: str
    latitude: float | None
    longitude: float | None
    token: str
    honeypot_filled: bool

    @property
    def total_chars(self) -> int:
        """Characters of text in all fields."""
        return sum(len(t) for t in self.texts.values())


def parse_form_body(body: bytes, content_type: str) -> dict[str, str]:
    """The fields of an URL-encoded form body (the last value of a repeated name wins).

    Raises:
        SubmissionRefused: 413 for a body over :data:`MAX_BODY_BYTES`; 415 for
            another content type; 400 for bytes that are not an URL-encoded
            form of UTF-8 text, or more than :data:`MAX_FIELDS` fields.
    """
    if len(body) > MAX_BODY_BYTES:
        raise SubmissionRefused(413, {"form": too_large_message()})
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        raise SubmissionRefused(
            415, {"form": "this page takes the reporting form only, not other kinds of upload"}
        )
    try:
        text = body.decode("ascii")
        pairs = parse_qsl(
            text,
            keep_blank_values=True,
            encoding="utf-8",
            errors="strict",
            max_num_fields=MAX_FIELDS,
        )
    except UnicodeDecodeError as exc:
        raise SubmissionRefused(
            400,
            {
                "form": f"the form did not arrive as text (byte {exc.start + 1} cannot be read "
                "as UTF-8): please type or paste your report as text"
            },
        ) from exc
    except ValueError as exc:
        raise SubmissionRefused(400, {"form": "the form could not be read"}) from exc
    return dict(pairs)


def too_large_message() -> str:
    """What the page says when a report is too large to read at all."""
    return (
        f"the report is too large: it can be up to {MAX_TOTAL_CHARS:,} characters "
        "(about 3,000 words) in all"
    )


def _clean(value: str) -> str:
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def _point(fields: dict[str, str], errors: dict[str, str]) -> tuple[float | None, float | None]:
    lat_text, lon_text = fields.get("latitude", "").strip(), fields.get("longitude", "").strip()
    if not lat_text and not lon_text:
        return None, None
    try:
        lat, lon = float(lat_text), float(lon_text)
    except ValueError:
        errors["map"] = "the point on the map could not be read: choose it again or clear it"
        return None, None
    if not (math.isfinite(lat) and math.isfinite(lon)):
        errors["map"] = "the point on the map could not be read: choose it again or clear it"
        return None, None
    if not (UK_LATITUDE[0] <= lat <= UK_LATITUDE[1] and UK_LONGITUDE[0] <= lon <= UK_LONGITUDE[1]):
        errors["map"] = "the point on the map is outside the United Kingdom"
        return None, None
    return round(lat, 4), round(lon, 4)


def check_submission(fields: dict[str, str]) -> Submission:
    """Check the parsed form (see the module doc for every rule).

    Raises:
        SubmissionRefused: 400 with every problem found, each under its field.
    """
    errors: dict[str, str] = {}
    texts: dict[str, str] = {}
    for f in FIELDS:
        value = _clean(fields.get(f.name, ""))
        texts[f.name] = value
        if len(value) > f.max_chars:
            errors[f.name] = (
                f"this answer is {len(value):,} characters; it can be up to {f.max_chars:,}"
            )
            continue
        try:
            check_text(value)
        except TextRefused as exc:
            errors[f.name] = f"this answer does not look like text ({exc})"
    if not texts["what"] and "what" not in errors:
        errors["what"] = "please tell us what is happening"
    total = sum(len(t) for t in texts.values())
    if total > MAX_TOTAL_CHARS and not errors:
        errors["what"] = (
            f"your report is {total:,} characters in all; it can be up to {MAX_TOTAL_CHARS:,}: "
            "please shorten it"
        )
    children = fields.get("children", "").strip() or "not answered"
    if children not in CHILDREN_ANSWERS:
        errors["children"] = "choose yes, no or not sure (or leave it)"
    latitude, longitude = _point(fields, errors)
    if errors:
        raise SubmissionRefused(400, errors)
    return Submission(
        texts=texts,
        children=children,
        latitude=latitude,
        longitude=longitude,
        token=fields.get("token", ""),
        honeypot_filled=bool(fields.get(HONEYPOT, "").strip()),
    )
