"""Links from a report's mentions to what the workspace already knows.

What is matched (every link says why, in words):

=================  ===========================================================
mention            matched against
=================  ===========================================================
phone (E.164)      deal-line numbers, line holders' and runners' numbers and
                   nominals' numbers in the analysis picture; phone subjects
                   of intelligence reports (their E.164 key)
registration       vehicle subjects of intelligence reports; the text of
                   intelligence reports (spaces ignored)
postcode           address subjects and text of intelligence reports; picture
                   locations (market cells, possible cuckooed addresses) in
                   the postcode's LSOA, when the postcode lookup is loaded
street             address subjects of intelligence reports (whole words)
nickname           person subjects of intelligence reports (quotes ignored)
line brand         the picture's deal lines named with that brand ("Titan
                   line": the brand intelligence gave the line), any case
map point          picture locations in the point's LSOA
=================  ===========================================================

This module holds the picture half (pure: mentions and picture in, links
out) and the shape of a link; :mod:`countylines.public.triage` queries the
intelligence records and decides, per reader, which links are shown and
which are "held elsewhere".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

MAX_LINKS_PER_MENTION = 20
"""Most links kept for one mention (a common street could match hundreds of reports)."""


@dataclass(frozen=True)
class Link:
    """One thing the workspace knows that a mention points to.

    Attributes:
        mention_type, mention: the mention's type and normalised value
            (``phone``, ``+447700900123``), or ``map point`` and the LSOA.
        kind: what is known, in words: ``deal line``, ``line holder``,
            ``runner``, ``nominal``, ``location``, ``intelligence``.
        target_type: record type for compartments and the s.62 log:
            ``line``, ``nominal``, ``location`` or ``intel_report``.
        target_id: line id, nominal id, location id or URN.
        label: the record's label (``Rambo line``, a URN).
        reason: why they are linked, in words.
        url: the page in the analysts' workspace (None when it has none).
        line_ids: lines the record belongs to (a picture record in a line's
            compartment is held with it).
        compartment_id: the compartment of an intelligence report (None for
            general material and for picture records, whose compartments are
            assignments).
    """

    mention_type: str
    mention: str
    kind: str
    target_type: str
    target_id: str
    label: str
    reason: str
    url: str | None
    line_ids: tuple[str, ...] = field(default=())
    compartment_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        """Every attribute, as JSON."""
        return {
            "mention_type": self.mention_type,
            "mention": self.mention,
            "kind": self.kind,
            "target_type": self.target_type,
            "target_id": self.target_id,
            "label": self.label,
            "reason": self.reason,
            "url": self.url,
            "line_ids": list(self.line_ids),
        }


def mention_values(mentions: Iterable[Mapping[str, Any]], kind: str) -> list[str]:
    """Distinct normalised values of one mention type, in order of first appearance."""
    seen: dict[str, None] = {}
    for m in mentions:
        if m.get("type") == kind and m.get("value"):
            seen.setdefault(str(m["value"]), None)
    return list(seen)


def _line_label(line: Mapping[str, Any]) -> str:
    return str(line.get("label") or line["line_id"])


def _brand_of(label: str) -> str | None:
    """The brand in a picture line's label (``Titan line`` -> ``Titan``), or None for a line
    known only by its number (``line on 07700 900123``)."""
    if not label.endswith(" line") or label.startswith("line on "):
        return None
    return label[: -len(" line")].strip() or None


def phone_links(phone: str, picture: Mapping[str, Any]) -> list[Link]:
    """Links of one number (E.164) to the picture's lines and nominals."""
    found: list[Link] = []
    for line in picture.get("lines", []):
        line_id = str(line["line_id"])
        label = _line_label(line)
        url = f"/lines/{line_id}"
        if phone in {n.get("number") for n in line.get("numbers", [])}:
            found.append(
                Link("phone", phone, "deal line", "line", line_id, label,
                     f"{phone} is a number of the {label}, a known deal line", url, (line_id,))
            )  # fmt: skip
        for role, key in (("line holder", "holders"), ("runner", "runners")):
            if phone in {p.get("number") for p in line.get(key, [])}:
                found.append(
                    Link("phone", phone, role, "line", line_id, label,
                         f"{phone} is the number of a {role} of the {label}", url, (line_id,))
                )  # fmt: skip
    for nominal in picture.get("nominals", []):
        if phone in nominal.get("numbers", []):
            nominal_id = str(nominal["nominal_id"])
            lines = tuple(str(r["line_id"]) for r in nominal.get("roles", []) if "line_id" in r)
            label = str(nominal.get("label") or nominal_id)
            victim = " (a possible victim)" if nominal.get("possible_victim") else ""
            found.append(
                Link("phone", phone, "nominal", "nominal", nominal_id, label,
                     f"{phone} is a number of the nominal {label}{victim}",
                     f"/nominals/{nominal_id}", lines)
            )  # fmt: skip
    return found


