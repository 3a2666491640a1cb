"""List unlabelled look-alikes in the evaluation set, for a person to review.

A reviewing aid, not a labeller: it prints, text by text, every stretch of text that is *not*
covered by a label of the matching kind but looks like one (a run of 3+ digits, something
shaped like a postcode or a registration, a word from a list of towns, drug or weapon terms,
road words, nickname cues such as "aka" or a quoted word, spelt-out digits). Each printed line
must be a deliberate negative (a time, a price, a crime reference, "white van", a line's
brand...) or a label that was forgotten; the writer decides which, and fixes the source.

Usage::

    .venv/bin/python benchmarks/extraction_eval/audit.py [path/to/eval.jsonl]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

CUES: dict[str, re.Pattern[str]] = {
    "phone": re.compile(
        r"\d{3,}|\b(?:oh|zero|double|treble|triple)\b(?:[\s,]+(?:oh|zero|one|two|three|four|"
        r"five|six|seven|eight|nine|double|treble))+",
        re.IGNORECASE,
    ),
    "postcode": re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE),
    "vrm": re.compile(
        r"\b(?:[A-Z]{2}\d{2}\s?[A-Z]{3}|[A-Z]\d{1,3}\s?[A-Z]{3}|[A-Z]{3}\s?\d{1,3}[A-Z]?)\b",
        re.IGNORECASE,
    ),
    "street": re.compile(
        r"\b\w+\s+(?:road|rd|street|st|avenue|ave|av|lane|close|way|parade|drive|crescent|"
        r"grove|hill|court|gardens|terrace|place)\b",
        re.IGNORECASE,
    ),
    "town": re.compile(
        r"\b(?:clacton|jaywick|colchester|colch|harwich|frinton|walton|holland|osyth|"
        r"brightlingsea|chelmsford|southend|basildon|romford|ilford|croydon|tottenham|hackney|"
        r"stratford|brixton|peckham|lewisham|walthamstow|london|enfield|barking|dagenham|"
        r"leyton|weeley|kirby|witham|leeds|liverpool|greenstead)\b",
        re.IGNORECASE,
    ),
    "drug": re.compile(
        r"\b(?:crack|heroin|cocaine|coke|charlie|white|brown|b|w|rocks?|stones?|food|gear|"
        r"weed|skunk|bud|green|cannabis|ket|ketamine|k|spice|smack|sniff|light|dark|bits|"
        r"pills?|mdma|grass|snow|h|cali|columbian|stuff)\b",
        re.IGNORECASE,
    ),
    "weapon": re.compile(
        r"\b(?:knife|knives|blade|machete|shank|strap|tool|tools|gun|guns|firearm|pistol|"
        r"shotgun|bat|hammer|crossbow|sword|duster|taser|spray|weapon|burner|nank)\w*",
        re.IGNORECASE,
    ),
    "nickname": re.compile(
        r"\b(?:aka|known as|goes by|calls? himself|calls? herself|called)\b\s+\S+|\"[^\"]{1,20}\"",
        re.IGNORECASE,
    ),
}


def covered(mentions: list[dict[str, object]], kind: str, start: int, end: int) -> bool:
    """True if a mention of ``kind`` overlaps ``start:end``."""
    return any(
        m["type"] == kind and int(str(m["start"])) < end and start < int(str(m["end"]))
        for m in mentions
    )


def main(argv: list[str]) -> int:
    """Print ``id  kind  'look-alike'  ...context...`` for every unlabelled look-alike."""
    path = Path(argv[1]) if len(argv) > 1 else HERE / "eval.jsonl"
    found = 0
    for raw in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(raw)
        text, mentions = record["text"], record["mentions"]
        for kind, pattern in CUES.items():
            for match in pattern.finditer(text):
                if covered(mentions, kind, match.start(), match.end()):
                    continue
                found += 1
                context = text[max(0, match.start() - 30) : match.end() + 30].replace("\n", " ")
                print(f"{record['id']}  {kind:9} {match.group()!r:28} ...{context}...")
    print(f"{found} unlabelled look-alike(s) to review")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
