"""What a typed search text must be before it goes to SAP: the one rule, for screens and adapter.

Both the search screens (``check_query``, which answers with a sentence for the field) and the RFC
adapter (``clean_query``, which raises ``ValueError`` with the same sentence) take it from here;
nothing here imports UI code. The rule:

* control and format characters (Unicode category C) are dropped, odd spaces (category Z: a
  no-break space, a line separator) become spaces; runs of spaces become one; the text is
  trimmed. Empty means "no search yet";
* at most ``MAX_QUERY`` (200) characters;
* at least ``MIN_QUERY`` (2) letters or digits (``str.isalnum``): punctuation alone identifies
  nothing;
* every character is searched **as typed**. ``* % _ + ? #`` are not wildcards: "A+B" searches
  "A+B", "50%" searches "50%", "#10 SCREW" searches "#10 SCREW" (``LITERAL_CHARACTERS``). The
  adapter escapes them in SAP's patterns (``cp_pattern``: ``#`` is the escape character of SAP's
  ``*``/``+`` patterns, so ``*`` ``+`` ``#`` are written ``#*`` ``#+`` ``##``); where a pattern
  cannot say a character exactly, it matches more and the adapter keeps only what contains the
  text.

``search_fragment`` is what a name, city or description pattern is built around (upper case the
way ABAP's ``TRANSLATE ... TO UPPER CASE`` makes it: one character stays one character, so ``ß``
stays ``ß`` and a pattern never grows past its field); ``fold`` is how the adapter compares two
texts "the way a person reading them would": case, accents and umlauts ignored, ``ü`` = ``ue`` =
``u`` (see ``assumptions.MATCHCODE_KEEPS_DIACRITICS``).
"""

from __future__ import annotations

import unicodedata

#: Fewest letters or digits a search takes (SAP's search helps want at least two characters).
MIN_QUERY = 2
#: Most characters a search takes (the longest pattern an RFC_DB_OPT row can carry is less).
MAX_QUERY = 200

#: Characters that are wildcards or escapes somewhere in SAP (CP patterns: * + #; LIKE: % _)
#: or were once stripped (?): all are searched as typed. Screens can quote this in their hint.
LITERAL_CHARACTERS = "*%_+?#"
LITERAL_NOTE = "* % _ + ? # are searched as typed"

#: SAP's CP pattern wildcards (any string, one character) and its escape character.
CP_WILDCARDS = "*+"
CP_ESCAPE = "#"


# --------------------------------------------------------------------------- the rule


def _normalize(text: str) -> str:
    kept = "".join(
        "" if (cat := unicodedata.category(ch)[0]) == "C" else " " if cat == "Z" else ch for ch in (text or "")
    )
    return " ".join(kept.split())


def _problem(query: str) -> str:
    """Why ``query`` (already normalized) cannot go to SAP; "" when it can."""
    if len(query) > MAX_QUERY:
        return f"Too long ({len(query)} characters): a search takes at most {MAX_QUERY}"
    significant = sum(1 for ch in query if ch.isalnum())
    if significant < MIN_QUERY:
        if any(ch in LITERAL_CHARACTERS for ch in query):
            return f"{LITERAL_NOTE}, not as wildcards: type at least {MIN_QUERY} letters or digits"
        return f"Type at least {MIN_QUERY} characters"
    return ""


def check_query(text: str) -> tuple[str, str]:
    """Decide whether a typed search goes to SAP: returns (query, problem); problem "" = go.

    An empty text comes back as ("", ""): nothing to search, nothing to complain about. A text
    that cannot go comes back as ("", the reason). A query that goes comes back normalized (the
    text the adapter searches), with a note when characters were dropped from it.
    """
    query = _normalize(text)
    if not query:
        return "", ""
    problem = _problem(query)
    if problem:
        return "", problem
    dropped = any(unicodedata.category(ch)[0] == "C" for ch in text)
    return query, ("Control characters were ignored" if dropped else "")


def clean_query(query: str) -> str:
    """The same rule for the adapter: the normalized text, or ``ValueError`` with the reason."""
    text = _normalize(query)
    if not text:
        raise ValueError("Type a customer number, name, city, postal code or phone number")
    problem = _problem(text)
    if problem:
        raise ValueError(problem)
    return text


# --------------------------------------------------------------------------- building patterns


def sap_upper(text: str) -> str:
    """Upper case as ABAP's TRANSLATE TO UPPER CASE makes it: one character stays one character
    (``ß`` stays ``ß``; Python's ``"ß".upper()`` would be ``"SS"``)."""
    return "".join(up if len(up := ch.upper()) == 1 else ch for ch in text)


def search_fragment(text: str, *, upper: bool = False) -> str:
    """The part of a cleaned query a name, city or description pattern is built around: the text
    as typed (nothing removed), in ``sap_upper`` case when asked. ``ValueError`` when it has fewer
    than ``MIN_QUERY`` letters or digits."""
    fragment = text.strip()
    if upper:
        fragment = sap_upper(fragment)
    if sum(1 for ch in fragment if ch.isalnum()) < MIN_QUERY:
        raise ValueError(f"Type at least {MIN_QUERY} letters or digits")
    return fragment


def cp_escape(text: str) -> str:
    """``text`` as literal characters of an SAP CP pattern: ``*`` ``+`` ``#`` get the escape ``#``."""
    return "".join(CP_ESCAPE + ch if ch in CP_WILDCARDS + CP_ESCAPE else ch for ch in text)


def cp_pattern(text: str, *, room: int) -> tuple[str, str]:
    """``*text*`` as a CP pattern of at most ``room`` characters, and the part of ``text`` it holds.

    When the escaped text does not fit, it is cut (never inside an escape) and the caller narrows
    the hits on the whole text; the second value says what the pattern searched.
    """
    held = text
    while held and len(cp_escape(held)) + 2 > room:
        held = held[:-1]
    return f"*{cp_escape(held)}*", held


def unaccent(text: str) -> str:
    """``text`` in capitals with accents and umlauts dropped: ``é`` -> ``E``, ``ü`` -> ``U``,
    ``ß`` -> ``SS``, ``Æ`` -> ``AE``."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return plain.upper().translate(_FOLD_LETTERS)


def fold(text: str) -> str:
    """``text`` for comparing as a reader would: ``unaccent``, and the German spellings
    ``AE OE UE`` read as ``A O U``, so "Müller", "Mueller" and "Muller" all fold to ``MULLER``
    (both sides of a comparison are folded, so "Querétaro" still equals "QUERETARO")."""
    return unaccent(text).replace("AE", "A").replace("OE", "O").replace("UE", "U")


_FOLD_LETTERS = str.maketrans({"Æ": "AE", "Œ": "OE", "Ø": "O", "Ł": "L", "Đ": "D", "Ð": "D", "Þ": "TH", "ẞ": "SS"})
