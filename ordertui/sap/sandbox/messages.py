"""SAP messages the sandbox issues (reference §11) and the RETURN shapes (§1.6).

Numbers marked [U] in ``ordertui.sap.assumptions`` (section "sandbox") are the sandbox's choice
where the reference has none.
"""

from __future__ import annotations

TEXTS = {
    ("V4", "233"): "&1 has been processed successfully",
    ("V1", "311"): "&1 &2 has been saved",
    ("V4", "219"): "Sales document was not changed",
    ("V4", "115"): "Purchase order number &1 already exists for sold-to party (document &2)",
    ("V1", "150"): "Static credit check: credit limit exceeded &1 &2",
    ("V1", "154"): "Order receipt/delivery not possible, credit customer blocked",
    ("VS", "406"): "Customer &1 is not created in sales area &2 &3 &4",
    ("V1", "462"): "Sold-to party &1 is blocked for sales orders (block &2)",
    ("V1", "382"): "Sold-to party &1 does not exist",
    ("V1", "141"): "Material &1 is not defined for sales org.&2, distr.chan.&3, language &4",
    ("V1", "028"): "Material &1 is blocked for sales (status &2)",
    ("V1", "055"): "Enter a quantity greater than zero for item &1",
    ("V1", "010"): "Sales document type &1 is not defined",
    ("V1", "302"): "SD document &1 is not in the database or has been archived",
    ("V1", "043"): "Unit &1 is not defined for material &2",
    ("VP", "112"): "Please enter sold-to party or ship-to party",
    ("V1", "385"): "Ship-to party &1 is not a partner of sold-to party &2",
    ("M3", "305"): "Material &1 does not exist",
    ("F2", "502"): "Customer &1 does not exist",
    ("F2", "503"): "Customer &1 has not been created for company code &2",
    ("F2", "156"): "Customer &1 has not been created for sales area &2 &3 &4",
    ("F2", "267"): "Specify the sales area completely or not at all",
    ("F2", "718"): "No customers exist for the selection",
    ("F2", "152"): "Customer &1 has no credit account in credit control area &2",
    ("S&", "026"): "Sign &1 is not allowed",
    ("S&", "027"): "Option &1 is not allowed",
    ("QC", "160"): "No sales data found for customer &1",
    ("01", "124"): "User &1 does not exist",
    ("VF", "011"): "Billing document &1 does not exist",
    ("BC", "001"): "Field &1 is not valid for table &2",
}


def text(msg_id: str, number: str, *v: str) -> str:
    t = TEXTS.get((msg_id, number), f"{msg_id} {number} &1 &2 &3 &4")
    for i in range(4):
        t = t.replace(f"&{i + 1}", (v[i] if i < len(v) else "").strip())
    return " ".join(t.split())


def _vs(v):
    v = [str(x) for x in v] + ["", "", "", ""]
    return v[:4]


def bapiret2(mtype: str, msg_id: str, number: str, *v, parameter: str = "", row: int = 0,
             field: str = "") -> dict:
    v1, v2, v3, v4 = _vs(v)
    return {"TYPE": mtype, "ID": msg_id, "NUMBER": number,
            "MESSAGE": text(msg_id, number, v1, v2, v3, v4), "LOG_NO": "", "LOG_MSG_NO": "000000",
            "MESSAGE_V1": v1, "MESSAGE_V2": v2, "MESSAGE_V3": v3, "MESSAGE_V4": v4,
            "PARAMETER": parameter, "ROW": row, "FIELD": field, "SYSTEM": ""}


def bapiret1(mtype: str, msg_id: str, number: str, *v) -> dict:
    """BAPIRET1 / BAPIRETURN1 (same fields)."""
    r = bapiret2(mtype, msg_id, number, *v)
    for k in ("PARAMETER", "ROW", "FIELD", "SYSTEM"):
        del r[k]
    return r


def bapireturn(mtype: str, msg_id: str, number: str, *v) -> dict:
    """BAPIRETURN: message class and number run together in CODE."""
    v1, v2, v3, v4 = _vs(v)
    return {"TYPE": mtype, "CODE": f"{msg_id}{number}", "MESSAGE": text(msg_id, number, v1, v2,
                                                                        v3, v4),
            "LOG_NO": "", "LOG_MSG_NO": "000000", "MESSAGE_V1": v1, "MESSAGE_V2": v2,
            "MESSAGE_V3": v3, "MESSAGE_V4": v4}


def as_bapireturn(ret2: dict) -> dict:
    return bapireturn(ret2["TYPE"], ret2["ID"], ret2["NUMBER"], ret2["MESSAGE_V1"],
                      ret2["MESSAGE_V2"], ret2["MESSAGE_V3"], ret2["MESSAGE_V4"])
