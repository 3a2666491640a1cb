"""Make, store and re-make the NIM products from the workspace's latest picture.

A product is made from one analysis run (picture); its manifest records the
run, the parameters, every input file's SHA-256 and the full settings.
:func:`remake` re-runs the analysis from the recorded settings (refusing if
the workspace's inputs differ from the recorded ones), renders again and
compares every file byte for byte.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from countylines.analysis.hotspots import AreaNotFound
from countylines.pipeline import hotspots_step
from countylines.pipeline.analyse import AnalyseOptions, analyse, recorded_inputs
from countylines.products import profiles
from countylines.products.catalogue import read_manifest, sha256_bytes, write_product
from countylines.store.picture import PictureError, load_latest_picture, load_picture
from countylines.workspace import Workspace


class ReportError(Exception):
    """A product cannot be made or re-made (reason in the message)."""


@dataclass(frozen=True)
class MadeProduct:
    """A product written: its folder in the workspace, its manifest, and any copy."""

    folder: Path
    manifest: dict[str, Any]
    copied_to: Path | None


def _picture(ws: Workspace, run_id: str | None) -> dict[str, Any]:
    try:
        picture = load_picture(ws.root, run_id) if run_id else load_latest_picture(ws.root)
    except PictureError as exc:
        raise ReportError(str(exc)) from exc
    if picture is None:
        raise ReportError("no analysis in the workspace: run `countylines analyse` first")
    return picture


def problem_profile(
    ws: Workspace,
    *,
    area: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    out: Path | None = None,
    run_id: str | None = None,
) -> MadeProduct:
    """Write the problem profile (HTML and PDF) for an area and period.

    Raises:
        ReportError: no analysis yet, an unknown area, or an empty period.
    """
    manifest, files = render_problem_profile(ws, _picture(ws, run_id), area, start, end)
    return _store(ws, manifest, files, out)


def render_problem_profile(
    ws: Workspace,
    picture: dict[str, Any],
    area: str | None,
    start: dt.date | None,
    end: dt.date | None,
) -> tuple[dict[str, Any], dict[str, tuple[str, bytes]]]:
    """The problem profile's manifest and files (not yet written).

    Raises:
        ReportError: an unknown area, or a period that ends before it starts.
    """
    if start and end and start > end:
        raise ReportError(f"--from {start} is after --to {end}")
    lsoas = None
    if area is not None:
        try:
            lsoas = hotspots_step.area_lsoas(ws, area)
        except AreaNotFound as exc:
            raise ReportError(str(exc)) from exc
    scope = profiles.Scope(area, lsoas, start, end)
    map_svg, map_note, rows = hotspots_step.product_parts(ws, picture, scope)
    view = profiles.problem_profile_view(picture, scope, map_svg, rows, map_note)
    parameters = {
        "area": area,
        "from": start.isoformat() if start else None,
        "to": end.isoformat() if end else None,
    }
    return _render(
        picture, "problem-profile", view["title"], parameters, "problem_profile.html", view
    )


def line_profile(
    ws: Workspace, line_id: str, *, out: Path | None = None, run_id: str | None = None
) -> MadeProduct:
    """Write the line profile (HTML and PDF) of one line.

    Raises:
        ReportError: no analysis yet, or no such line.
    """
    manifest, files = render_line_profile(_picture(ws, run_id), line_id)
    return _store(ws, manifest, files, out)


def render_line_profile(
    picture: dict[str, Any], line_id: str
) -> tuple[dict[str, Any], dict[str, tuple[str, bytes]]]:
    """The line profile's manifest and files (not yet written).

    Raises:
        ReportError: no such line in the picture.
    """
    try:
        view = profiles.line_profile_view(picture, line_id)
    except profiles.ProfileError as exc:
        raise ReportError(str(exc)) from exc
    return _render(
        picture, "line-profile", view["title"], {"line_id": line_id}, "line_profile.html", view
    )


def _render(
    picture: dict[str, Any],
    kind: str,
    title: str,
    parameters: dict[str, Any],
    template: str,
    view: dict[str, Any],
) -> tuple[dict[str, Any], dict[str, tuple[str, bytes]]]:
    html = profiles.render_html(template, view)
    pdf = profiles.render_pdf(html)
    pid = profiles.product_id(kind, picture["run_id"], parameters)
    manifest = {
        "product_id": pid,
        "kind": kind,
        "title": title,
        "made_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "run_id": picture["run_id"],
        "run_made_at": picture["made_at"],
        "parameters": parameters,
        "inputs": picture["inputs"],
        "settings": picture["settings"],
        "settings_sha256": picture["settings_sha256"],
        "software": picture.get("software"),
        "marking": profiles.MARKING,
        "handling_code": _strictest_handling(picture),
        "handling_conditions": _conditions(picture),
    }
    files = {
        f"{kind}.html": ("text/html", html.encode("utf-8")),
        f"{kind}.pdf": ("application/pdf", pdf),
    }
    return manifest, files


def _store(
    ws: Workspace,
    manifest: dict[str, Any],
    files: dict[str, tuple[str, bytes]],
    out: Path | None,
) -> MadeProduct:
    folder = write_product(ws.root, manifest, files)
    copied = None
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        for name in [*files, "manifest.json"]:
            shutil.copyfile(folder / name, out / name)
        copied = out
    return MadeProduct(folder, read_manifest(folder), copied)


def _conditions(picture: dict[str, Any]) -> str | None:
    """The handling conditions of the product's intelligence, joined (None when there are none)."""
    found = sorted(
        {
            str(item["handling_conditions"])
            for line in picture.get("lines", [])
            for item in line.get("intel", [])
            if item.get("handling_conditions")
        }
    )
    if not found:
        return None
    return "carries intelligence with these conditions: " + "; ".join(found)


