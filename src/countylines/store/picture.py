"""The analysis picture: what ``countylines analyse`` found, stored in the workspace.

``countylines analyse`` writes one *picture* per run to
``<workspace>/analysis/<run_id>/picture.json`` and points
``<workspace>/analysis/latest.json`` at the newest run. Readers (reports, the
web workspace, operations planning) call :func:`load_latest_picture` and never
recompute the analysis themselves, so every view shows the same figures.

Shape of a picture (JSON object; all times ISO 8601 UTC; scores 0-100)::

    {
      "format": "countylines-picture", "version": 1,
      "run_id": "run-20261129T160000Z-1a2b3c",   # sortable, unique
      "made_at": "...",
      "inputs": [{"source_file_id": 3, "kind": "cdr", "path": "...", "sha256": "..."}],
      "settings": {...}, "settings_sha256": "...",
      "data_end": "...",
      "lines": [                          # ranked: priority score, highest first
        {   # every key of LineReport.to_json() (docs/lines.md), plus:
          "label": "Ghost line",          # brand from intelligence, else "line ending 6551"
          "rank": 1,
          "priority": PRIORITY,           # see below
          "intel_urns": ["INT/..."],      # intelligence linked to the line's numbers
          "cells": [{"cell_id": "CLN-0026", "latitude": 51.79, "longitude": 1.15,
                     "events": 812}],     # where the line's numbers were used
          "activity": [{"day": "2023-10-01", "events": 31}]   # per local day
        }
      ],
      "nominals": [                       # people/phones in a role, ranked
        {"nominal_id": "nom-…", "label": "…", "numbers": ["+44…"],
         "roles": [{"line_id": "…", "role": "line holder|runner|cuckooed occupant"}],
         "possible_victim": true|false, "priority": PRIORITY}
      ],
      "locations": [                      # market cells and possible cuckooed addresses
        {"location_id": "loc-…", "label": "…", "cell_id": "…", "latitude": …, "longitude": …,
         "lsoa": "E01…"|null, "kinds": ["cuckooed address"|"market"], "line_ids": [...],
         "priority": PRIORITY}
      ],
      "safeguarding": [                   # possible victims: people and addresses
        {"safeguarding_id": "sg-…", "kind": "person|address", "label": "…",
         "numbers": [...], "cell_id": …, "line_ids": [...],
         "indicators": [{"indicator": "under-18 runner|cuckooing|…",
                         "evidence": "…", "source": "call data|INT/…"}],
         "possible_child": true|false,
         "route": "MASH|NRM|Adult social care", "route_reason": "…",
         "status": "to review"}
      ],
      "hotspots": {...},                  # per-LSOA tables (docs/hotspots.md)
      "gaps": ["…"], "warnings": ["…"]
    }

    PRIORITY = {"score": 0-100, "band": "high|medium|low",
                "harm": 0-100, "likelihood": 0-100, "confidence": 0-100,
                "position": 0-100,
                "contributions": [{"dimension": "harm|likelihood|confidence|position",
                                   "factor": "…", "points": 12.5, "evidence": "…",
                                   "source": "call data|INT/2024/0001|crime 9f2…"}]}
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

PICTURE_FORMAT = "countylines-picture"
PICTURE_VERSION = 1


class PictureError(Exception):
    """A stored picture is missing its run, or is not a countylines picture."""


def analysis_dir(root: Path) -> Path:
    """``<workspace>/analysis``: one folder per run, plus ``latest.json``."""
    return root / "analysis"


def save_picture(root: Path, picture: dict[str, Any]) -> Path:
    """Write ``picture`` as the workspace's newest run; return its file.

    The run folder is written first and ``latest.json`` replaced atomically
    afterwards, so a reader never sees a half-written picture.

    Raises:
        PictureError: if the picture has no ``run_id``.
    """
    run_id = picture.get("run_id")
    if not isinstance(run_id, str) or not run_id:
        raise PictureError("a picture needs a run_id")
    run_dir = analysis_dir(root) / run_id
    run_dir.mkdir(parents=True, exist_ok=True)
    path = run_dir / "picture.json"
    _atomic_write(path, json.dumps(picture, indent=1, sort_keys=True, ensure_ascii=False))
    _atomic_write(analysis_dir(root) / "latest.json", json.dumps({"run_id": run_id}) + "\n")
    return path


def load_picture(root: Path, run_id: str) -> dict[str, Any]:
    """The picture of run ``run_id``.

    Raises:
        PictureError: if there is no such run or the file is not a picture.
    """
    path = analysis_dir(root) / run_id / "picture.json"
    if "/" in run_id or "\\" in run_id or run_id.startswith(".") or not path.is_file():
        raise PictureError(f"no analysis run {run_id!r} in {analysis_dir(root)}")
    picture: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if picture.get("format") != PICTURE_FORMAT:
        raise PictureError(f"{path} is not a countylines picture")
    return picture


def load_latest_picture(root: Path) -> dict[str, Any] | None:
    """The newest picture of the workspace at ``root``, or None before any ``analyse``."""
    pointer = analysis_dir(root) / "latest.json"
    if not pointer.is_file():
        return None
    run_id = json.loads(pointer.read_text(encoding="utf-8"))["run_id"]
    return load_picture(root, run_id)


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
