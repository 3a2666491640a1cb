"""A street in a report against addresses held in intelligence."""

from __future__ import annotations

from pathlib import Path

import pytest

from countylines.extract import extract
from countylines.ingest.intel import IntelAdapter
from countylines.ingest.runner import import_file
from countylines.public.addresses import compare, house_number_before, street_pattern
from countylines.public.triage import intel_links
from countylines.workspace import Workspace


@pytest.mark.parametrize(
    ("number", "postcodes", "address", "same", "agreed"),
    [
        ("24", frozenset({"CO15 1YJ"}), "Flat 4, 24 Church Rd, Clacton", True, ("24", None)),
        ("24", frozenset({"CO15 1YJ"}), "97 Church Road, CO15 1DT", False, (None, None)),
        ("24", frozenset(), "24 church road co15 1yj", True, ("24", None)),
        (None, frozenset({"CO15 1YJ"}), "24 Church Road, CO15 1YJ", True, (None, "CO15 1YJ")),
        (None, frozenset(), "Church Road, Clacton", True, (None, None)),  # the street only
        ("24", frozenset(), "24 Church Lane", False, (None, None)),  # another street
        ("24", frozenset(), "24 Churchill Road", False, (None, None)),
    ],
)
def test_a_street_with_its_number_and_postcode(
    number: str | None,
    postcodes: frozenset[str],
    address: str,
    same: bool,
    agreed: tuple[str | None, str | None],
) -> None:
    got = compare("Church Road", number, postcodes, address)
    assert got.same is same
    if same:
        assert (got.number, got.postcode) == agreed


def test_the_house_number_written_before_a_street() -> None:
    text = "people in and out of number 24 church rd all night, and 7a Pier Ave"
    assert house_number_before(text, text.index("church")) == "24"
    assert house_number_before(text, text.index("Pier")) == "7A"
    assert house_number_before("flats on church rd", 9) is None
    assert street_pattern("Pier") is None  # no street word: nothing to compare


def _links_of(
    tmp_path: Path, workspace: Workspace, intelligence: list[tuple[str, str]], text: str, kind: str
) -> dict[str, str]:
    """Load intelligence reports (URN, text), then link a public report's ``kind`` mentions."""
    rows = "".join(f'{urn},2023-07-01,"{said}",3x5x2,2,B,P\n' for urn, said in intelligence)
    csv = tmp_path / "intel.csv"
    csv.write_text(
        "urn,date,text,grading_scheme,source_grade,intelligence_grade,handling_code\n" + rows,
        encoding="utf-8",
    )
    assert import_file(workspace, IntelAdapter(), csv).outcome == "loaded"
    mentions = [{**m.to_json(), "field": "what"} for m in extract(text)]
    with workspace.session() as session:
        links = intel_links(session, mentions, {"what": text})
    return {link.target_id: link.reason for link in links if link.mention_type == kind}


def test_triage_links_an_address_written_only_in_intelligence_text(
    tmp_path: Path, workspace: Workspace
) -> None:
    by_urn = _links_of(
        tmp_path,
        workspace,
        [
            ("T/1", "Flat 4 24 Church Rd Clacton: poss cuckooing by the Ghost line"),
            ("T/2", "Dealing seen outside 97 Church Road Clacton"),
            ("T/3", "Youths on Church Road most evenings"),
        ],
        "people coming and going all hours at number 24 church rd, she is vulnerable",
        "street",
    )
    assert set(by_urn) == {"T/1"}  # 97 is another house; T/3 names the street only
    assert "same number 24" in by_urn["T/1"]


def test_a_missing_child_named_with_an_age_links_to_intelligence(
    tmp_path: Path, workspace: Workspace
) -> None:
    by_urn = _links_of(
        tmp_path,
        workspace,
        [
            ("M/1", "MFH: Daniel HARRISON, 13, from Barnet, running for the line"),
            ("M/2", "Jordan (13) seen in Jaywick"),
            ("M/3", "Daniel SMITH, 31, arrested on 13/07"),
        ],
        "my son's friend daniel has been missing from barnet, he is only 13",
        "age",
    )
    assert set(by_urn) == {"M/1"}  # Jordan is another child; Daniel SMITH is 31
    assert by_urn["M/1"].startswith("M/1 names Daniel, 13: the same child?")
