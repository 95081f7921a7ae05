"""A faxed or e-mailed order, pasted as a block of text -> order lines.

Handles what order takers paste in practice::

    HB-38-100  40 EA          material, quantity, unit
    40 x HB38100              quantity "x" material
    HB38100;40                delimited (tab, semicolon, comma, pipe)
    10  HB-38-100  40         a position number in front
    40EA HB-38-100 HEX BOLT   unit glued to the quantity, description words after

Header lines and blank lines are skipped ("Material  Qty", "Thanks, Maria"); a "PO 4500-7781"
line is recognised as the customer's PO number. Every other line that carries digits but cannot
be read as one material and one quantity is returned *with its text* and the reason, for the user
to correct — a wrong quantity taken silently is worse than a line to retype, so a line with two
candidate quantities and nothing to tell them apart is not guessed.

Control characters are stripped, Unicode is normalised (NFKC: non-breaking spaces, full-width
digits), and the work is linear in the text: a 10,000-character paste is parsed in milliseconds.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ordertui import format as fmt

#: Characters of a paste that are looked at; the rest is reported as cut.
MAX_PASTE_CHARS = 200_000
#: A line longer than this is not an order line.
MAX_LINE_CHARS = 400
#: How much of a source line is kept to show the user.
SOURCE_SHOWN = 120

#: Units as faxes write them -> the display unit SAP uses (CUNIT output, English). Only the
#: spellings of "piece" and "case" are translated; any other unit is taken as written and SAP
#: says whether the material has it.
UNIT_SYNONYMS = {
    "EA": "PC", "EACH": "PC", "PCS": "PC", "PCE": "PC", "PIECE": "PC", "PIECES": "PC", "STK": "PC", "ST": "PC",
    "CS": "CAR", "CASE": "CAR", "CASES": "CAR", "CTN": "CAR", "CARTON": "CAR", "CARTONS": "CAR", "KAR": "CAR",
    "PAK": "PAC", "KGS": "KG", "LTR": "L", "LITER": "L", "LITRE": "L",
}
#: Units taken as units when they follow a quantity.
KNOWN_UNITS = frozenset(UNIT_SYNONYMS) | frozenset(
    {"PC", "CAR", "PAC", "KG", "G", "L", "ML", "M", "CM", "MM", "BOX", "SET", "PR", "ROL", "DZ", "FT", "LB", "GAL", "BAG", "DR"}
)
#: Words between a quantity and a material that mean nothing for the order.
FILLER = frozenset({"X", "×", "*", "@", "OF", "QTY", "QTY.", "QUANTITY", "MAT", "MAT.", "MATERIAL", "ITEM", "PART", "NO", "NO.", "#"})

#: Words that make a line without digits an order line all the same ("twelve cases of the blue
#: adhesive"): it is reported for correction instead of being skipped as text.
ORDER_WORDS = frozenset(
    {
        "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN", "ELEVEN", "TWELVE",
        "TWENTY", "THIRTY", "FORTY", "FIFTY", "HUNDRED", "DOZEN", "EA", "EACH", "PCS", "PIECE", "PIECES",
        "CS", "CASE", "CASES", "CTN", "CARTON", "CARTONS", "BOX", "BOXES", "KG", "KGS", "LB", "LBS", "GAL",
    }
)

_QTY = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+")
_QTY_UNIT = re.compile(r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)([A-Za-z×]{1,7})")
_UNIT_QTY = re.compile(r"([xX×])(\d+(?:\.\d+)?)")
_MATERIAL = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-_/.#+]*")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_SEPARATORS = re.compile(r"[\t;|]+|\s+")
#: columns that are not thousands separators: "material;qty;price" takes the first number
_DELIMITED = re.compile(r"[\t;|]")
_PO_LINE = re.compile(
    r"^\s*(?:p\.?\s?o\.?|purchase\s+order|order\s+no\.?|customer\s+po)\s*(?:no\.?|number|nr\.?|#)?\s*[:#.\-]?\s*([A-Za-z0-9][\w\-/.]*)\s*$",
    re.IGNORECASE,
)
#: CSI (ESC [ ... or 0x9B ...) and OSC (ESC ] ... BEL or ST) sequences
_ESCAPES = re.compile(r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?")
_MONEY = re.compile(r"[$€£]|\d+\.\d{2}$")


@dataclass(frozen=True)
class PastedLine:
    material: str
    quantity: str  # as SAP-ready text: no thousands separators
    unit: str  # display unit, "" = the material's sales unit
    source: str
    row: int  # 1-based line of the paste


@dataclass(frozen=True)
class Unreadable:
    source: str
    row: int
    reason: str


@dataclass(frozen=True)
class PasteResult:
    lines: tuple[PastedLine, ...]
    unreadable: tuple[Unreadable, ...]
    #: header, text and blank lines left out
    skipped: int = 0
    #: a customer PO number found in the text ("PO 4500-7781"), "" = none
    po: str = ""
    #: the paste was longer than MAX_PASTE_CHARS and was cut
    truncated: bool = False
    #: control characters were dropped
    cleaned: bool = False


def clean(text: str) -> tuple[str, bool]:
    """Normalise line ends and Unicode, drop terminal escape sequences (a paste out of another
    terminal carries colours) and control characters but tabs and newlines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, escapes = _ESCAPES.subn("", text)
    text = unicodedata.normalize("NFKC", text)
    kept = []
    dropped = False
    for ch in text:
        if ch in "\n\t":
            kept.append(ch)
        elif unicodedata.category(ch)[0] == "C":
            dropped = True
        else:
            kept.append(ch)
    return "".join(kept), dropped or bool(escapes)


