"""Check the labelled extraction evaluation set and print its counts.

Reads ``eval.jsonl`` (or the file given) on its own, without the build script, and checks:

* each line is a JSON object with ``id`` (unique, ``pub-NNN`` / ``int-NNN``), ``style``
  (``public`` or ``intel``, matching the id), ``text`` and ``mentions``; no text appears twice;
* each mention has a known ``type``, ``0 <= start < end <= len(text)``, ``text ==
  full_text[start:end]`` exactly, and no spaces or ``,;:!?`` at either end of the span (nor a
  ``"``, unless the span's quotes are balanced, as in ``he gets £100 a day to "go country"``);
* values: ``phone`` is E.164 (``+44`` then 9 or 10 digits) and equals what ``phonenumbers``
  parses (region GB) from the span, after spelt-out digits ("oh seven seven double oh ...",
  "treble", a letter O typed for zero) are read into digits; ``postcode`` is a validly
  formatted UK postcode (outward code, space, digit and two letters other than C I K M O V)
  equal to the span in upper case with the space put back; ``vrm`` is the span in upper case
  without spaces or hyphens and matches a current, prefix, suffix or dateless format; ``drug``
  is one of the canonical names or null; every other type has a null value;
* no two mentions are the same; entity mentions (every type but the two indicators) never
  overlap each other; an indicator may contain other mentions or lie inside another type's
  indicator, but spans never cross and two indicators of one type never overlap.

Prints the number of texts and of labels per type and style, and every problem found as
``id: reason``; exits 1 when there is a problem.

Usage::

    .venv/bin/python benchmarks/extraction_eval/check.py [path/to/eval.jsonl]
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import phonenumbers

HERE = Path(__file__).resolve().parent
STYLES = {"public": "pub", "intel": "int"}
ENTITY_TYPES = ("phone", "postcode", "vrm", "street", "town", "nickname", "drug", "weapon")
INDICATOR_TYPES = ("cce_indicator", "cuckooing_indicator")
TYPES = ENTITY_TYPES + INDICATOR_TYPES
MINIMUM = {
    "phone": 150,
    "postcode": 80,
    "vrm": 60,
    "cce_indicator": 80,
    "cuckooing_indicator": 80,
    "drug": 60,
    "weapon": 40,
    "street": 40,
    "town": 40,
    "nickname": 25,
}
DRUGS = {"cocaine", "crack cocaine", "heroin", "cannabis", "ketamine", "spice"}
BAD_EDGE = set(' \t\n,;:!?"')
E164_UK = re.compile(r"\+44\d{9,10}")
POSTCODE = re.compile(r"[A-Z]{1,2}\d[A-Z\d]? \d[ABD-HJLNP-UW-Z]{2}")
VRM_FORMATS = (
    re.compile(r"[A-Z]{2}\d{2}[A-Z]{3}"),  # current, 2001 on: AB12CDE
    re.compile(r"[A-Z]\d{1,3}[A-Z]{3}"),  # prefix, 1983-2001: A123BCD
    re.compile(r"[A-Z]{3}\d{1,3}[A-Z]"),  # suffix, 1963-1983: ABC123D
    re.compile(r"[A-Z]{1,3}\d{1,4}"),  # dateless: ABC123
    re.compile(r"\d{1,4}[A-Z]{1,3}"),  # dateless: 123ABC
)
SPOKEN_DIGITS = {
    "oh": "0",
    "o": "0",
    "zero": "0",
    "nought": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
}
REPEAT = {"double": 2, "treble": 3, "triple": 3}


def spoken_to_digits(span: str) -> str:
    """Read a phone number written in words or mixed words and digits into plain digits.

    ``"oh seven seven double oh nine"`` gives ``"077009"``; ``"double"``/``"treble"``/``"triple"``
    repeat the next digit; a letter O inside a run of digits ("o77oo 9oo123") is read as 0.
    Raises ``ValueError`` for a word it cannot read.
    """
    tokens = re.findall(r"\+|[a-z]+|\d+", span.lower())
    digits: list[str] = []
    repeat = 1
    for token in tokens:
        if token in REPEAT:
            repeat = REPEAT[token]
        elif token == "+":
            digits.append("+")
        elif token in SPOKEN_DIGITS:
            digits.append(SPOKEN_DIGITS[token] * repeat)
            repeat = 1
        elif token.isdigit():
            digits.append(token[0] * repeat + token[1:])
            repeat = 1
        elif set(token) == {"o"}:
            digits.append("0" * len(token) * repeat)
            repeat = 1
        else:
            raise ValueError(f"cannot read {token!r} as a digit")
    return "".join(digits)


def phone_from_span(span: str) -> str:
    """Return the E.164 number that ``phonenumbers`` (region GB) reads from a span as written."""
    written = span
    if re.search(r"[A-Za-z]", span):
        # letter O typed for zero inside a digit run, e.g. "o77oo 9oo123"
        fixed = re.sub(r"(?<=[\dOo])[Oo]|[Oo](?=[\dOo])", "0", span)
        written = fixed if not re.search(r"[A-Za-z]", fixed) else spoken_to_digits(span)
    parsed = phonenumbers.parse(written, "GB")
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))


def normal_postcode(span: str) -> str:
    """Upper case, no spaces, then one space before the last three characters."""
    squashed = re.sub(r"\s+", "", span).upper()
    return f"{squashed[:-3]} {squashed[-3:]}"


def check_value(mention: dict[str, Any]) -> list[str]:
    """Return the problems with one mention's value (empty when right)."""
    kind, value, span = mention["type"], mention["value"], mention["text"]
    problems: list[str] = []
    if kind == "phone":
        if not isinstance(value, str) or not E164_UK.fullmatch(value):
            return [f"phone value {value!r} is not UK E.164"]
        try:
            read = phone_from_span(span)
        except (ValueError, phonenumbers.NumberParseException) as error:
            return [f"phone span {span!r} cannot be read: {error}"]
        if read != value:
            problems.append(f"phone span {span!r} reads as {read}, labelled {value}")
    elif kind == "postcode":
        if not isinstance(value, str) or not POSTCODE.fullmatch(value):
            return [f"postcode value {value!r} is not a valid postcode format"]
        if normal_postcode(span) != value:
            problems.append(f"postcode span {span!r} normalises to {normal_postcode(span)!r}")
    elif kind == "vrm":
        squashed = re.sub(r"[\s-]+", "", span).upper()
        if squashed != value:
            problems.append(f"vrm span {span!r} is {squashed!r}, labelled {value!r}")
        if not isinstance(value, str) or not any(f.fullmatch(value) for f in VRM_FORMATS):
            problems.append(f"vrm value {value!r} matches no registration format")
    elif kind == "drug":
        if value is not None and value not in DRUGS:
            problems.append(f"drug value {value!r} is not one of {sorted(DRUGS)} or null")
    elif value is not None:
        problems.append(f"{kind} must have a null value, has {value!r}")
    return problems


