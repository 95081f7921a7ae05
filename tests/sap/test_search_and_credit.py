"""Finding the caller and his credit, over the sandbox (issue 8 items 1, 2, 3, 5, 17, 18; issue 14
classes 5 and 6).

Records used: the sandbox's well-known ones and its extra records (sandbox/company_customers.py
EXTRA_CUSTOMERS, company_materials.py EXTRA_MATERIALS): 15000 Müller Präzisionsteile GmbH (Köln,
sales area 2000, special liabilities EUR 2,500), 15001 Boulons Métropole Inc. (Montréal, special
liabilities USD 1,200), 15002 O'Brien Industrial Supply LLC (contact Siobhan O'Brien); materials
"#10 SCREW ASSORTMENT WOOD 100PC", "M10 SCREW HEX SOCKET 50MM ZINC", "SPARE KIT FOR HB-38# BOLT
SERIES".
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from ordertui.model import DraftLine, OrderDraft, SalesArea
from ordertui.sap import sandbox
from ordertui.sap.connect import sandbox_gateway
from tests.conftest import TODAY

US = SalesArea("1000", "10", "00")
DE = SalesArea("2000", "10", "00")
AREAS = {"1000": US, "2000": DE}
#: a material listed in both sales organizations, to simulate a one-line order with
MATERIAL = "HB-38-100"


@pytest.fixture(scope="module")
def gw():
    g = sandbox_gateway(seed=1, today=TODAY)
    yield g
    g.close()


@pytest.fixture(scope="module")
def company():
    co = sandbox.system(1, TODAY)
    co.ensure("credit")
    return co


def numbers(result):
    return [h.number for h in result.hits]


# --------------------------------------------------------------------------- item 1: one exposure


def test_detail_and_quote_agree_on_credit_for_every_customer_with_a_credit_account(gw, company):
    knkk = company.table("KNKK")
    accounts = {(knkk.get(r, "KUNNR"), knkk.get(r, "KKBER")) for r in knkk.rows}
    checked = blocked = 0
    for kunnr, info in company.sold_to_info.items():
        for vkorg in info["areas"]:
            if (info["payer"], vkorg) not in accounts:  # credit control area = sales org here
                continue
            number = kunnr.lstrip("0")
            detail = gw.credit_status(number, AREAS[vkorg])
            quote = gw.simulate(OrderDraft(sold_to=number, sales_area=AREAS[vkorg],
                                           lines=(DraftLine(MATERIAL, D(1)),)))
            credit = quote.credit
            if credit is None:  # SAP prices nothing for an order-blocked sold-to: no second figure
                assert quote.has_errors, number
                blocked += 1
                continue
            assert (detail.account, detail.limit, detail.currency) == (credit.account, credit.limit, credit.currency), number
            assert detail.exposure == credit.exposure, (number, vkorg, detail.exposure, credit)
            checked += 1
    assert checked + blocked >= len(company.sold_to_info)  # every sold-to has an account in each of its areas
    assert blocked < checked / 50


def test_special_liabilities_are_part_of_the_exposure_not_the_whole(gw, company):
    quote = gw.simulate(OrderDraft(sold_to="15001", sales_area=US, lines=(DraftLine(MATERIAL, D(1)),)))
    credit = quote.credit
    assert credit is not None and credit.liabilities == D("1200.00")  # BAPIPAYER-CRED_LIAB = KNKK-SSOBL
    assert credit.exposure == credit.receivables + credit.open_orders + D("1200.00")
    assert gw.credit_status("15001", US).exposure == credit.exposure
    # 10023 has receivables and open orders but no special liabilities: the quote no longer counts
    # the total twice (detail USD 2,312.73 against quote USD 4,625.46 before)
    q = gw.simulate(OrderDraft(sold_to="10023", sales_area=US, lines=(DraftLine(MATERIAL, D(1)),))).credit
    assert q is not None and q.liabilities == 0 and q.exposure == gw.credit_status("10023", US).exposure
    assert q.exposure == q.receivables + q.open_orders > 0


# --------------------------------------------------------------------------- item 2: long names


@pytest.mark.parametrize("typed", [
    "Miami Valley Fastener Sup",  # 25: the match code's length
    "Miami Valley Fastener Supp",  # 26
    "Miami Valley Fastener Supply Inc.",  # the whole name (33)
    "Valley Fastener Supply",  # from the middle, running past the 25th character
    "fastener supply inc",
])
def test_names_longer_than_the_match_code_still_find(gw, typed):
    assert "10023" in numbers(gw.find_customers(typed, sales_area=US))


def test_a_long_text_is_still_narrowed_to_what_it_says(gw):
    res = gw.find_customers("Miami Valley Fastener Supplies", sales_area=US)
    assert "10023" not in numbers(res)  # the first 25 characters match; the whole text does not


# --------------------------------------------------------------------------- item 18: spellings


@pytest.mark.parametrize("typed", ["Muller", "Mueller", "MÜLLER", "müller präzision"])
def test_umlauts_are_found_however_typed(gw, typed):
    res = gw.find_customers(typed, sales_area=DE)
    assert "15000" in numbers(res)
    assert all("MULLER" in (h.name + " " + h.city).upper().replace("Ü", "U").replace("UE", "U") for h in res.hits)


@pytest.mark.parametrize("typed", ["Montreal", "montréal", "MONTREAL"])
def test_accents_are_found_however_typed(gw, typed):
    res = gw.find_customers(typed, sales_area=US)
    cities = {h.city for h in res.hits}
    assert "15001" in numbers(res) and {"Montreal", "Montréal"} <= cities


def test_a_widened_search_says_so(gw):
    assert "accents and umlauts" in gw.find_customers("Muller", sales_area=DE).note
    assert gw.find_customers("Müller Präzision", sales_area=DE).note == ""  # found as typed


# --------------------------------------------------------------------------- item 3: as typed


def test_customer_search_text_is_literal(gw):
    with pytest.raises(ValueError):
        gw.find_customers("%", sales_area=US)
    with pytest.raises(ValueError):
        gw.find_customers("**", sales_area=US)
    assert "10080" in numbers(gw.find_customers("Tool & Die", sales_area=US))
    # as wildcards, "M%i" and "Mi*" would find every 'Miami...' and 'Mi...'; as typed nobody
    assert len(gw.find_customers("M%i", sales_area=US)) == 0
    assert len(gw.find_customers("Mi*", sales_area=US)) == 0
    assert numbers(gw.find_customers("O'Brien Industrial", sales_area=US)) == ["15002"]


def test_hash_and_stars_in_material_searches_mean_themselves(gw):
    def found(text):
        return {h.number for h in gw.find_materials(text, sales_area=US).hits}

    assert found("#10 SCREW") == {"WS-10-ASST"}  # not "M10 SCREW ..." (an unescaped '#1' is '1')
    assert found("M10 SCREW") == {"WS-M10-050"}
    assert found("10 SCREW") == {"WS-10-ASST", "WS-M10-050"}
    assert found("HB-38#") == {"WS-HB38-KIT"}  # not HB-38-100 and its family
    assert found("screw #10") == {"WS-10-075"}
    assert found("HB-38*") == set()  # a star is a star


def test_long_material_descriptions(gw, company):
    makt = company.table("MAKT")
    desc = next(makt.get(r, "MAKTX") for r in makt.rows if len(makt.get(r, "MAKTX")) == 40)
    for text in (desc, desc[:39], desc[1:], desc[:38]):
        res = gw.find_materials(text, sales_area=US)
        assert any(h.description == desc for h in res.hits), text
    res = gw.find_materials(desc + "X", sales_area=US)
    assert len(res) == 0 and "40 characters" in res.note  # said, not an empty list without a reason


# --------------------------------------------------------------------------- item 5: ship-to accounts


def test_ship_to_accounts_are_marked_and_name_their_sold_tos(gw):
    (hit,) = gw.find_customers("60018", sales_area=US).hits
    assert hit.ship_to_only
    sold = gw.sold_tos_of("60018", US)
    assert [h.number for h in sold] == ["10023"] and not sold[0].ship_to_only
    assert not gw.find_customers("10023", sales_area=US).hits[0].ship_to_only
    assert gw.sold_tos_of("10023", US) == ()  # a sold-to is its own ship-to, not anyone else's


# --------------------------------------------------------------------------- item 17 and class 6: phones


def test_a_number_without_area_code_is_found_and_says_who_matched(gw):
    res = gw.find_customers("555-0142", sales_area=US)
    (maria,) = [h for h in res.hits if h.number == "10023"]
    assert maria.matched_contact == "Maria Alvarez, Purchasing"
    assert maria.matched_phone == "+1 (937) 555-0142"
    assert "no area code" in res.note and "+1" in res.note
    # the whole number names her too; the company's own number names nobody
    (hit,) = gw.find_customers("937-555-0142", sales_area=US).hits
    assert hit.matched_contact == "Maria Alvarez, Purchasing" and not gw.find_customers(
        "(937) 555-0100", sales_area=US).hits[0].matched_contact


def test_phone_numbers_are_read_in_the_sales_areas_country(gw):
    # a German number dialled nationally: found in the Hamburg sales area, meaningless in the US
    assert numbers(gw.find_customers("040 5550 1110", sales_area=DE)) == ["10110"]
    assert "10110" not in numbers(gw.find_customers("040 5550 1110", sales_area=US))
    # and without its city code, in Germany
    res = gw.find_customers("5550 1110", sales_area=DE)
    assert "10110" in numbers(res) and "+49" in res.note
    assert "15000" in numbers(gw.find_customers("0221 5550 1500", sales_area=DE))