def parse_paste(text: str, *, max_lines: int | None = None) -> PasteResult:
    """Read a pasted block. ``max_lines``: order lines wanted at most (the rest is unreadable)."""
    truncated = len(text) > MAX_PASTE_CHARS
    text, cleaned = clean(text[:MAX_PASTE_CHARS])
    lines: list[PastedLine] = []
    unreadable: list[Unreadable] = []
    skipped = 0
    po = ""
    for row, raw in enumerate(text.split("\n"), start=1):
        source = raw.strip()
        if not source:
            skipped += 1
            continue
        shown = source[:SOURCE_SHOWN]
        if len(source) > MAX_LINE_CHARS:
            unreadable.append(Unreadable(shown, row, "too long for an order line"))
            continue
        found_po = _po_of(source)
        if found_po:
            po = po or found_po
            skipped += 1
            continue
        verdict = read_line(source)
        if verdict is None:
            skipped += 1
        elif isinstance(verdict, str):
            unreadable.append(Unreadable(shown, row, verdict))
        elif max_lines is not None and len(lines) >= max_lines:
            unreadable.append(Unreadable(shown, row, "the order has no room for more lines"))
        else:
            material, quantity, unit = verdict
            lines.append(PastedLine(material, quantity, unit, shown, row))
    return PasteResult(tuple(lines), tuple(unreadable), skipped, po, truncated, cleaned)


def _po_of(line: str) -> str:
    m = _PO_LINE.match(line)
    if not m:
        return ""
    value = m.group(1).strip(".-")
    return value if 0 < len(value) <= 35 and any(ch.isdigit() for ch in value) else ""


# --------------------------------------------------------------------------- one line


def _tokens(line: str) -> list[str]:
    """Split on blanks, tabs, semicolons, pipes and commas (but not in 1,250); unglue 40EA and x40."""
    out: list[str] = []
    for chunk in _SEPARATORS.split(line):
        if not chunk:
            continue
        whole = "," not in chunk or _THOUSANDS.fullmatch(chunk) or _QTY_UNIT.fullmatch(chunk)
        parts = [chunk] if whole else [p for p in chunk.split(",") if p]
        for part in parts:
            part = part.strip("()[]{}:\"'")
            part = part.rstrip(".,") if not _QTY.fullmatch(part) else part
            if not part:
                continue
            glued = _QTY_UNIT.fullmatch(part)
            if glued and (glued.group(2).upper() in KNOWN_UNITS or glued.group(2).upper() in ("X", "×")):
                out += [glued.group(1), glued.group(2)]
                continue
            before = _UNIT_QTY.fullmatch(part)
            if before:
                out += [before.group(1), before.group(2)]
                continue
            out.append(part)
    return out