def check_overlaps(mentions: list[dict[str, Any]]) -> list[str]:
    """Return duplicate, crossing and forbidden nested spans among one text's mentions."""
    problems: list[str] = []
    for i, a in enumerate(mentions):
        for b in mentions[i + 1 :]:
            key_a = (a["type"], a["start"], a["end"])
            key_b = (b["type"], b["start"], b["end"])
            if key_a == key_b:
                problems.append(f"duplicate {a['type']} {a['text']!r}")
                continue
            if a["end"] <= b["start"] or b["end"] <= a["start"]:
                continue
            pair = f"{a['type']} {a['text']!r} / {b['type']} {b['text']!r}"
            nested = (a["start"] <= b["start"] and b["end"] <= a["end"]) or (
                b["start"] <= a["start"] and a["end"] <= b["end"]
            )
            if not nested:
                problems.append(f"spans cross: {pair}")
            elif a["type"] in ENTITY_TYPES and b["type"] in ENTITY_TYPES:
                problems.append(f"entities overlap: {pair}")
            elif a["type"] == b["type"]:
                problems.append(f"same-type indicators overlap: {pair}")
    return problems


def check_record(record: Any, line: int) -> tuple[str, list[str]]:
    """Check one record; return its id (or the line number) and its problems."""
    if not isinstance(record, dict) or set(record) != {"id", "style", "text", "mentions"}:
        return f"line {line}", ["must be an object with id, style, text, mentions"]
    rid, style, text, mentions = record["id"], record["style"], record["text"], record["mentions"]
    problems: list[str] = []
    if style not in STYLES:
        problems.append(f"style {style!r} is not public or intel")
    elif not re.fullmatch(rf"{STYLES[style]}-\d{{3}}", str(rid)):
        problems.append(f"id {rid!r} does not fit style {style!r}")
    if not isinstance(text, str) or not text.strip() or not isinstance(mentions, list):
        return str(rid), [*problems, "text must be a non-empty string, mentions a list"]
    good: list[dict[str, Any]] = []
    for m in mentions:
        if not isinstance(m, dict) or set(m) != {"type", "start", "end", "text", "value"}:
            problems.append(f"mention {m!r} must have type, start, end, text, value")
            continue
        if m["type"] not in TYPES:
            problems.append(f"unknown type {m['type']!r}")
            continue
        start, end = m["start"], m["end"]
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            problems.append(f"{m['type']} offsets {start}-{end} outside the text")
            continue
        if text[start:end] != m["text"]:
            problems.append(
                f"{m['type']} span {start}-{end} is {text[start:end]!r}, not {m['text']!r}"
            )
            continue
        edges = {m["text"][0], m["text"][-1]}
        balanced_quotes = m["text"].count('"') % 2 == 0
        if edges & BAD_EDGE - ({'"'} if balanced_quotes else set()):
            problems.append(f"{m['type']} span {m['text']!r} starts or ends with space/punctuation")
        problems.extend(check_value(m))
        good.append(m)
    problems.extend(check_overlaps(good))
    return str(rid), problems


