"""Contact features on a hand-worked example, and the same features on DuckDB and Spark."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pyarrow as pa
import pytest

from countylines.analysis.contacts import ContactParams, contact_steps
from countylines.engine import Engine, run_steps
from countylines.engine.duckdb_engine import DuckDBEngine

UTC = dt.UTC
PARAMS = ContactParams(burst_gap_s=60, bulk_min_recipients=3, repeat_days=2)
COLUMNS = [
    "start_utc",
    "a_number",
    "b_number",
    "kind",
    "duration_s",
    "a_cell_id",
    "a_imei",
    "b_cell_id",
    "b_imei",
]


def t(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=UTC)


# D is a deal line, C1-C3 its customers, R a runner, F a friend of C3 and R.
ROWS = [
    (t("2024-01-10 10:00:00"), "C1", "D", "sms", None, "c1cell", None, "dcell", "imeiD1"),
    (t("2024-01-10 10:05:00"), "D", "C1", "voice", 30, "dcell", "imeiD1", None, None),
    (t("2024-01-11 11:00:00"), "C1", "D", "voice", 20, None, None, "dcell", "imeiD1"),
    # the same call disclosed again in C1's production, with C1's cell: counted once
    (t("2024-01-11 11:00:00"), "C1", "D", "voice", 20, "c1cell", "imeiC1", None, None),
    (t("2024-01-10 12:00:00"), "C2", "D", "sms", None, None, None, "dcell", "imeiD1"),
    # a bulk text: three recipients within 30 seconds, then a lone text 270 s later
    (t("2024-01-12 09:00:00"), "D", "C1", "sms", None, "dcell", "imeiD2", None, None),
    (t("2024-01-12 09:00:10"), "D", "C2", "sms", None, "dcell", "imeiD2", None, None),
    (t("2024-01-12 09:00:30"), "D", "C3", "sms", None, "dcell2", "imeiD2", None, None),
    (t("2024-01-12 09:05:00"), "D", "C1", "sms", None, "dcell2", "imeiD2", None, None),
    (t("2024-01-12 03:00:00"), "R", "D", "voice", 60, "rcell", "imeiR", "dcell", "imeiD2"),
    (t("2024-01-13 13:00:00"), "C3", "F", "sms", None, "c3cell", None, None, None),
    # 23:30 UTC on 1 June is 00:30 on 2 June in London (BST): a night event on a new day
    (t("2024-06-01 23:30:00"), "R", "F", "voice", 5, "rcell", "imeiR", None, None),
    # withheld counterparty: no contact to count
    (t("2024-01-12 10:00:00"), "D", None, "voice", 10, "dcell", "imeiD2", None, None),
]


def call_events() -> pa.Table:
    columns = list(zip(*ROWS, strict=True))
    types = [pa.timestamp("us", tz="UTC"), pa.string(), pa.string(), pa.string(), pa.int32()] + [
        pa.string()
    ] * 4
    return pa.table(
        {name: pa.array(col, typ) for name, col, typ in zip(COLUMNS, columns, types, strict=True)}
    )


def features(engine: Engine) -> dict[str, dict[str, Any]]:
    engine.register_arrow("call_events", call_events())
    run_steps(engine, contact_steps(PARAMS))
    rows = engine.query("SELECT * FROM number_features ORDER BY number").to_pylist()
    return {r["number"]: r for r in rows}


def test_hand_worked_deal_line_features(duck: DuckDBEngine) -> None:
    d = features(duck)["D"]
    assert (d["events"], d["events_out"], d["events_in"]) == (9, 5, 4)
    assert (d["sms_out"], d["sms_in"], d["calls_out"], d["calls_in"]) == (4, 2, 1, 2)
    assert (d["counterparties"], d["counterparties_in"], d["counterparties_out"]) == (4, 3, 3)
    assert d["reciprocated"] == 2  # C1 and C2
    assert d["repeat_inbound"] == 1  # C1, on 10 and 11 January
    assert d["active_days"] == 3
    assert d["night_events"] == 1  # R's call at 03:00
    assert (d["call_seconds"], d["calls"]) == (110, 3)
    assert (d["cells"], d["imeis"]) == (2, 2)
    assert (d["bursts_max_recipients"], d["bulk_texts"]) == (3, 1)
    assert (d["bulk_recipients_min"], d["bulk_recipients_max"], d["bulk_span_max_s"]) == (3, 3, 30)
    assert (d["bulk_recipients"], d["bulk_recipients_inbound"]) == (3, 2)  # C3 never ordered
    assert d["first_seen"] == t("2024-01-10 10:00:00")
    assert d["last_seen"] == t("2024-01-12 09:05:00")


def test_uk_local_time_for_days_and_night(duck: DuckDBEngine) -> None:
    r = features(duck)["R"]
    assert (r["events"], r["night_events"], r["active_days"]) == (2, 2, 2)
    assert r["bulk_texts"] == 0 and r["bulk_recipients_min"] is None


def test_bursts_split_on_gaps(duck: DuckDBEngine) -> None:
    features(duck)
    bursts = duck.query(
        "SELECT burst_no, recipients, texts, span_s FROM text_bursts WHERE number = 'D' ORDER BY burst_no"
    ).to_pylist()
    assert bursts == [
        {"burst_no": 1, "recipients": 3, "texts": 3, "span_s": 30},
        {"burst_no": 2, "recipients": 1, "texts": 1, "span_s": 0},
    ]


@pytest.mark.spark
def test_duckdb_and_spark_give_identical_features(duck: DuckDBEngine, spark_session: Any) -> None:
    from countylines.engine.spark_engine import SparkEngine

    on_duckdb = features(duck)
    on_spark = features(SparkEngine(spark_session))
    assert on_spark == on_duckdb
    for table in ("contact_pairs", "text_bursts"):
        order = "number, counterparty" if table == "contact_pairs" else "number, burst_no"
        sql = f"SELECT * FROM {table} ORDER BY {order}"
        assert SparkEngine(spark_session).query(sql).to_pylist() == duck.query(sql).to_pylist()
