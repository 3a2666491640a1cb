"""Contact analysis: per-number features and the contact graph, as portable SQL steps.

Pure: :func:`contact_steps` returns SQL (DuckDB dialect, run unchanged on
DuckDB and transpiled for Spark) over one input, ``call_events`` (the
canonical table of docs/data-model.md). Run them with
:func:`countylines.engine.run_steps`; then ``number_features`` holds one row
per number and ``contact_pairs`` one row per (number, counterparty).

Features are about *behaviour in the call data*, each named for what it
counts, so that detection can explain itself in an analyst's words:

======================== ===================================================
feature                  meaning
======================== ===================================================
events / events_out/_in  calls and texts made / received
sms_out, sms_in, calls_out, calls_in
counterparties           distinct numbers in contact (either direction)
counterparties_in/_out   distinct numbers that contacted it / it contacted
reciprocated             counterparties contacted in both directions
repeat_inbound           counterparties who contacted it on >= ``repeat_days`` days
repeat_inbound_events    events from those repeat counterparties to it
active_days              distinct UK calendar days with any event
night_events             events 00:00-05:59 UK time
call_seconds, calls      total and count of voice calls (mean = ratio)
call_seconds_in          total seconds of calls it received (mean: / calls_in)
cells, imeis             distinct cells and handsets seen for it
bursts_max_recipients    most recipients of one burst of texts
bulk_texts               bursts of texts to >= ``bulk_min_recipients`` recipients
bulk_recipients_min/max  smallest / largest bulk text
bulk_span_max_s          longest time one bulk text took to send
bulk_recipients          distinct recipients of its bulk texts
bulk_recipients_inbound  of those, how many also contacted it
first_seen, last_seen    first and last event (UTC)
======================== ===================================================

A *burst* is a run of outgoing texts from one number with no gap longer
than ``burst_gap_s`` between consecutive texts. A *dispatch* is a contact a
number makes within ``dispatch_window_s`` after *another* number contacted
it (an order passed on); ``dispatch_pairs`` and ``number_dispatch`` count
them for numbers with ``min_counterparties_in``+ callers, with the share
going to their five main partners. The same event disclosed twice (once in
each party's production) is counted once.
"""

from __future__ import annotations

from dataclasses import dataclass

from countylines.engine.base import SqlStep