def main(argv: list[str]) -> int:
    """Check the file, print counts and problems; return 1 if any problem was found."""
    path = Path(argv[1]) if len(argv) > 1 else HERE / "eval.jsonl"
    problems: list[str] = []
    texts: Counter[str] = Counter()
    labels: Counter[tuple[str, str]] = Counter()
    unlabelled: Counter[str] = Counter()
    seen_ids: set[str] = set()
    seen_texts: dict[str, str] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as error:
            problems.append(f"{path}:{number}: not JSON: {error.msg}")
            continue
        rid, found = check_record(record, number)
        problems.extend(f"{rid}: {p}" for p in found)
        if found and rid.startswith("line "):
            continue
        if rid in seen_ids:
            problems.append(f"{rid}: id used twice")
        seen_ids.add(rid)
        if record["text"] in seen_texts:
            problems.append(f"{rid}: same text as {seen_texts[record['text']]}")
        seen_texts.setdefault(record["text"], rid)
        style = record["style"]
        texts[style] += 1
        if not record["mentions"]:
            unlabelled[style] += 1
        for m in record["mentions"]:
            if isinstance(m, dict) and m.get("type") in TYPES:
                labels[(m["type"], style)] += 1

    styles = list(STYLES)
    print(f"{'':22}" + "".join(f"{s:>9}" for s in styles) + f"{'total':>9}{'minimum':>9}")
    total_texts = sum(texts.values())
    print(f"{'texts':22}" + "".join(f"{texts[s]:>9}" for s in styles) + f"{total_texts:>9}")
    print(
        f"{'texts with no label':22}"
        + "".join(f"{unlabelled[s]:>9}" for s in styles)
        + f"{sum(unlabelled.values()):>9}"
    )
    for kind in TYPES:
        row = [labels[(kind, s)] for s in styles]
        line = f"{kind:22}" + "".join(f"{n:>9}" for n in row) + f"{sum(row):>9}"
        print(line + f"{MINIMUM.get(kind, 0):>9}")
        if sum(row) < MINIMUM.get(kind, 0):
            problems.append(f"only {sum(row)} {kind} labels, want at least {MINIMUM[kind]}")
    print(
        f"{'all labels':22}" + "".join(f"{sum(labels[(k, s)] for k in TYPES):>9}" for s in styles)
    )
    for problem in problems:
        print(f"problem: {problem}")
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