def _is_quantity(token: str) -> bool:
    return bool(_QTY.fullmatch(token))


def _is_material(token: str) -> bool:
    if not _MATERIAL.fullmatch(token) or not any(ch.isdigit() for ch in token):
        return False
    letters = any(ch.isalpha() for ch in token)
    if "/" in token and not letters:
        return False  # 3/8, 12/04/2026: a size or a date
    if token.replace(",", "").replace(".", "").isdigit():
        digits = token.isdigit()
        return digits and len(token) >= 5  # 100100 is a material; 40 and 2.5 are quantities
    if not letters and token.count(".") and token.replace(".", "").replace("-", "").isdigit():
        return "-" in token  # 12.04.2026 is a date; 4500-7781 could be a material
    return True


def read_line(line: str) -> tuple[str, str, str] | str | None:
    """One pasted line -> (material, quantity, unit), or the reason it cannot be read, or None for a
    line that is no order line at all (no digits: a header, a greeting)."""
    if not any(ch.isdigit() for ch in line):
        words = {w.upper() for w in re.findall(r"[A-Za-z]+", line)}
        return "no material number" if words & ORDER_WORDS else None
    tokens = _tokens(line)
    upper = [t.upper() for t in tokens]
    materials = [i for i, t in enumerate(tokens) if _is_material(t)]
    if not materials:
        return "no material number"
    # a number with letters or dashes is the material before a bare number is; a bare number
    # followed by "x" is the quantity of "10000 x 100100"
    strong = [i for i in materials if not tokens[i].isdigit()]
    weak = [i for i in materials if tokens[i].isdigit() and not (i + 1 < len(tokens) and upper[i + 1] in ("X", "×"))]
    m = (strong or weak or materials)[0]
    material = upper[m]
    numbers = [i for i, t in enumerate(tokens) if i != m and _is_quantity(t)]
    if not numbers:
        return f"no quantity for {material[:24]}"

    def unit_after(i: int) -> str:
        if i + 1 < len(tokens) and i + 1 != m and upper[i + 1] in KNOWN_UNITS:
            return UNIT_SYNONYMS.get(upper[i + 1], upper[i + 1])
        return ""

    def next_to_x(i: int) -> bool:
        return any(0 <= j < len(tokens) and upper[j] in ("X", "×", "*", "@") for j in (i - 1, i + 1))

    chosen: int | None = None
    with_unit = [i for i in numbers if unit_after(i)]
    delimited = bool(_DELIMITED.search(line))
    if len(with_unit) == 1:
        chosen = with_unit[0]
    elif len(with_unit) > 1:
        return "several quantities with units: which one?"
    else:
        after = [i for i in numbers if i > m]
        before = [i for i in numbers if i < m]
        if after and not (before and any(next_to_x(i) for i in before) and not any(next_to_x(i) for i in after)):
            candidates = after
            if len(candidates) > 1:
                not_money = [i for i in candidates if not _MONEY.search(tokens[i])]
                if len(not_money) == 1:
                    candidates = not_money
                elif delimited:
                    candidates = candidates[:1]  # material;qty;price columns: the first after
                    # (not for commas: in "100100,1,250" the 1,250 may be one number)
            if len(candidates) > 1:
                x_marked = [i for i in candidates if next_to_x(i)]
                if len(x_marked) == 1:
                    candidates = x_marked
            if len(candidates) != 1:
                return "several numbers: which is the quantity?"
            chosen = candidates[0]
        elif before:
            x_marked = [i for i in before if next_to_x(i)]
            if len(before) == 1:
                chosen = before[0]
            elif len(x_marked) == 1:
                chosen = x_marked[0]
            else:
                chosen = before[-1] if len(before) == 2 and upper[before[-1] + 1 : m] == [] else None
            if chosen is None:
                return "several numbers: which is the quantity?"
    assert chosen is not None
    quantity = tokens[chosen].replace(",", "")
    try:
        fmt.parse_quantity(quantity)
    except ValueError as error:
        return f"quantity: {error}"
    return material, quantity, unit_after(chosen)
