"""Sandbox SAP system: start-up cost, per-call own time (p50/p95) and peak memory.

Prints figures; asserts nothing. Run:  python bench/sandbox_bench.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import textwrap
import time

import benchlib

FRESH = textwrap.dedent("""
    import json, time
    t0 = time.perf_counter()
    from ordertui.sap.sandbox import connect
    t1 = time.perf_counter()
    c = connect(user="orderdesk", passwd="x")
    c.call("RFC_SYSTEM_INFO")
    t2 = time.perf_counter()
    c.call("RFC_READ_TABLE", QUERY_TABLE="KNA1", DELIMITER="|",
           FIELDS=[{"FIELDNAME": "KUNNR"}, {"FIELDNAME": "NAME1"}],
           OPTIONS=[{"TEXT": "KUNNR = '0000010023'"}])
    t3 = time.perf_counter()
    c.call("BAPI_MATERIAL_GETLIST", MAXROWS=10, MATNRSELECTION=[
        {"SIGN": "I", "OPTION": "EQ", "MATNR_LOW": "HB-38-100", "MATNR_HIGH": ""}])
    t4 = time.perf_counter()
    c.call("BAPI_SALESORDER_GETLIST", CUSTOMER_NUMBER="0000010023", SALES_ORGANIZATION="1000")
    t5 = time.perf_counter()
    c.call("BAPI_CREDIT_ACCOUNT_GET_STATUS", CREDITCONTROLAREA="1000", CUSTOMER="0000010023")
    t6 = time.perf_counter()
    print(json.dumps({"import": t1 - t0, "connect+first call": t2 - t1,
                      "first customer read (builds customers)": t3 - t2,
                      "first material list (builds materials)": t4 - t3,
                      "first order list (builds pricing+history)": t5 - t4,
                      "first credit call (builds credit)": t6 - t5}))
""")

MEMORY = textwrap.dedent("""
    import json, resource, gc
    import textual.app  # the interpreter with textual imported is the baseline
    gc.collect()
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    import datetime as dt
    from decimal import Decimal
    from ordertui.sap.sandbox import connect
    c = connect()
    for g in ("config", "customers", "materials", "pricing", "history", "credit"):
        c.company.ensure(g)
    c.call("BAPI_SALESORDER_SIMULATE", ORDER_HEADER_IN={"DOC_TYPE": "TA", "SALES_ORG": "1000",
           "DISTR_CHAN": "10", "DIVISION": "00"},
           ORDER_ITEMS_IN=[{"ITM_NUMBER": "000010", "MATERIAL": m, "REQ_QTY": "5000"}
                           for m in c.company.material_numbers[:50]],
           ORDER_PARTNERS=[{"PARTN_ROLE": "AG", "PARTN_NUMB": "0000010023"}])
    for t in c.company.tables:  # scan every table once (no index on odd fields)
        f = c.company.table(t).fields[1].name
        c.call("RFC_READ_TABLE", QUERY_TABLE=t, FIELDS=[{"FIELDNAME": f}],
               OPTIONS=[{"TEXT": f + " LIKE 'X%'"}], ROWCOUNT=5)
    gc.collect()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rows = sum(len(t.rows) for t in c.company.tables.values())
    print(json.dumps({"baseline_kib": base, "peak_kib": peak, "rows": rows}))
