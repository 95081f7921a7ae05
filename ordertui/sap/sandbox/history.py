"""Order history of the sandbox company (orders in every state, deliveries, invoices, open
items) and the credit master (KNKK) derived from it; plus :func:`post_order`, which writes an
order into the tables (used for history and for orders committed through the BAPIs).

History builds on the company's master data, so this module imports ``company`` and not the
other way round: :data:`BUILDERS` is handed to ``Company`` by ``connection.system``."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_DOWN, Decimal

from ordertui.sap.sandbox import engine, names
from ordertui.sap.sandbox.base import CLIENT, D0, SALES_ORG, d8, matn1
from ordertui.sap.sandbox.company import Builder, Company

LONG_POS = ["BLANKET-2026-MAINTENANCE-REPAIR-OPS", "PLANT 3 RETOOLING PROJECT PHASE II",
            "MRO REPLENISHMENT KANBAN LOOP 0047B", "CAPEX 26-118 LINE4 CONVEYOR UPGRADE"]


def post_order(co: Company, o: dict) -> None:
    """Append an order (header dict with 'items') to VBAK/VBAP/VBEP/VBPA."""
    t = co.tables
    vbak, vbap, vbep, vbpa = t["VBAK"], t["VBAP"], t["VBEP"], t["VBPA"]
    vbak.append(vbak.row(
        MANDT=CLIENT, VBELN=o["vbeln"], ERDAT=o["erdat"], ERZET=o.get("erzet", "093000"),
        ERNAM=o.get("ernam", "ORDERDESK"), AUDAT=o["erdat"], VBTYP="C", TRVOG="0", AUART="TA",
        NETWR=o["netwr"], WAERK=o["currency"], VKORG=o["vkorg"], VTWEG=o["vtweg"],
        SPART=o["spart"], VKBUR=o["vkorg"], VDATU=o["vdatu"], VSBED=o["vsbed"],
        BSTNK=o["bstnk"], BSTDK=o.get("bstdk", ""), KUNNR=o["kunnr"], KKBER=o["kkber"],
        KNKLI=o["payer"], CMGST=o.get("cmgst", "A"), GBSTK=o.get("gbstk", "A"),
        ABSTK=o.get("abstk", "A"), LFSTK=o.get("lfstk", "A"), LFGSK=o.get("lfstk", "A"),
        FKSAK=o.get("fksak", "A"), LIFSK=o.get("lifsk", ""), ZTERM=o["zterm"],
        INCO1=o.get("inco1", ""), INCO2=o.get("inco2", "")))
    for it in o["items"]:
        vbap.append(vbap.row(
            MANDT=CLIENT, VBELN=o["vbeln"], POSNR=it["posnr"], MATNR=it["matnr"],
            MATWA=it.get("matwa", it["matnr"]), ARKTX=it["arktx"], PSTYV="TAN",
            ABGRU=it.get("abgru", ""), KWMENG=it["qty"], VRKME=it["vrkme"], MEINS=it["meins"],
            UMVKZ=it["umvkz"], UMVKN=it["umvkn"], NETWR=it["netwr"], NETPR=it["netpr"],
            KPEIN=it["kpein"], KMEIN=it["kmein"], WAERK=o["currency"], WERKS=it["werks"],
            LGORT="0001", VSTEL=it["werks"], MWSBP=it["mwsbp"], BRGEW=it["brgew"], GEWEI="KG",
            ERDAT=o["erdat"], ABSTA="C" if it.get("abgru") else "A",
            LFSTA=it.get("lfsta", "A"), LFGSA=it.get("lfsta", "A"), FKSAA=it.get("fksaa", "A"),
            GBSTA=it.get("gbsta", "A"), KWMENG_CF=it["cf_qty"]))
        for n, (date, req, conf) in enumerate(it["schedules"], start=1):
            vbep.append(vbep.row(
                MANDT=CLIENT, VBELN=o["vbeln"], POSNR=it["posnr"], ETENR=f"{n:04d}", ETTYP="CP",
                EDATU=date, WMENG=req, BMENG=conf, VRKME=it["vrkme"], MBDAT=date, WADAT=date,
                LDDAT=date, TDDAT=date))
    for parvw, kunnr in (("AG", o["kunnr"]), ("WE", o["ship_to"]), ("RE", o["bill_to"]),
                         ("RG", o["payer"])):
        vbpa.append(vbpa.row(MANDT=CLIENT, VBELN=o["vbeln"], POSNR="000000", PARVW=parvw,
                             KUNNR=kunnr, LAND1=o.get("land1", "")))


def _tracking(rnd, prefix: str) -> tuple[str, str]:
    if prefix == "1Z":
        return "1Z" + "".join(rnd.choice("0123456789ABCDEFGHJKLMNPRSTUVWXYZ")
                              for _ in range(16)), "UPS"
    if prefix in ("FX", "OD", "RL", "XP"):
        return "".join(rnd.choice("0123456789") for _ in range(12 if prefix == "FX" else 10)), ""
    return "".join(rnd.choice("0123456789") for _ in range(10)), ""


def build_history(co: Company) -> None:
    co.ensure("customers")
    co.ensure("pricing")
    co.ensure("config")
    rnd = co.rng("history")
    t = co.tables
    mvke = co.table("MVKE")
    pm, pv, ps = mvke.pos["MATNR"], mvke.pos["VKORG"], mvke.pos["VMSTA"]
    pool = {"1000": [], "2000": []}
    extra = set(co.extra_material_numbers)  # the extra materials stay out of the history
    for row in mvke.rows:
        if not row[ps] and row[pm] not in extra:
            pool[row[pv]].append(row[pm])
    knvv = co.table("KNVV")
    kna1 = co.table("KNA1")
    pk = kna1.pos
    order_no = 5000
    chosen = [k for k, info in co.sold_to_info.items()  # the extra records have no history
              if not info.get("extra") and (info["well_known"] or rnd.random() < 0.12)]
    chosen.sort()
    vbfa, likp, lips = t["VBFA"], t["LIKP"], t["LIPS"]
    vbrk, vbrp, bsid, vbpa = t["VBRK"], t["VBRP"], t["BSID"], t["VBPA"]

    def deliver(o, items, gi_date: dt.date | None, planned: dt.date):
        vbeln = f"{co.next_delivery:010d}"
        co.next_delivery += 1
        carriers = names.CARRIERS_DE if o["vkorg"] == "2000" else names.CARRIERS_US
        lifnr, cname, _c, _r, prefix = rnd.choice(carriers)
        bolnr, traty = _tracking(rnd, prefix)
        weight = sum(it["brgew"] for it, _q in items)
        # created the day before its goods issue is planned, but never later than today: a
        # delivery planned to leave in three days exists already
        created = d8(min(planned - dt.timedelta(days=1), co.today))
        likp.append(likp.row(
            MANDT=CLIENT, VBELN=vbeln, ERDAT=created, ERZET="140000",
            VSTEL=items[0][0]["werks"], VKORG=o["vkorg"], LFART="LF", WADAT=d8(planned),
            LDDAT=d8(planned), KODAT=d8(planned), LFDAT=d8(planned + dt.timedelta(days=2)),
            KUNNR=o["ship_to"], KUNAG=o["kunnr"], BOLNR=bolnr if gi_date else "",
            TRAID=(cname[:20] if gi_date else ""), TRATY="0001" if gi_date else "",
            WADAT_IST=d8(gi_date) if gi_date else "", WBSTK="C" if gi_date else "A",
            VSBED=o["vsbed"], BTGEW=weight, GEWEI="KG", ANZPK=f"{max(1, len(items)):05d}",
            GBSTK="C" if gi_date else "A"))
        vbpa.append(vbpa.row(MANDT=CLIENT, VBELN=vbeln, POSNR="000000", PARVW="SP",
                             LIFNR=lifnr))
        vbpa.append(vbpa.row(MANDT=CLIENT, VBELN=vbeln, POSNR="000000", PARVW="WE",
                             KUNNR=o["ship_to"]))
        vbpa.append(vbpa.row(MANDT=CLIENT, VBELN=vbeln, POSNR="000000", PARVW="AG",
                             KUNNR=o["kunnr"]))
        for n, (it, qty) in enumerate(items, start=1):
            posnr = f"{n * 10:06d}"
            lips.append(lips.row(MANDT=CLIENT, VBELN=vbeln, POSNR=posnr, MATNR=it["matnr"],
                                 ARKTX=it["arktx"], LFIMG=qty, VRKME=it["vrkme"],
                                 MEINS=it["meins"], WERKS=it["werks"], LGORT="0001",
                                 VGBEL=o["vbeln"], VGPOS=it["posnr"], BRGEW=it["brgew"],
                                 GEWEI="KG"))
            vbfa.append(vbfa.row(MANDT=CLIENT, VBELV=o["vbeln"], POSNV=it["posnr"], VBELN=vbeln,
                                 POSNN=posnr, VBTYP_N="J", RFMNG=qty, MEINS=it["vrkme"],
                                 VBTYP_V="C", ERDAT=created,
                                 ERZET="140000"))
        if gi_date:
            # posting the goods issue writes a material document; the flow records it as the
            # delivery's subsequent document of category R (goods movement), one row per item
            mblnr = f"{co.next_goods_movement:010d}"
            co.next_goods_movement += 1
            for n, (it, qty) in enumerate(items, start=1):
                vbfa.append(vbfa.row(MANDT=CLIENT, VBELV=vbeln, POSNV=f"{n * 10:06d}", VBELN=mblnr,
                                     POSNN=f"{n:06d}", VBTYP_N="R", RFMNG=qty, MEINS=it["vrkme"],
                                     VBTYP_V="J", ERDAT=d8(gi_date), ERZET="160000"))
        return vbeln

    def bill(o, dlv: str, items, fkdat: dt.date, paid: bool, due_shift: int | None = None):
        vbeln = f"{co.next_invoice:010d}"
        co.next_invoice += 1
        belnr = f"{co.next_fi_doc:010d}"
        co.next_fi_doc += 1
        vkorg = o["vkorg"]
        net = sum(it["netwr"] * q / it["qty"] for it, q in items)
        net = engine.r2(net)
        tax = engine.r2(sum(it["mwsbp"] * q / it["qty"] for it, q in items))
        vbrk.append(vbrk.row(
            MANDT=CLIENT, VBELN=vbeln, FKART="F2", FKTYP="L", VBTYP="M", WAERK=o["currency"],
            VKORG=vkorg, VTWEG="10", SPART="00", FKDAT=d8(fkdat), KUNRG=o["payer"],
            KUNAG=o["kunnr"], NETWR=net, MWSBK=tax, ZTERM=o["zterm"], RFBSK="C",
            BUKRS=SALES_ORG[vkorg]["bukrs"], LAND1=o.get("land1", ""), XBLNR=vbeln,
            BELNR=belnr, GJAHR=str(fkdat.year), ERDAT=d8(fkdat), ERZET="020000",
            ERNAM="BATCHBILL"))
        for n, (it, qty) in enumerate(items, start=1):
            posnr = f"{n * 10:06d}"
            share = qty / it["qty"]
            vbrp.append(vbrp.row(MANDT=CLIENT, VBELN=vbeln, POSNR=posnr, FKIMG=qty,
                                 VRKME=it["vrkme"], MEINS=it["meins"],
                                 NETWR=engine.r2(it["netwr"] * share),
                                 MWSBP=engine.r2(it["mwsbp"] * share), MATNR=it["matnr"],
                                 ARKTX=it["arktx"], AUBEL=o["vbeln"], AUPOS=it["posnr"],
                                 VGBEL=dlv, VGPOS=posnr, WERKS=it["werks"]))
            for prec, pcat, ppos in ((dlv, "J", posnr), (o["vbeln"], "C", it["posnr"])):
                vbfa.append(vbfa.row(MANDT=CLIENT, VBELV=prec, POSNV=ppos, VBELN=vbeln,
                                     POSNN=posnr, VBTYP_N="M", RFMNG=qty, MEINS=it["vrkme"],
                                     RFWRT=engine.r2(it["netwr"] * share), WAERS=o["currency"],
                                     VBTYP_V=pcat, ERDAT=d8(fkdat), ERZET="020000"))
        if not paid:
            days = names.PAYMENT_DAYS.get(o["zterm"], 30)
            baseline = fkdat if due_shift is None else fkdat
            bsid.append(bsid.row(
                MANDT=CLIENT, BUKRS=SALES_ORG[vkorg]["bukrs"], KUNNR=o["payer"],
                GJAHR=str(fkdat.year), BELNR=belnr, BUZEI="001", BUDAT=d8(fkdat),
                BLDAT=d8(fkdat), WAERS=o["currency"], XBLNR=vbeln, BLART="RV", SHKZG="S",
                DMBTR=net + tax, WRBTR=net + tax, ZFBDT=d8(baseline), ZTERM=o["zterm"],
                ZBD1T=Decimal(10 if o["zterm"] == "Z210" else 0),
                ZBD1P=Decimal(2 if o["zterm"] == "Z210" else 0),
                ZBD3T=Decimal(days), SGTXT="", VBELN=vbeln,
                MANST="1" if (co.today - fkdat).days > days + 14 else "0"))
        return vbeln

    def make_order(kunnr, info, vkorg, age, po=None, lines=None):
        nonlocal order_no
        area = [r for r in knvv.lookup("KUNNR", kunnr) if r[knvv.pos["VKORG"]] == vkorg][0]
        kv = knvv.as_dict(area)
        ship_to = kunnr
        if info["shiptos"] and rnd.random() < 0.6:
            ship_to = rnd.choice(info["shiptos"])
        ship_row = kna1.first("KUNNR", ship_to)
        country, region = ship_row[pk["LAND1"]], ship_row[pk["REGIO"]]
        erdat = co.today - dt.timedelta(days=age)
        currency = SALES_ORG[vkorg]["currency"]
        vbeln = f"{order_no:010d}"
        order_no += 1
        items = []
        chosen_lines = lines or [(rnd.choice(pool[vkorg]), None)
                                 for _ in range(rnd.choices([1, 2, 3, 4, 5],
                                                            [30, 30, 20, 12, 8])[0])]
        for n, (matnr, qty_sales) in enumerate(chosen_lines, start=1):
            minfo = co.mat_info[matnr]
            mvke_row = [r for r in mvke.lookup("MATNR", matnr) if r[pv] == vkorg]
            vrkme = (mvke_row[0][mvke.pos["VRKME"]] if mvke_row else "") or minfo["base"]
            umvkz = Decimal(minfo["alt"][1]) if (minfo["alt"] and vrkme == minfo["alt"][0]) \
                else Decimal(1)
            if qty_sales is None:
                qty_sales = Decimal(rnd.choice([1, 2, 5, 10, 20, 50, 100, 250, 500])
                                    if minfo["cat"] == "fastener" and vrkme == "ST"
                                    else rnd.choice([1, 2, 3, 4, 5, 6, 8, 10, 12, 20]))
            qty_base = qty_sales * umvkz
            pr = engine.price_item(co, vkorg, kunnr, matnr, qty_base, country, region,
                                   kv["VSBED"])
            if pr is None:
                continue
            werks = ([r[mvke.pos["DWERK"]] for r in mvke_row] or [kv["VWERK"]])[0]
            date = d8(erdat + dt.timedelta(days=rnd.randint(1, 5)))
            items.append(dict(
                posnr=f"{n * 10:06d}", matnr=matnr, arktx=minfo["desc"], qty=qty_sales,
                vrkme=vrkme, meins=minfo["base"], umvkz=umvkz, umvkn=Decimal(1),
                netwr=pr["net"], netpr=pr["net_price"], kpein=pr["per"], kmein=pr["price_unit"],
                werks=werks, mwsbp=pr["tax"], brgew=pr["weight"].quantize(Decimal("0.001")),
                cf_qty=qty_sales, schedules=[(date, qty_sales, qty_sales)]))
        if not items:
            return None
        if po is None:
            r = rnd.random()
            po = (rnd.choice(LONG_POS) if r < 0.08 else f"4500{rnd.randint(100000, 999999)}"
                  if r < 0.5 else f"PO-{rnd.randint(10000, 99999)}" if r < 0.8
                  else f"{rnd.choice(['JS', 'MK', 'TR', 'AL'])}{erdat:%m%d}-{rnd.randint(1, 9)}")
        return dict(vbeln=vbeln, erdat=d8(erdat), vkorg=vkorg, vtweg="10", spart="00",
                    kunnr=kunnr, ship_to=ship_to, bill_to=kunnr, payer=info["payer"],
                    currency=currency, vdatu=items[0]["schedules"][0][0], vsbed=kv["VSBED"],
                    bstnk=po, bstdk=d8(erdat), zterm=kv["ZTERM"], inco1=kv["INCO1"],
                    inco2=kv["INCO2"], kkber=SALES_ORG[vkorg]["kkber"], land1=country,
                    netwr=sum(i["netwr"] for i in items), items=items)

    def complete(o, lfstk, fksak):
        o["lfstk"], o["fksak"] = lfstk, fksak
        o["gbstk"] = "C" if lfstk == "C" and fksak == "C" else ("B" if lfstk != "A" else "A")
        for it in o["items"]:
            if it.get("abgru"):
                it["lfsta"], it["fksaa"], it["gbsta"] = "", "", "C"
                continue
            it.setdefault("lfsta", lfstk)
            it.setdefault("fksaa", fksak)
            it["gbsta"] = "C" if it["lfsta"] == "C" and it["fksaa"] == "C" else (
                "B" if it["lfsta"] != "A" else "A")

    def live(items):
        return [(it, it["qty"]) for it in items if not it.get("abgru")]

    for kunnr in chosen:
        info = co.sold_to_info[kunnr]
        number = int(kunnr)
        for vkorg in info["areas"]:
            scripted = []
            if number == 10023 and vkorg == "1000":
                scripted = [
                    ("scenario5", 6, "4500-7700", [(matn1("HB-38-100"), Decimal(400)),
                                                   (matn1("100100"), Decimal(6))]),
                    ("billed-paid", 95, "4500-7312", None),
                    ("billed-open", 20, LONG_POS[0], None),
                    ("open", 1, "4500-7765", None),
                ]
            elif number == 10050:
                scripted = [("billed-open", 9, "GL-77812", None), ("billed-open", 16, "GL-77655",
                                                                   None),
                            ("open", 1, "GL-77901", None)]
            elif number == 10090:
                scripted = [("overdue", 75, "PO-88120", None), ("overdue", 50, "PO-88344", None),
                            ("billed-open", 12, "PO-88501", None)]
            n_orders = rnd.choices([1, 2, 3, 4, 5, 6], [20, 25, 20, 15, 10, 10])[0]
            plans = list(scripted)
            for _ in range(n_orders if not scripted else 2):
                plans.append(("random", min(int(rnd.expovariate(1 / 60)), 400), None, None))
            for kind, age, po, lines in plans:
                o = make_order(kunnr, info, vkorg, age, po, lines)
                if o is None:
                    continue
                erdat = co.today - dt.timedelta(days=age)
                items = o["items"]
                if kind == "random" and len(items) > 1 and rnd.random() < 0.06:
                    items[-1]["abgru"] = "02"
                    o["abstk"] = "B"
                    o["netwr"] -= items[-1]["netwr"]
                if kind == "scenario5":
                    first = [(items[0], items[0]["qty"])]
                    dlv = deliver(o, first, co.today - dt.timedelta(days=1),
                                  co.today - dt.timedelta(days=1))
                    bill(o, dlv, first, co.today, paid=False)
                    items[0]["lfsta"], items[0]["fksaa"] = "C", "C"
                    items[1]["schedules"] = [(d8(co.today + dt.timedelta(days=3)),
                                              items[1]["qty"], items[1]["qty"])]
                    deliver(o, [(items[1], items[1]["qty"])], None,
                            co.today + dt.timedelta(days=3))
                    items[1]["lfsta"], items[1]["fksaa"] = "B", "A"
                    complete(o, "B", "B")
                elif kind == "overdue":
                    dlv = deliver(o, live(items), erdat + dt.timedelta(days=2),
                                  erdat + dt.timedelta(days=2))
                    bill(o, dlv, live(items), erdat + dt.timedelta(days=3), paid=False)
                    complete(o, "C", "C")
                elif info.get("credit_blocked") or (info.get("over_limit") and age <= 3):
                    o["cmgst"] = "B"
                    complete(o, "A", "A")
                elif kind in ("billed-paid", "billed-open") or age > 15:
                    gi = erdat + dt.timedelta(days=rnd.randint(1, 4))
                    dlv = deliver(o, live(items), gi, gi)
                    days = names.PAYMENT_DAYS.get(o["zterm"], 30)
                    fkdat = gi + dt.timedelta(days=1)
                    paid = kind == "billed-paid" or (
                        kind == "random" and (co.today - fkdat).days > days
                        and not (info.get("overdue") and rnd.random() < 0.5))
                    if kind == "random" and not paid and (co.today - fkdat).days > days + 90:
                        paid = True  # very old items get cleared eventually
                    bill(o, dlv, live(items), fkdat, paid=paid)
                    complete(o, "C", "C")
                elif age > 5:
                    gi = erdat + dt.timedelta(days=rnd.randint(1, 3))
                    dlv = deliver(o, live(items), gi, gi)
                    if rnd.random() < 0.5:
                        bill(o, dlv, live(items), gi + dt.timedelta(days=1), paid=False)
                        complete(o, "C", "C")
                    else:
                        complete(o, "C", "A")
                elif age > 2 and len(live(items)) > 1:
                    lv = live(items)
                    gi = erdat + dt.timedelta(days=1)
                    deliver(o, lv[:1], gi, gi)
                    lv[0][0]["lfsta"] = "C"
                    deliver(o, lv[1:], None, co.today + dt.timedelta(days=2))
                    for it, _q in lv[1:]:
                        it["lfsta"] = "B"
                    complete(o, "B", "A")
                else:
                    # open: maybe only partly confirmed (second schedule line later)
                    it = items[0]
                    if rnd.random() < 0.3 and it["qty"] > 1:
                        first = (it["qty"] / 2).quantize(Decimal(1))
                        d1, _, _ = it["schedules"][0]
                        later = d8(co.today + dt.timedelta(days=rnd.randint(5, 20)))
                        it["schedules"] = [(d1, it["qty"], first), (later, D0, it["qty"] - first)]
                    complete(o, "A", "A")
                post_order(co, o)

    # Showcase orders, made after all others and from their own random stream, so adding them
    # changed no other record: a 50-item order in every stage of its flow, a delivery block.
    rnd = co.rng("history-showcase")  # the helpers above draw from this stream from here on

    atlas = co.sold_to_info["0000010140"]
    fasteners = sorted(m for m in pool["1000"] if co.mat_info[m]["cat"] == "fastener")
    lines = [(m, Decimal(rnd.choice([100, 200, 250, 500, 1000]))) for m in rnd.sample(fasteners, 50)]
    o = make_order("0000010140", atlas, "1000", 10, "ATLAS-MRO-2026-Q4", lines)
    if o is not None and len(o["items"]) >= 40:
        items = o["items"]
        erdat = co.today - dt.timedelta(days=10)
        shipped, on_the_way, waiting = items[:30], items[30:45], items[45:]
        dlv = deliver(o, [(it, it["qty"]) for it in shipped], erdat + dt.timedelta(days=2),
                      erdat + dt.timedelta(days=2))
        bill(o, dlv, [(it, it["qty"]) for it in shipped], erdat + dt.timedelta(days=3), paid=False)
        for it in shipped:
            it["lfsta"], it["fksaa"] = "C", "C"
        deliver(o, [(it, it["qty"]) for it in on_the_way], None, co.today + dt.timedelta(days=2))
        for it in on_the_way:  # on a delivery that has not left yet (as order 5007's item 20)
            it["lfsta"], it["fksaa"] = "B", "A"
        for it in waiting:
            it["lfsta"], it["fksaa"] = "A", "A"
        for it in waiting[:2]:  # partly confirmed: the rest arrives in 12 days
            first = (it["qty"] / 2).quantize(Decimal(1))
            d1 = it["schedules"][0][0]
            it["schedules"] = [(d1, it["qty"], first),
                               (d8(co.today + dt.timedelta(days=12)), D0, it["qty"] - first)]
            it["cf_qty"] = it["qty"]
        complete(o, "B", "B")
        post_order(co, o)

    maple = co.sold_to_info["0000010150"]
    o = make_order("0000010150", maple, "1000", 4, "ML-55120", None)
    if o is not None:
        o["lifsk"] = "02"  # export papers missing: nothing ships until shipping releases it
        complete(o, "A", "A")
        post_order(co, o)

    co.next_order = max(co.next_order, order_no)


def build_credit(co: Company) -> None:
    co.ensure("history")
    rnd = co.rng("credit")
    knkk = co.tables["KNKK"]
    bsid, vbak = co.table("BSID"), co.table("VBAK")
    receivables: dict[tuple[str, str], Decimal] = {}
    pb, pk, pd = bsid.pos["BUKRS"], bsid.pos["KUNNR"], bsid.pos["DMBTR"]
    for row in bsid.rows:
        key = (row[pk], row[pb])
        receivables[key] = receivables.get(key, D0) + row[pd]
    open_orders: dict[tuple[str, str], Decimal] = {}
    p = vbak.pos
    for row in vbak.rows:
        if row[p["FKSAK"]] != "C":
            key = (row[p["KNKLI"]], row[p["KKBER"]])
            open_orders[key] = open_orders.get(key, D0) + row[p["NETWR"]]
    payers: dict[str, dict] = {}
    for kunnr, info in co.sold_to_info.items():
        flags = payers.setdefault(info["payer"], {"over": False, "blocked": False, "areas": set(),
                                                  "ssobl": D0})
        flags["ssobl"] += info.get("special_liabilities") or D0  # KNKK-SSOBL (extra records only)
        flags["over"] |= info["over_limit"]
        flags["blocked"] |= info["credit_blocked"]
        flags["areas"].update(info["areas"])
    # the extra records' accounts last, so that adding them changed no other account
    late = {info["payer"] for info in co.sold_to_info.values() if info.get("extra")}
    for payer in sorted(payers, key=lambda p: (p in late, p)):
        flags = payers[payer]
        for vkorg in sorted(flags["areas"]):
            kkber = SALES_ORG[vkorg]["kkber"]
            skfor = receivables.get((payer, SALES_ORG[vkorg]["bukrs"]), D0)
            sauft = open_orders.get((payer, kkber), D0)
            exposure = skfor + sauft
            if flags["over"]:  # limit below what is already owed and on order
                step = Decimal(100) if exposure >= 500 else Decimal(1)
                limit = (exposure * Decimal("0.8") / step).to_integral_value(ROUND_DOWN) * step
            else:
                limit = max(Decimal(10000), (exposure * rnd.randint(2, 6)).quantize(
                    Decimal(5000)))
            knkk.append(knkk.row(
                MANDT=CLIENT, KUNNR=payer, KKBER=kkber, KLIMK=limit, KNKLI=payer, SAUFT=sauft,
                SKFOR=skfor, SSOBL=flags["ssobl"], CTLPC="003" if flags["over"] else rnd.choice(
                    ["001", "002"]), CRBLB="X" if flags["blocked"] else "", SBGRP="001",
                DTREV=co.days(-rnd.randint(30, 300)), NXTRV=co.days(rnd.randint(30, 300)),
                ERDAT=co.days(-rnd.randint(400, 3000))))


#: the groups this module generates, for ``Company(..., builders=BUILDERS)``
BUILDERS: dict[str, Builder] = {"history": build_history, "credit": build_credit}