def brand_links(brand: str, picture: Mapping[str, Any]) -> list[Link]:
    """Links of a deal line's brand as written (``TITAN``) to the picture's lines whose label
    gives that brand (``Titan line``), compared without case."""
    found: list[Link] = []
    wanted = brand.strip().casefold()
    for line in picture.get("lines", []):
        label = _line_label(line)
        if (_brand_of(label) or "").casefold() != wanted:
            continue
        line_id = str(line["line_id"])
        found.append(
            Link("line_brand", brand, "deal line", "line", line_id, label,
                 f"'{brand}' is the brand of the {label}, a known deal line", f"/lines/{line_id}",
                 (line_id,))
        )  # fmt: skip
    return found


def area_links(
    mention_type: str, mention: str, lsoa_code: str, picture: Mapping[str, Any], described: str
) -> list[Link]:
    """Links of a place (postcode or map point) in LSOA ``lsoa_code`` to picture locations there.

    ``described`` names the place in the reason (``postcode CO15 5LA``).
    """
    found: list[Link] = []
    for location in picture.get("locations", []):
        if location.get("lsoa") != lsoa_code:
            continue
        location_id = str(location["location_id"])
        kinds = ", ".join(location.get("kinds", [])) or "location"
        label = str(location.get("label") or location_id)
        lines = tuple(str(i) for i in location.get("line_ids", []))
        area = location.get("lsoa_name") or lsoa_code
        found.append(
            Link(mention_type, mention, "location", "location", location_id, label,
                 f"{described} is in the same area (LSOA {area}) as {label} ({kinds}) "
                 f"of {len(lines)} known line(s)", "/hotspots", lines)
        )  # fmt: skip
    return found


def known_brands_named(text: str, picture: Mapping[str, Any]) -> list[str]:
    """The brands of the picture's lines that ``text`` names as a line without quotation
    marks, as written (``the NITRO line``, ``Nitro deal line``): the public rarely quotes a
    brand, and only a brand already known is looked for, so ``the Central line`` or ``the
    phone line`` is never read as one."""
    named: list[str] = []
    for line in picture.get("lines", []):
        brand = _brand_of(_line_label(line))
        if not brand:
            continue
        pattern = rf"(?<![\w'\"])({re.escape(brand)})\s+(?:deal\s+)?line\b"
        found = re.search(pattern, text, re.IGNORECASE)
        if found:
            named.append(found.group(1))
    return named


def picture_links(
    mentions: Sequence[Mapping[str, Any]],
    where_lsoa: str | None,
    picture: Mapping[str, Any] | None,
    text: str = "",
) -> list[Link]:
    """Every picture link of a report (phones, line brands, quoted or a known one named in
    ``text``; postcodes and the map point by LSOA)."""
    if not picture:
        return []
    found: list[Link] = []
    for phone in mention_values(mentions, "phone"):
        found += phone_links(phone, picture)[:MAX_LINKS_PER_MENTION]
    brands = mention_values(mentions, "line_brand")
    quoted = {b.casefold() for b in brands}
    brands += [b for b in known_brands_named(text, picture) if b.casefold() not in quoted]
    for brand in brands:
        found += brand_links(brand, picture)[:MAX_LINKS_PER_MENTION]
    areas: dict[str, tuple[str, str]] = {}
    for m in mentions:
        if m.get("type") == "postcode" and m.get("lsoa_code") and m.get("value"):
            areas.setdefault(str(m["value"]), ("postcode", str(m["lsoa_code"])))
    for value, (kind, code) in areas.items():
        found += area_links(kind, value, code, picture, f"postcode {value}")[:MAX_LINKS_PER_MENTION]
    if where_lsoa:
        found += area_links("map point", where_lsoa, where_lsoa, picture, "the point on the map")[
            :MAX_LINKS_PER_MENTION
        ]
    return found