""")


def pct(samples, p):
    s = sorted(samples)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def timed(fn, repeat):
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=50)
    args = ap.parse_args()

    print(f"== fresh process (seconds); {benchlib.machine()}")
    res = json.loads(subprocess.run([sys.executable, "-c", FRESH], capture_output=True,
                                    text=True, check=True).stdout)
    for k, v in res.items():
        print(f"  {k:45s} {v:8.3f}")

    # before this process loads the sandbox: a child's ru_maxrss starts at the parent's RSS
    print("== peak memory (subprocess; baseline = interpreter with textual imported)")
    mem = json.loads(subprocess.run([sys.executable, "-c", MEMORY], capture_output=True,
                                    text=True, check=True).stdout)
    print(f"  baseline {mem['baseline_kib'] / 1024:7.1f} MiB   peak {mem['peak_kib'] / 1024:7.1f}"
          f" MiB   sandbox {(mem['peak_kib'] - mem['baseline_kib']) / 1024:7.1f} MiB "
          f"({mem['rows']} table rows)")
    benchlib.record("sandbox", "peak memory over baseline", (mem['peak_kib'] - mem['baseline_kib']) / 1024, "MiB",
                    budget="<=80", extra=f"{mem['rows']} rows")


    from decimal import Decimal

    from ordertui.sap.sandbox import connect

    conn = connect()
    co = conn.company
    for g in ("config", "customers", "materials", "pricing", "history", "credit"):
        co.ensure(g)
    mats = [m for m in co.material_numbers[20:400] if co.table("MVKE").first("MATNR", m)][:10]
    order = conn.call("BAPI_SALESORDER_GETLIST", CUSTOMER_NUMBER="0000010023",
                      SALES_ORGANIZATION="1000")["SALES_ORDERS"][0]["SD_DOC"]
    view = {k: "X" for k in ("HEADER", "ITEM", "SDSCHEDULE", "PARTNER", "STATUS_H", "STATUS_I",
                             "FLOW")}
    cases = {
        "connect + close": lambda: connect().close(),
        "RFC_READ_TABLE KNA1 KUNNR =": lambda: conn.call(
            "RFC_READ_TABLE", QUERY_TABLE="KNA1", DELIMITER="|",
            FIELDS=[{"FIELDNAME": f} for f in ("KUNNR", "NAME1", "ORT01", "PSTLZ")],
            OPTIONS=[{"TEXT": "KUNNR = '0000010023'"}]),
        "RFC_READ_TABLE KNA1 MCOD1 LIKE (scan)": lambda: conn.call(
            "RFC_READ_TABLE", QUERY_TABLE="KNA1", DELIMITER="|",
            FIELDS=[{"FIELDNAME": f} for f in ("KUNNR", "NAME1", "ORT01", "PSTLZ")],
            OPTIONS=[{"TEXT": "MCOD1 LIKE '%FASTENER%'"}], ROWCOUNT=50),
        "RFC_READ_TABLE ADR2 TELNR_LONG =": lambda: conn.call(
            "RFC_READ_TABLE", QUERY_TABLE="ADR2", DELIMITER="|",
            FIELDS=[{"FIELDNAME": "ADDRNUMBER"}], OPTIONS=[{"TEXT":
                                                             "TELNR_LONG = '+19375550142'"}]),
        "BAPI_CUSTOMER_FIND MCOD1 *..* max 50": lambda: conn.call(
            "BAPI_CUSTOMER_FIND", PL_HOLD="X", MAX_CNT=50, SELOPT_TAB=[
                {"TABNAME": "KNA1", "FIELDNAME": "MCOD1", "FIELDVALUE": "*SUPPLY*"}]),
        "BAPI_SALESORDER_SIMULATE 10 lines": lambda: conn.call(
            "BAPI_SALESORDER_SIMULATE", ORDER_HEADER_IN={"DOC_TYPE": "TA", "SALES_ORG": "1000",
                                                         "DISTR_CHAN": "10", "DIVISION": "00"},
            ORDER_ITEMS_IN=[{"ITM_NUMBER": f"{(i + 1) * 10:06d}", "MATERIAL": m,
                             "REQ_QTY": "3000"} for i, m in enumerate(mats)],
            ORDER_PARTNERS=[{"PARTN_ROLE": "AG", "PARTN_NUMB": "0000010023"}]),
        "BAPISDORDER_GETDETAILEDLIST (7 views)": lambda: conn.call(
            "BAPISDORDER_GETDETAILEDLIST", I_BAPI_VIEW=view, SALES_DOCUMENTS=[{"VBELN": order}]),
        "BAPI_SALESORDER_GETLIST customer": lambda: conn.call(
            "BAPI_SALESORDER_GETLIST", CUSTOMER_NUMBER="0000010023", SALES_ORGANIZATION="1000"),
        "BAPI_MATERIAL_GETLIST desc CP": lambda: conn.call(
            "BAPI_MATERIAL_GETLIST", MAXROWS=50, MATERIALSHORTDESCSEL=[
                {"SIGN": "I", "OPTION": "CP", "DESCR_LOW": "*GLOVES*", "DESCR_HIGH": ""}]),
        "BAPI_MATERIAL_AVAILABILITY": lambda: conn.call(
            "BAPI_MATERIAL_AVAILABILITY", PLANT="1000", MATERIAL="000000000000100100",
            UNIT="KAR", WMDVSX=[{"REQ_DATE": "", "REQ_QTY": Decimal(5)}]),
    }
    print(f"== sandbox own time per call, latency 0 (ms, {args.repeat} calls)")
    for name, fn in cases.items():
        fn()
        s = timed(fn, args.repeat)
        print(f"  {name:45s} p50 {statistics.median(s) * 1000:7.2f}   "
              f"p95 {pct(s, 95) * 1000:7.2f}")
        benchlib.record("sandbox", f"{name} p95", pct(s, 95) * 1000, "ms")



if __name__ == "__main__":
    main()
