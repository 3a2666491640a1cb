"""Networks kept in the workspace, and the workspace's own call graph.

Layout: ``<workspace>/networks/<NAME>/network.json`` holds one network (its
nodes, weighted ties, whether directed, and where it came from: file name,
SHA-256, phase, when imported). The folder listing is the index. Files are
written whole to a temporary name, then renamed, so a network is never half
written. The name ``calls`` is reserved: it means the graph of the
workspace's call data (one directed tie per caller -> called pair, weighted
by the number of calls and texts).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from countylines.analysis.network.graphs import Network, from_edges
from countylines.store.evidence import register_views
from countylines.workspace import Workspace

CALLS = "calls"
NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


class NetworkStoreError(Exception):
    """A network name that is invalid, taken or unknown."""


@dataclass(frozen=True)
class StoredNetwork:
    """A network's record in the workspace (without its ties)."""

    name: str
    nodes: int
    edges: int
    directed: bool
    weighted: bool
    source_file: str
    sha256: str
    phase: int | None
    imported_at: str


def _folder(ws: Workspace) -> Path:
    return ws.root / "networks"


def check_name(name: str) -> str:
    """``name`` if it can name a stored network."""
    if name == CALLS:
        raise NetworkStoreError(f"{CALLS!r} is reserved for the workspace's call graph")
    if not NAME_PATTERN.fullmatch(name):
        raise NetworkStoreError(
            f"network name {name!r}: use up to 64 letters, digits, '.', '_' or '-'"
        )
    return name


def save_network(
    ws: Workspace,
    name: str,
    network: Network,
    source: Path,
    phase: int | None = None,
    replace: bool = False,
) -> StoredNetwork:
    """Store ``network`` as ``name``; an existing name needs ``replace``."""
    folder = _folder(ws) / check_name(name)
    target = folder / "network.json"
    if target.exists() and not replace:
        raise NetworkStoreError(f"a network named {name!r} exists (--replace to overwrite it)")
    g = network.graph
    record = StoredNetwork(
        name=name,
        nodes=g.vcount(),
        edges=g.ecount(),
        directed=network.directed,
        weighted=network.weighted,
        source_file=source.name,
        sha256=hashlib.sha256(source.read_bytes()).hexdigest(),
        phase=phase,
        imported_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    names = network.names
    data: dict[str, Any] = {
        **record.__dict__,
        "node_names": names,
        "ties": [[names[e.source], names[e.target], e["weight"]] for e in g.es],
    }
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / "network.json.partial"
    partial.write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")
    partial.replace(target)
    return record


def _read(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _record(data: dict[str, Any]) -> StoredNetwork:
    fields = StoredNetwork.__dataclass_fields__
    return StoredNetwork(**{k: data[k] for k in fields})


def list_networks(ws: Workspace) -> list[StoredNetwork]:
    """Every stored network, by name."""
    folder = _folder(ws)
    if not folder.exists():
        return []
    return [_record(_read(p)) for p in sorted(folder.glob("*/network.json"))]


def load_network(ws: Workspace, name: str) -> Network:
    """The stored network ``name``, or the call graph for ``calls``.

    Raises:
        NetworkStoreError: no such network (or no call data for ``calls``).
    """
    if name == CALLS:
        return call_graph(ws)
    path = _folder(ws) / check_name(name) / "network.json"
    if not path.exists():
        known = ", ".join(n.name for n in list_networks(ws)) or "none"
        raise NetworkStoreError(f"no network named {name!r} (stored: {known})")
    data = _read(path)
    ties = [(str(s), str(t), float(w)) for s, t, w in data["ties"]]
    network = from_edges(ties, directed=bool(data["directed"]), nodes=data["node_names"])
    return Network(network.graph, network.directed, bool(data["weighted"]))


CALL_TIES_SQL = """
    SELECT a_number AS source, b_number AS target, count(*) AS weight
    FROM call_events
    WHERE a_number IS NOT NULL AND b_number IS NOT NULL AND a_number <> b_number
    GROUP BY a_number, b_number
    ORDER BY a_number, b_number
"""


def call_graph(ws: Workspace) -> Network:
    """The directed call graph of the workspace (caller -> called, weight = events)."""
    with ws.duckdb() as con:
        if "call_events" not in register_views(ws, con):
            raise NetworkStoreError("no call data in the workspace: `countylines ingest cdr` first")
        rows = con.execute(CALL_TIES_SQL).fetchall()
    return from_edges(((str(s), str(t), float(w)) for s, t, w in rows), directed=True)
