"""LSOA maps: same inputs give the same bytes; legends count right; data text stays text."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pyarrow as pa
import pytest

from countylines.analysis.hotspots import LsoaIndex
from countylines.ingest.geography import adapter_for
from countylines.ingest.runner import import_file
from countylines.products.maps import (
    ESSEX_TOWNS,
    LsoaMap,
    class_breaks,
    lsoa_map_png,
    lsoa_map_svg,
)
from countylines.settings import Settings
from countylines.store.geography import load_geography
from countylines.workspace import Workspace
from tests.conftest import shared

BOUNDARIES = "geography/essex_lsoa11_boundaries_BSC.geojson"


@pytest.fixture(scope="module")
def essex_boundaries(tmp_path_factory: pytest.TempPathFactory) -> Iterator[pa.Table]:
    """The Essex LSOA boundaries as the workspace loader gives them."""
    ws = Workspace.create(
        Settings(workspace=tmp_path_factory.mktemp("maps") / "ws", duckdb_memory_limit="1GB")
    )
    path = shared(BOUNDARIES)
    assert import_file(ws, adapter_for(path), path).outcome == "loaded"
    boundaries = load_geography(ws).boundaries
    assert boundaries is not None
    yield boundaries
    ws.close()


def tendring_map(boundaries: pa.Table, **changes: object) -> LsoaMap:
    """A map of Tendring's LSOAs shaded by a value that is the LSOA's position mod 7."""
    codes = [
        c
        for c, name in zip(
            boundaries["lsoa_code"].to_pylist(), boundaries["lsoa_name"].to_pylist(), strict=True
        )
        if name.startswith("Tendring ")
    ]
    values = pa.table({"lsoa_code": codes, "drug_crimes": [i % 7 for i in range(len(codes))]})
    spec: dict[str, object] = {
        "boundaries": boundaries,
        "values": values,
        "value": "drug_crimes",
        "title": "Drug crimes by LSOA: Tendring",
        "subtitle": "test data",
        "points": pa.table(
            {"latitude": [51.79, 51.85], "longitude": [1.15, 1.26], "line_events": [10, 200]}
        ),
    }
    spec.update(changes)
    return LsoaMap(**spec)  # type: ignore[arg-type]


def comments(svg: str) -> list[str]:
    """The text matplotlib writes beside each drawn string (as XML comments)."""
    return [c.strip() for c in re.findall(r"<!--(.*?)-->", svg, flags=re.S)]


def test_the_same_inputs_give_the_same_bytes(essex_boundaries: pa.Table) -> None:
    spec = tendring_map(essex_boundaries)
    svg = lsoa_map_svg(spec)
    assert svg == lsoa_map_svg(tendring_map(essex_boundaries))
    png = lsoa_map_png(spec, dpi=60)
    assert png == lsoa_map_png(tendring_map(essex_boundaries), dpi=60)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    changed = tendring_map(essex_boundaries, title="Drug crimes by LSOA: Tendring (v2)")
    assert lsoa_map_svg(changed) != svg  # and the bytes do follow the inputs


def test_legend_counts_areas_and_the_list_names_not_codes(essex_boundaries: pa.Table) -> None:
    spec = tendring_map(essex_boundaries)
    svg = lsoa_map_svg(spec)
    ET.fromstring(svg[svg.index("<svg") :])  # well-formed XML
    text = comments(svg)
    # 89 Tendring LSOAs valued i % 7 (89 = 12 x 7 + 5): 0..4 thirteen times each, 5 and 6
    # twelve times. Quantiles of the 76 positive values (inverted CDF) at 0.2, 0.4 ... 1.0 are
    # the 16th, 31st, 46th, 61st and 76th: 2, 3, 4, 5, 6.
    values = [i % 7 for i in range(89)]
    assert [values.count(v) for v in range(7)] == [13, 13, 13, 13, 13, 12, 12]
    classes = class_breaks(values)
    assert classes.uppers == (0, 2, 3, 4, 5, 6)
    assert "0  (13 areas)" in text
    assert "1\u20132  (26 areas)" in text
    assert "6  (12 areas)" in text
    assert "Drug crimes by LSOA: Tendring" in text
    listed = [t for t in text if re.match(r"\d\.\s+Tendring \d{3}[A-Z]:\s+6$", t)]
    assert len(listed) == 5  # five highest, by name, with their value
    assert not any(re.search(r"E0\d{7}", t) for t in text)  # no raw LSOA codes on the map
    assert "10 km" in text or "5 km" in text
    assert "cell site used by a deal line: 200 line events" in text


def test_text_from_the_data_is_escaped_and_not_markup(essex_boundaries: pa.Table) -> None:
    names = essex_boundaries["lsoa_name"].to_pylist()
    hostile = "<script>alert(1)</script> & $x^2$"
    position = names.index(next(n for n in names if n.startswith("Tendring ")))
    names[position] = hostile
    boundaries = essex_boundaries.set_column(
        essex_boundaries.column_names.index("lsoa_name"), "lsoa_name", pa.array(names)
    )
    code = boundaries["lsoa_code"][position].as_py()
    spec = tendring_map(
        boundaries,
        title="Drug crimes <b>& more</b>",
        values=pa.table({"lsoa_code": [code], "drug_crimes": [9]}),
    )
    svg = lsoa_map_svg(spec)
    root = ET.fromstring(svg[svg.index("<svg") :])
    assert root.find("{http://www.w3.org/2000/svg}title").text == "Drug crimes <b>& more</b>"  # type: ignore[union-attr]
    assert "<script" not in svg and "<b>" not in svg
    assert any("alert(1)" in t and "$x^2$" in t for t in comments(svg))  # shown as written


def test_missing_values_have_their_own_legend_entry(essex_boundaries: pa.Table) -> None:
    codes = ["E01021988", "E01021989", "E01021990", "E01021991"]
    spec = tendring_map(
        essex_boundaries,
        values=pa.table({"lsoa_code": codes, "rate": [0.0, 1.25, None, 3.0]}),
        value="rate",
        whole_numbers=False,
        missing_label="no population figure",
        points=None,
    )
    text = comments(lsoa_map_svg(spec))
    assert "no population figure  (1)" in text
    assert "0.0  (1 area)" in text
    assert "0.1\u20131.3  (1 area)" in text and "1.4\u20133.0  (1 area)" in text
    assert not any("cell site" in t for t in text)


def test_class_breaks_worked_by_hand() -> None:
    assert class_breaks([0, 0, 1, 2, 3, 4, 5, 10], classes=2).uppers == (0, 3, 10)
    assert class_breaks([0, 0]).uppers == (0,)
    assert class_breaks([]).labels() == ["0"]
    five = class_breaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    assert five.uppers == (0, 2, 4, 6, 8, 10)
    assert five.labels() == ["0", "1\u20132", "3\u20134", "5\u20136", "7\u20138", "9\u201310"]
    assert [five.of(v) for v in (0, 1, 2, 3, 10, 11)] == [0, 1, 1, 2, 5, 5]
    # 0.04 rounds to 0.0 and sits with the zeros; the median of 0.5, 1.26, 2.0 is 1.26 -> 1.3
    rates = class_breaks([0.04, 0.5, 1.26, 2.0], classes=2, whole_numbers=False)
    assert rates.uppers == (0, 1.3, 2.0)
    assert rates.labels() == ["0.0", "0.1\u20131.3", "1.4\u20132.0"]


def test_nothing_to_draw_is_refused(essex_boundaries: pa.Table) -> None:
    spec = tendring_map(
        essex_boundaries, values=pa.table({"lsoa_code": ["E01999999"], "drug_crimes": [1]})
    )
    with pytest.raises(ValueError, match="none of the area's LSOAs"):
        lsoa_map_svg(spec)
    with pytest.raises(ValueError, match="no column 'robbery'"):
        lsoa_map_svg(tendring_map(essex_boundaries, value="robbery"))


def test_each_town_label_sits_in_its_own_local_authority(essex_boundaries: pa.Table) -> None:
    # the boundary file, read with json, names each LSOA's authority; the towns are placed there
    authority_of = {
        f["properties"]["LSOA11CD"]: f["properties"]["LSOA11NM"].rsplit(" ", 1)[0]
        for f in json.loads(shared(BOUNDARIES).read_text())["features"]
    }
    expected = {
        "Clacton-on-Sea": "Tendring",
        "Jaywick": "Tendring",
        "Harwich": "Tendring",
        "Colchester": "Colchester",
        "Grays": "Thurrock",
        "Canvey Island": "Castle Point",
        "Rayleigh": "Rochford",
        "Witham": "Braintree",
        "Loughton": "Epping Forest",
        "Saffron Walden": "Uttlesford",
    }
    index = LsoaIndex(essex_boundaries)
    codes = index.locate([t.latitude for t in ESSEX_TOWNS], [t.longitude for t in ESSEX_TOWNS])
    found = {t.name: authority_of.get(c or "") for t, c in zip(ESSEX_TOWNS, codes, strict=True)}
    assert all(found[name] == authority for name, authority in expected.items())
    assert all(found[t.name] for t in ESSEX_TOWNS)  # every town lies in some Essex LSOA