def _strictest_handling(picture: dict[str, Any]) -> str:
    """ "C" when any linked report is 3x5x2 C or 5x5x5 2-5, else "P"."""
    for line in picture.get("lines", []):
        for item in line.get("intel", []):
            if item["scheme"] == "3x5x2" and item["handling_code"] == "C":
                return "C"
            if item["scheme"] == "5x5x5" and item["handling_code"] != "1":
                return "C"
    return "P"


@dataclass(frozen=True)
class Remade:
    """The outcome of a re-make: each file's recorded and new SHA-256."""

    product_id: str
    files: list[dict[str, Any]]

    @property
    def identical(self) -> bool:
        """Every file is byte-identical to the recorded one."""
        return all(f["recorded"] == f["remade"] for f in self.files)


def remake(ws: Workspace, folder: Path) -> Remade:
    """Re-make the product in ``folder`` from its recorded inputs and settings.

    The analysis is run again (not read back) with the recorded settings,
    run id and time, in a scratch copy of the picture store, then the product
    is rendered again and compared file by file.

    Raises:
        ReportError: if the workspace's imported files differ from the
            recorded inputs (names the differences), or the manifest is bad.
    """
    manifest = read_manifest(folder)
    current = recorded_inputs(ws)
    now = {i["sha256"] for i in current}
    recorded = {i["sha256"] for i in manifest["inputs"]}
    if now != recorded:
        missing = [i for i in manifest["inputs"] if i["sha256"] in recorded - now]
        extra = [i for i in current if i["sha256"] in now - recorded]

        def named(items: list[dict[str, Any]]) -> str:
            shown = [f"import {i['source_file_id']} {i['file_name']}" for i in items[:5]]
            return ", ".join(shown) + (f" and {len(items) - 5} more" if len(items) > 5 else "")

        raise ReportError(
            "the workspace's inputs differ from the product's, so it cannot be re-made "
            f"identically: {len(missing)} recorded file(s) missing"
            + (f" ({named(missing)})" if missing else "")
            + f", {len(extra)} file(s) imported since"
            + (f" ({named(extra)})" if extra else "")
            + ". Re-make it in a workspace holding exactly its inputs (the manifest lists "
            "them), or withdraw the later imports (`countylines imports remove N`)"
        )
    with tempfile.TemporaryDirectory() as tmp:
        det = Path(tmp) / "detection.yaml"
        pri = Path(tmp) / "priority.yaml"
        det.write_text(json.dumps(manifest["settings"]["detection"]), "utf-8")
        pri.write_text(json.dumps(manifest["settings"]["priority"]), "utf-8")
        picture = analyse(
            ws,
            AnalyseOptions(
                detection_file=det,
                priority_file=pri,
                made_at=dt.datetime.fromisoformat(manifest["run_made_at"]),
                run_id=manifest["run_id"],
                settings_sources=manifest["settings"].get("sources"),
                save=False,
            ),
        )
    params = manifest["parameters"]
    if manifest["kind"] == "problem-profile":
        _, files = render_problem_profile(
            ws,
            picture,
            params.get("area"),
            dt.date.fromisoformat(params["from"]) if params.get("from") else None,
            dt.date.fromisoformat(params["to"]) if params.get("to") else None,
        )
    else:
        _, files = render_line_profile(picture, params["line_id"])
    compared = [
        {
            "name": f["name"],
            "recorded": f["sha256"],
            "remade": sha256_bytes(files[f["name"]][1]) if f["name"] in files else None,
        }
        for f in manifest["files"]
    ]
    return Remade(manifest["product_id"], compared)
