"""The sandbox history the after-sales screens rely on (issue 10): goods issues in the document
flow, block reason texts, and the showcase orders 7105 (50 items in every stage) and 7106
(delivery block) that the README names."""

from __future__ import annotations

import datetime as dt

from tests.conftest import TODAY


def read(conn, table, fields, where):
    res = conn.call("RFC_READ_TABLE", QUERY_TABLE=table, DELIMITER="|",
                    FIELDS=[{"FIELDNAME": f} for f in fields], OPTIONS=[{"TEXT": where}])
    return [dict(zip(fields, (v.strip() for v in r["WA"].split("|")))) for r in res["DATA"]]


def flow_of(conn, vbeln):
    return conn.call("BAPISDORDER_GETDETAILEDLIST", I_BAPI_VIEW={"FLOW": "X"},
                     SALES_DOCUMENTS=[{"VBELN": vbeln}])["ORDER_FLOWS_OUT"]


def test_a_goods_issue_is_a_goods_movement_in_the_flow_dated_like_likp(conn):
    flow = flow_of(conn, "0000005007")
    deliveries = sorted({f["SUBSSDDOC"] for f in flow if f["DOCCATEGOR"] == "J"})
    moves = [f for f in flow if f["DOCCATEGOR"] == "R"]
    assert {f["PRECSDDOC"] for f in moves} == {deliveries[0]}  # only the shipped delivery
    assert all(f["SUBSSDDOC"].startswith("49") and f["DOC_CAT_SD"] == "J" for f in moves)
    (likp,) = read(conn, "LIKP", ("VBELN", "WADAT_IST"), f"VBELN = '{deliveries[0]}'")
    assert {f["CREAT_DATE"] for f in moves} == {likp["WADAT_IST"]}


def test_block_reason_texts_in_both_languages(conn):
    rows = read(conn, "TVLST", ("SPRAS", "LIFSP", "VTEXT"), "LIFSP = '02'")
    assert {(r["SPRAS"], r["VTEXT"]) for r in rows} == {("E", "Export papers missing"),
                                                         ("D", "Exportpapiere fehlen")}
    assert len(read(conn, "TVFST", ("FAKSP", "VTEXT"), "SPRAS = 'E'")) == 2


def test_order_7106_has_a_delivery_block_and_nothing_delivered(conn):
    (h,) = read(conn, "VBAK", ("VBELN", "KUNNR", "BSTNK", "LIFSK", "LFGSK"), "VBELN = '0000007106'")
    assert (h["KUNNR"], h["BSTNK"], h["LIFSK"], h["LFGSK"]) == ("0000010150", "ML-55120", "02", "A")
    assert not [f for f in flow_of(conn, "0000007106") if f["DOCCATEGOR"] == "J"]


def test_order_7105_has_50_items_in_every_stage(conn):
    res = conn.call("BAPISDORDER_GETDETAILEDLIST",
                    I_BAPI_VIEW={"HEADER": "X", "ITEM": "X", "STATUS_I": "X", "FLOW": "X", "SDSCHEDULE": "X"},
                    SALES_DOCUMENTS=[{"VBELN": "0000007105"}])
    (h,) = res["ORDER_HEADERS_OUT"]
    assert h["SOLD_TO"] == "0000010140" and h["PURCH_NO"] == "ATLAS-MRO-2026-Q4"
    assert len(res["ORDER_ITEMS_OUT"]) == 50
    stages = [(s["DLV_STAT_I"], s["BILLSTATIT"]) for s in res["ORDER_STATUSITEMS_OUT"]]
    assert stages.count(("C", "C")) == 30 and stages.count(("B", "A")) == 15 and stages.count(("A", "A")) == 5
    flow = res["ORDER_FLOWS_OUT"]
    assert len({f["SUBSSDDOC"] for f in flow if f["DOCCATEGOR"] == "J"}) == 2
    assert len({f["SUBSSDDOC"] for f in flow if f["DOCCATEGOR"] == "M"}) == 1
    later = [s for s in res["ORDER_SCHEDULES_OUT"] if s["REQ_DATE"] == (TODAY + dt.timedelta(days=12)).strftime("%Y%m%d")]
    assert len(later) == 2 and all(s["CONFIR_QTY"] > 0 for s in later)
