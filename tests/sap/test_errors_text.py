"""What the SAP layer's errors say, word for word (issue 14, mutation testing of errors.py).

A user reads these on screen: which of SAP's messages a refusal shows, and the two ways out when
no RFC library (or no SDK) is installed.
"""

from __future__ import annotations

import pytest

from ordertui.model import SapMessage
from ordertui.sap import errors as E

WARNING = SapMessage("W", "V1", "555", "Price is a manual price")
ERROR = SapMessage("E", "V1", "392", "Material 216 not defined")
ABORT = SapMessage("A", "V1", "001", "Update terminated")


def test_a_refusal_shows_the_first_error_among_its_messages():
    e = E.SapBusinessError(messages=(WARNING, ERROR, ABORT))
    assert str(e) == e.message == "Material 216 not defined"
    assert e.messages == (WARNING, ERROR, ABORT)


def test_a_refusal_without_an_error_shows_its_first_message():
    assert str(E.SapBusinessError(messages=(WARNING, SapMessage("I", "", "", "later")))) == "Price is a manual price"


def test_a_refusal_with_its_own_words_keeps_them():
    e = E.SapBusinessError("SAP did not create the order", messages=(ERROR,))
    assert str(e) == "SAP did not create the order" and e.messages == (ERROR,)


def test_a_refusal_without_words_or_messages_is_its_title():
    assert str(E.SapBusinessError()) == "SAP rejected the request"
    assert str(E.NotFound()) == "Not found"
    assert str(E.NotFound(messages=(ERROR,))) == "Material 216 not defined"


@pytest.mark.parametrize(
    ("cls", "title", "luw_lost"),
    [(E.SapError, "SAP error", False), (E.SapUnreachable, "SAP unreachable", True),
     (E.SapTimeout, "SAP did not answer in time", True), (E.LogonFailed, "Logon failed", False),
     (E.NotAuthorized, "Not authorized", False), (E.SapSystemError, "SAP runtime error", True),
     (E.OrderOutcomeUnknown, "Not known whether saved", True)],
)
def test_titles_and_whether_the_session_is_lost(cls, title, luw_lost):
    e = cls()
    assert (cls.title, str(e), e.message, e.args, e.luw_lost) == (title, title, title, (title,), luw_lost)


def test_an_outcome_unknown_carries_what_a_lookup_needs():
    e = E.OrderOutcomeUnknown("broke off", customer_po="PO-1", known_before=["412120"], cause="SAP unreachable")
    assert (str(e), e.customer_po, e.known_before, e.cause) == ("broke off", "PO-1", frozenset({"412120"}), "SAP unreachable")
    blank = E.OrderOutcomeUnknown()
    assert (blank.known_before, blank.customer_po, blank.cause, blank.messages) == (frozenset(), "", "", ())
    assert E.OrderOutcomeUnknown(messages=(ERROR,)).messages == (ERROR,)


PYRFC_MISSING = (
    "No pyrfc library is installed. Install one of:  pip install 'ordertui[rfc]'  "
    "(pyrfcx, needs SAP's NW RFC SDK)  or  pip install 'ordertui[rfc-nosdk]'  "
    "(erpl-pyrfc, no SDK, BUSL-1.1 licence)."
)
SDK_MISSING = (
    "pyrfc (pyrfcx) needs SAP's NW RFC SDK, which was not found. Either install the SDK "
    "(SAP Support Portal, 'SAP NW RFC SDK 7.50'; an S-user is needed) and set SAPNWRFC_HOME "
    "to its directory, or use the library that needs no SDK:  pip uninstall pyrfcx && "
    "pip install 'ordertui[rfc-nosdk]'  (erpl-pyrfc, BUSL-1.1 licence)."
)


def test_no_rfc_library_names_both_ways_out():
    e = E.PyrfcMissing()
    assert str(e) == PYRFC_MISSING and e.title == "No SAP RFC library installed"
    assert str(E.PyrfcMissing("pyrfc is broken")) == "pyrfc is broken"


def test_no_sdk_names_both_ways_out_and_the_first_line_of_the_cause():
    assert str(E.RfcSdkMissing()) == SDK_MISSING
    assert str(E.RfcSdkMissing("  \n ")) == SDK_MISSING
    detail = "  libsapnwrfc.so: cannot open shared object file\nTraceback (most recent call last):\n  ..."
    assert str(E.RfcSdkMissing(detail)) == SDK_MISSING + " (libsapnwrfc.so: cannot open shared object file)"
    e = E.RfcSdkMissing()
    assert isinstance(e, E.PyrfcMissing) and e.title == "SAP NW RFC SDK missing"


def test_raise_for_errors_raises_a_refusal_unless_told_it_means_not_found():
    from ordertui.sap.rfc.messages import raise_for_errors

    raise_for_errors([WARNING, SapMessage("S", "V1", "311", "saved")])  # no error: nothing raised
    with pytest.raises(E.SapBusinessError) as e:
        raise_for_errors(iter([WARNING, ERROR]))
    assert type(e.value) is E.SapBusinessError and e.value.messages == (WARNING, ERROR)
    with pytest.raises(E.NotFound) as e:
        raise_for_errors([ABORT], not_found=True)
    assert str(e.value) == "Update terminated"
    for typ in ("E", "A", "X"):
        with pytest.raises(E.SapBusinessError):
            raise_for_errors([SapMessage(typ, "", "", "x")])


def test_whether_an_answer_carries_an_error_for_the_call_event():
    from ordertui.sap.rfc.messages import _has_error_message

    assert not _has_error_message(None) and not _has_error_message([{"TYPE": "E"}])
    assert not _has_error_message({})
    assert _has_error_message({"RETURN": {"TYPE": "e", "MESSAGE": "x"}})
    assert _has_error_message({"RETURN": [{"TYPE": "S"}, {"TYPE": " A "}]})
    assert _has_error_message({"MESSAGETABLE": [{"TYPE": "X"}]})
    assert not _has_error_message({"RETURN": {"TYPE": "W"}, "MESSAGETABLE": [{"TYPE": "S"}, "junk"]})
    assert not _has_error_message({"RETURN": [], "MESSAGETABLE": None, "OTHER": [{"TYPE": "E"}]})
    assert not _has_error_message({"RETURN": [{"TYPE": ""}], "MESSAGETABLE": [{"MESSAGE": "E"}]})
