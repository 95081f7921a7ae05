"""What a typed search text must be before it goes to SAP: the one module that decides it.

Both the search screens and the RFC adapter take their rule from here; nothing here imports UI
code. Today there are still TWO rules, kept exactly as they were when they lived in
``ordertui/screens/search.py`` and ``ordertui/sap/rfc.py`` (issue 7 moved them here unchanged;
tests and snapshots pin both):

1. **At the field** (``check_query``, used by the Customers and Products search screens): control
   characters (Unicode category C) are dropped and the text trimmed; empty means "no search yet";
   at most ``MAX_QUERY`` (200) characters; at least ``MIN_QUERY`` (2) characters that are neither
   whitespace nor one of ``SCREEN_WILDCARDS`` = ``* % _ ?``; returns ``(query, problem)``.
2. **In the adapter** (``clean_query``, then ``search_fragment`` or ``strip_wildcards``, used by
   ``RfcGateway.find_customers`` / ``find_materials``): characters that are not printable become
   spaces and runs of whitespace collapse to one; 2 to 200 characters, else ``ValueError``; before
   a LIKE / CP pattern is built, ``ADAPTER_WILDCARDS`` = ``* % _ +`` are removed (user text is
   never a pattern), and a name, city or material search needs 2 characters after that.

So the two disagree on the fourth wildcard (``?`` vs ``+``), on what counts toward the minimum
(spaces inside the text count in the adapter, not at the field), on non-printable characters that
are not control characters (e.g. a no-break space: kept at the field, a space in the adapter) and
on how the answer is given (a message vs ``ValueError``). Issue 8 item 3 replaces them with one
rule; until then, change neither here without that issue.
"""

from __future__ import annotations

import unicodedata

#: Fewest significant characters a search takes (SAP's search helps want at least two).
MIN_QUERY = 2
#: Most characters a search takes (the longest pattern an RFC_DB_OPT row can carry is less).
MAX_QUERY = 200

#: Rule 1: characters the search screens say are "searched as typed, not as wildcards".
SCREEN_WILDCARDS = "*%_?"
#: Rule 2: characters the adapter removes before it builds a LIKE / CP pattern.
ADAPTER_WILDCARDS = "*%_+"


# --------------------------------------------------------------------------- rule 1: at the field


def check_query(text: str) -> tuple[str, str]:
    """Decide whether a typed search goes to SAP: returns (query, problem); problem "" = go.

    Anything SAP would reject anyway (too short, too long, only wildcards) is stopped here,
    with the reason shown at the field. An empty query comes back as ("", ""): nothing to
    search, nothing to complain about. A query that goes comes back trimmed, with a note when
    control characters were dropped from it.
    """
    kept = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    dropped = kept != text
    query = kept.strip()
    if not query:
        return "", ""
    if len(query) > MAX_QUERY:
        return "", f"Too long ({len(query)} characters): a search takes at most {MAX_QUERY}"
    significant = "".join(ch for ch in query if ch not in SCREEN_WILDCARDS and not ch.isspace())
    if len(significant) < MIN_QUERY:
        if any(ch in SCREEN_WILDCARDS for ch in query):
            shown = " ".join(SCREEN_WILDCARDS)
            return "", f"{shown} are searched as typed, not as wildcards: type at least {MIN_QUERY} letters or digits"
        return "", f"Type at least {MIN_QUERY} characters"
    return query, ("Control characters were ignored" if dropped else "")


# --------------------------------------------------------------------------- rule 2: in the adapter


def clean_query(query: str) -> str:
    """Validate a search text the way SAP would reject it anyway; return it trimmed.

    Raises ``ValueError`` (with a sentence for the user) when it is empty, too long or too short.
    """
    text = "".join(ch if ch.isprintable() else " " for ch in (query or ""))
    text = " ".join(text.split())
    if not text:
        raise ValueError("Type a customer number, name, city, postal code or phone number")
    if len(text) > MAX_QUERY:
        raise ValueError(f"Search text is too long (at most {MAX_QUERY} characters)")
    if len(text) < MIN_QUERY:
        raise ValueError(f"Type at least {MIN_QUERY} characters")
    return text


def strip_wildcards(value: str) -> str:
    """User text is never a pattern: '*', '%', '_' and '+' are removed before building one."""
    return "".join(ch for ch in value if ch not in ADAPTER_WILDCARDS)


def search_fragment(text: str, *, upper: bool = False) -> str:
    """The part of a cleaned query a name, city or description pattern is built around.

    Wildcards removed, upper-cased when asked (before the length is counted: 'ß' becomes 'SS')
    and trimmed; ``ValueError`` when fewer than ``MIN_QUERY`` characters are left.
    """
    fragment = strip_wildcards(text)
    if upper:
        fragment = fragment.upper()
    fragment = fragment.strip()
    if len(fragment) < MIN_QUERY:
        raise ValueError(f"Type at least {MIN_QUERY} characters (wildcards are not needed)")
    return fragment