@dataclass(frozen=True)
class ContactParams:
    """Parameters of the contact features (documented in config/detection.yaml)."""

    burst_gap_s: int = 60
    bulk_min_recipients: int = 20
    repeat_days: int = 2
    zone: str = "Europe/London"
    dispatch_window_s: int = 900
    min_counterparties_in: int = 8


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def contact_steps(
    params: ContactParams = ContactParams(), deduplicate: bool = True
) -> list[SqlStep]:
    """SQL steps computing ``events``, ``party_events``, ``contact_pairs``,
    ``text_bursts``, ``bulk_recipients``, ``number_features`` and the dispatch tables.

    Input: a table or view ``call_events`` (canonical columns). Output tables
    as described in the module docstring. ``deduplicate=False`` skips merging
    events disclosed twice, for call data from a single production (where no
    event can stand in two files).
    """
    zone = _lit(params.zone)
    p = params
    return [
        SqlStep(
            "events",
            """
            SELECT start_utc, a_number, b_number, kind,
                   max(duration_s) AS duration_s,
                   max(a_cell_id) AS a_cell_id, max(b_cell_id) AS b_cell_id,
                   max(a_imei) AS a_imei, max(b_imei) AS b_imei
            FROM call_events
            WHERE a_number IS NOT NULL AND b_number IS NOT NULL AND a_number <> b_number
            GROUP BY start_utc, a_number, b_number, kind
            """
            if deduplicate
            else """
            SELECT start_utc, a_number, b_number, kind, duration_s,
                   a_cell_id, b_cell_id, a_imei, b_imei
            FROM call_events
            WHERE a_number IS NOT NULL AND b_number IS NOT NULL AND a_number <> b_number
            """,
            materialise=deduplicate,
        ),
        SqlStep(
            "party_events",
            f"""
            SELECT number, counterparty, direction, kind, start_utc,
                   CAST(epoch(start_utc) AS BIGINT) AS epoch_s,
                   CAST(start_utc AT TIME ZONE {zone} AS DATE) AS local_day,
                   hour(start_utc AT TIME ZONE {zone}) AS local_hour,
                   duration_s, cell_id, imei
            FROM (
                SELECT a_number AS number, b_number AS counterparty, 'out' AS direction, kind,
                       start_utc, duration_s, a_cell_id AS cell_id, a_imei AS imei
                FROM events
                UNION ALL
                SELECT b_number AS number, a_number AS counterparty, 'in' AS direction, kind,
                       start_utc, duration_s, b_cell_id AS cell_id, b_imei AS imei
                FROM events
            ) AS sides
            """,
            materialise=True,
        ),
        SqlStep(
            "contact_pairs",
            """
            SELECT number, counterparty,
                   count(*) FILTER (WHERE direction = 'out') AS n_out,
                   count(*) FILTER (WHERE direction = 'in') AS n_in,
                   count(*) FILTER (WHERE direction = 'out' AND kind = 'sms') AS sms_out,
                   count(*) FILTER (WHERE direction = 'in' AND kind = 'sms') AS sms_in,
                   count(*) FILTER (WHERE direction = 'out' AND kind = 'voice') AS calls_out,
                   count(*) FILTER (WHERE direction = 'in' AND kind = 'voice') AS calls_in,
                   count(DISTINCT local_day) FILTER (WHERE direction = 'in') AS days_in,
                   count(DISTINCT local_day) AS days,
                   min(start_utc) AS first_at,
                   max(start_utc) AS last_at
            FROM party_events
            GROUP BY number, counterparty
            """,
            materialise=True,
        ),
        SqlStep(
            "text_burst_rows",
            f"""
            SELECT number, counterparty, epoch_s, start_utc,
                   sum(starts_burst) OVER (
                       PARTITION BY number ORDER BY epoch_s, counterparty
                       ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS burst_no
            FROM (
                SELECT number, counterparty, epoch_s, start_utc,
                       CASE WHEN epoch_s - lag(epoch_s) OVER (
                                PARTITION BY number ORDER BY epoch_s, counterparty)
                                 <= {int(p.burst_gap_s)}
                            THEN 0 ELSE 1 END AS starts_burst
                FROM party_events
                WHERE direction = 'out' AND kind = 'sms'
            ) AS flagged
            """,
            materialise=True,
        ),
        SqlStep(
            "text_bursts",
            """
            SELECT number, burst_no, min(start_utc) AS started_at,
                   max(epoch_s) - min(epoch_s) AS span_s,
                   count(*) AS texts, count(DISTINCT counterparty) AS recipients
            FROM text_burst_rows
            GROUP BY number, burst_no
            """,
            materialise=True,
        ),
        SqlStep(
            "bulk_recipients",
            f"""
            SELECT r.number, r.counterparty, count(*) AS bulk_texts
            FROM text_burst_rows r
            JOIN text_bursts b ON b.number = r.number AND b.burst_no = r.burst_no
            WHERE b.recipients >= {int(p.bulk_min_recipients)}
            GROUP BY r.number, r.counterparty
            """,
            materialise=True,
        ),
        SqlStep(
            "number_features",
            f"""
            WITH per_number AS (
                SELECT number,
                       count(*) AS events,
                       count(*) FILTER (WHERE direction = 'out') AS events_out,
                       count(*) FILTER (WHERE direction = 'in') AS events_in,
                       count(*) FILTER (WHERE direction = 'out' AND kind = 'sms') AS sms_out,
                       count(*) FILTER (WHERE direction = 'in' AND kind = 'sms') AS sms_in,
                       count(*) FILTER (WHERE direction = 'out' AND kind = 'voice') AS calls_out,
                       count(*) FILTER (WHERE direction = 'in' AND kind = 'voice') AS calls_in,
                       count(DISTINCT local_day) AS active_days,
                       count(*) FILTER (WHERE local_hour < 6) AS night_events,
                       coalesce(sum(duration_s) FILTER (WHERE kind = 'voice'), 0) AS call_seconds,
                       count(*) FILTER (WHERE kind = 'voice') AS calls,
                       coalesce(sum(duration_s) FILTER (
                           WHERE kind = 'voice' AND direction = 'in'), 0) AS call_seconds_in,
                       count(DISTINCT cell_id) AS cells,
                       count(DISTINCT imei) AS imeis,
                       min(start_utc) AS first_seen,
                       max(start_utc) AS last_seen
                FROM party_events
                GROUP BY number
            ), per_pair AS (
                SELECT number,
                       count(*) AS counterparties,
                       count(*) FILTER (WHERE n_in > 0) AS counterparties_in,
                       count(*) FILTER (WHERE n_out > 0) AS counterparties_out,
                       count(*) FILTER (WHERE n_in > 0 AND n_out > 0) AS reciprocated,
                       count(*) FILTER (WHERE days_in >= {int(p.repeat_days)}) AS repeat_inbound,
                       coalesce(sum(n_in) FILTER (WHERE days_in >= {int(p.repeat_days)}), 0)
                           AS repeat_inbound_events
                FROM contact_pairs
                GROUP BY number
            ), per_burst AS (
                SELECT number,
                       max(recipients) AS bursts_max_recipients,
                       count(*) FILTER (WHERE recipients >= {int(p.bulk_min_recipients)})
                           AS bulk_texts,
                       min(recipients) FILTER (WHERE recipients >= {int(p.bulk_min_recipients)})
                           AS bulk_recipients_min,
                       max(recipients) FILTER (WHERE recipients >= {int(p.bulk_min_recipients)})
                           AS bulk_recipients_max,
                       max(span_s) FILTER (WHERE recipients >= {int(p.bulk_min_recipients)})
                           AS bulk_span_max_s
                FROM text_bursts
                GROUP BY number
            ), per_bulk AS (
                SELECT b.number,
                       count(*) AS bulk_recipients,
                       count(*) FILTER (WHERE c.n_in > 0) AS bulk_recipients_inbound
                FROM bulk_recipients b
                JOIN contact_pairs c ON c.number = b.number AND c.counterparty = b.counterparty
                GROUP BY b.number
            )
            SELECT n.number, n.events, n.events_out, n.events_in, n.sms_out, n.sms_in,
                   n.calls_out, n.calls_in, p.counterparties, p.counterparties_in,
                   p.counterparties_out, p.reciprocated, p.repeat_inbound,
                   p.repeat_inbound_events, n.active_days, n.night_events, n.call_seconds,
                   n.calls, n.call_seconds_in, n.cells, n.imeis,
                   coalesce(b.bursts_max_recipients, 0) AS bursts_max_recipients,
                   coalesce(b.bulk_texts, 0) AS bulk_texts,
                   b.bulk_recipients_min, b.bulk_recipients_max, b.bulk_span_max_s,
                   coalesce(k.bulk_recipients, 0) AS bulk_recipients,
                   coalesce(k.bulk_recipients_inbound, 0) AS bulk_recipients_inbound,
                   n.first_seen, n.last_seen
            FROM per_number n
            JOIN per_pair p ON p.number = n.number
            LEFT JOIN per_burst b ON b.number = n.number
            LEFT JOIN per_bulk k ON k.number = n.number
            """,
            materialise=True,
        ),
        SqlStep(
            "dispatch_pairs",
            f"""
            SELECT number, counterparty, count(*) AS dispatches,
                   count(DISTINCT local_day) AS dispatch_days
            FROM (
                SELECT number, counterparty, direction, epoch_s, local_day,
                       last_value(CASE WHEN direction = 'in' THEN epoch_s END IGNORE NULLS)
                           OVER (PARTITION BY number ORDER BY epoch_s, counterparty
                                 ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS last_in,
                       last_value(CASE WHEN direction = 'in' THEN counterparty END IGNORE NULLS)
                           OVER (PARTITION BY number ORDER BY epoch_s, counterparty
                                 ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS last_in_from
                FROM party_events
                WHERE number IN (
                    SELECT number FROM number_features
                    WHERE counterparties_in >= {int(p.min_counterparties_in)})
            ) AS ordered_events
            WHERE direction = 'out' AND epoch_s - last_in <= {int(p.dispatch_window_s)}
              AND last_in_from <> counterparty
            GROUP BY number, counterparty
            """,
            materialise=True,
        ),
        SqlStep(
            "number_dispatch",
            """
            SELECT number, sum(dispatches) AS dispatches,
                   sum(CASE WHEN partner_rank <= 5 THEN dispatches ELSE 0 END)
                       AS dispatches_top5
            FROM (
                SELECT number, dispatches,
                       row_number() OVER (
                           PARTITION BY number ORDER BY dispatches DESC, counterparty)
                           AS partner_rank
                FROM dispatch_pairs
            ) AS ranked
            GROUP BY number
            """,
        ),
    ]
