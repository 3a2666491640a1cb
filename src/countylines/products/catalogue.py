"""Products in the workspace: one folder each, with a manifest recording how it was made.

``<workspace>/products/<product_id>/`` holds the product's files (HTML, PDF)
and ``manifest.json``::

    {"format": "countylines-product", "version": 1,
     "product_id": "pp-…", "kind": "problem-profile|line-profile", "title": "…",
     "made_at": "…",            # when the files were written (the only field that varies)
     "run_id": "…",             # the analysis run (picture) it was made from
     "parameters": {...},       # area, period, line id
     "inputs": [...],           # every imported file with its SHA-256 (from the picture)
     "settings": {...}, "settings_sha256": "…",
     "software": "countylines 0.x", "handling_code": "…",
     "files": [{"name": "problem-profile.html", "media_type": "text/html", "sha256": "…"}]}

The product's own files carry no time of making: re-made from the same
inputs and settings they are byte-identical (``countylines report remake``).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

PRODUCT_FORMAT = "countylines-product"


class ProductError(Exception):
    """A product folder is missing or has no valid manifest."""


def products_dir(root: Path) -> Path:
    """``<workspace>/products``."""
    return root / "products"


def sha256_bytes(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def write_product(
    root: Path, manifest: dict[str, Any], files: dict[str, tuple[str, bytes]]
) -> Path:
    """Write a product's files and its manifest; return the product folder.

    Args:
        root: the workspace root.
        manifest: the manifest without ``files`` (added here) and with ``product_id``.
        files: file name -> (media type, content).
    """
    folder = products_dir(root) / str(manifest["product_id"])
    folder.mkdir(parents=True, exist_ok=True)
    listed = []
    for name, (media_type, content) in sorted(files.items()):
        tmp = folder / (name + ".tmp")
        tmp.write_bytes(content)
        os.replace(tmp, folder / name)
        listed.append({"name": name, "media_type": media_type, "sha256": sha256_bytes(content)})
    data = {"format": PRODUCT_FORMAT, "version": 1, **manifest, "files": listed}
    tmp = folder / "manifest.json.tmp"
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False), "utf-8")
    os.replace(tmp, folder / "manifest.json")
    return folder


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of the product in ``folder``.

    Raises:
        ProductError: if there is none or it is not a countylines product.
    """
    path = folder / "manifest.json"
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ProductError(f"{path}: no readable product manifest ({exc})") from exc
    if data.get("format") != PRODUCT_FORMAT:
        raise ProductError(f"{path}: not a countylines product manifest")
    return data


def list_products(root: Path) -> list[dict[str, Any]]:
    """Every product's manifest (plus ``path``), newest first."""
    found = []
    base = products_dir(root)
    if not base.is_dir():
        return []
    for folder in base.iterdir():
        if not folder.is_dir():
            continue
        try:
            manifest = read_manifest(folder)
        except ProductError:
            continue
        manifest["path"] = str(folder)
        found.append(manifest)
    found.sort(key=lambda m: (str(m.get("made_at", "")), str(m["product_id"])), reverse=True)
    return found
