"""Open SQL WHERE clauses as RFC_READ_TABLE receives them in OPTIONS.

Supports  = <> < > <= >= EQ NE LT GT LE GE, LIKE / NOT LIKE (% and _), [NOT] IN ( 'a', 'b' ),
BETWEEN a AND b, AND, OR, NOT and parentheses. Literals are quoted ('it''s'); numbers may be bare.
Anything else raises :class:`OptionNotValid` (the FM turns it into exception OPTION_NOT_VALID).
The compiled predicate works on row tuples of a :class:`ddic.Table`; equality and IN terms on a
field become index look-ups (see :func:`candidates`).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation


class OptionNotValid(Exception):
    pass


_TOKEN = re.compile(
    r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<op><>|<=|>=|=|<|>)|(?P<lp>\()|(?P<rp>\))|(?P<comma>,)"
    r"|(?P<word>[A-Za-z_~/][A-Za-z0-9_~/-]*)|(?P<num>[+-]?\d+(?:\.\d+)?))"
)
_WORD_OPS = {"EQ": "=", "NE": "<>", "LT": "<", "GT": ">", "LE": "<=", "GE": ">="}
_KEYWORDS = {"AND", "OR", "NOT", "LIKE", "IN", "BETWEEN", "ESCAPE", "IS", "NULL"}


def tokenize(text: str) -> list[tuple[str, str]]:
    tokens = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise OptionNotValid(f"cannot parse at {text[pos:pos + 20]!r}")
        pos = m.end()
        kind = m.lastgroup
        value = m.group(kind)
        if kind == "str":
            tokens.append(("str", value[1:-1].replace("''", "'")))
        elif kind == "word":
            up = value.upper()
            if up in _WORD_OPS:
                tokens.append(("op", _WORD_OPS[up]))
            elif up in _KEYWORDS:
                tokens.append(("kw", up))
            else:
                tokens.append(("name", up))
        else:
            tokens.append((kind, value))
    return tokens


# AST: ("and", [..]) ("or", [..]) ("not", x) ("cmp", field, op, literal) ("like", field, pat, neg)
#      ("in", field, [literals], neg) ("between", field, lo, hi, neg)

class _Parser:
    def __init__(self, tokens, fields):
        self.t = tokens
        self.i = 0
        self.fields = fields

    def peek(self, offset=0):
        j = self.i + offset
        return self.t[j] if j < len(self.t) else (None, None)

    def take(self, kind=None, value=None):
        tok = self.peek()
        if tok[0] is None or (kind and tok[0] != kind) or (value and tok[1] != value):
            raise OptionNotValid(f"expected {value or kind}, found {tok[1]!r}")
        self.i += 1
        return tok

    def parse(self):
        if not self.t:
            return None
        node = self.expr_or()
        if self.i != len(self.t):
            raise OptionNotValid(f"unexpected {self.peek()[1]!r}")
        return node

    def expr_or(self):
        parts = [self.expr_and()]
        while self.peek() == ("kw", "OR"):
            self.i += 1
            parts.append(self.expr_and())
        return parts[0] if len(parts) == 1 else ("or", parts)

    def expr_and(self):
        parts = [self.expr_not()]
        while self.peek() == ("kw", "AND"):
            self.i += 1
            parts.append(self.expr_not())
        return parts[0] if len(parts) == 1 else ("and", parts)

    def expr_not(self):
        if self.peek() == ("kw", "NOT"):
            self.i += 1
            return ("not", self.expr_not())
        return self.atom()

    def literal(self):
        kind, value = self.peek()
        if kind in ("str", "num"):
            self.i += 1
            return value
        raise OptionNotValid(f"literal expected, found {value!r}")

    def atom(self):
        kind, value = self.peek()
        if kind == "lp":
            self.i += 1
            node = self.expr_or()
            self.take("rp")
            return node
        if kind != "name":
            raise OptionNotValid(f"field name expected, found {value!r}")
        self.i += 1
        field = value
        if field not in self.fields:
            raise OptionNotValid(f"unknown column {field}")
        neg = False
        if self.peek() == ("kw", "NOT"):
            self.i += 1
            neg = True
        kind, value = self.peek()
        if kind == "op" and not neg:
            self.i += 1
            return ("cmp", field, value, self.literal())
        if (kind, value) == ("kw", "LIKE"):
            self.i += 1
            pattern = self.literal()
            if self.peek() == ("kw", "ESCAPE"):
                raise OptionNotValid("ESCAPE not supported")
            return ("like", field, pattern, neg)
        if (kind, value) == ("kw", "IN"):
            self.i += 1
            self.take("lp")
            values = [self.literal()]
            while self.peek()[0] == "comma":
                self.i += 1
                values.append(self.literal())
            self.take("rp")
            return ("in", field, values, neg)
        if (kind, value) == ("kw", "BETWEEN"):
            self.i += 1
            lo = self.literal()
            self.take("kw", "AND")
            hi = self.literal()
            return ("between", field, lo, hi, neg)
        raise OptionNotValid(f"operator expected after {field}, found {value!r}")


def parse(text: str, fields) -> object:
    """Parse a WHERE clause against a collection of column names."""
    return _Parser(tokenize(text), fields).parse()


def _like_regex(pattern: str):
    out = []
    for ch in pattern:
        if ch == "%":
            out.append(".*")
        elif ch == "_":
            out.append(".")
        else:
            out.append(re.escape(ch))
    return re.compile("".join(out) + r"\Z", re.S)


def _coerce(table, field: str, literal: str):
    f = table.fields[table.pos[field]]
    if f.type == "P":
        try:
            return Decimal(literal)
        except InvalidOperation:
            raise OptionNotValid(f"not a number: {literal!r}") from None
    if f.type == "I":
        try:
            return int(literal)
        except ValueError:
            raise OptionNotValid(f"not a number: {literal!r}") from None
    if f.type == "N":
        return literal.zfill(f.length) if literal.isdigit() else literal
    return literal.rstrip()


_OPS = {
    "=": lambda a, b: a == b, "<>": lambda a, b: a != b, "<": lambda a, b: a < b,
    ">": lambda a, b: a > b, "<=": lambda a, b: a <= b, ">=": lambda a, b: a >= b,
}


def compile_predicate(node, table):
    """A function row -> bool for the parsed clause (None = every row)."""
    if node is None:
        return lambda row: True
    kind = node[0]
    if kind in ("and", "or"):
        preds = [compile_predicate(n, table) for n in node[1]]
        if kind == "and":
            return lambda row: all(p(row) for p in preds)
        return lambda row: any(p(row) for p in preds)
    if kind == "not":
        inner = compile_predicate(node[1], table)
        return lambda row: not inner(row)
    p = table.pos[node[1]]
    if kind == "cmp":
        value = _coerce(table, node[1], node[3])
        op = _OPS[node[2]]
        if node[2] == "=":
            return lambda row: row[p] == value
        return lambda row: op(row[p], value)
    if kind == "like":
        rx = _like_regex(node[2])
        neg = node[3]
        return lambda row: (rx.match(row[p]) is None) if neg else (rx.match(row[p]) is not None)
    if kind == "in":
        values = {_coerce(table, node[1], v) for v in node[2]}
        neg = node[3]
        return lambda row: (row[p] not in values) if neg else (row[p] in values)
    if kind == "between":
        lo = _coerce(table, node[1], node[2])
        hi = _coerce(table, node[1], node[3])
        neg = node[4]
        return lambda row: (not lo <= row[p] <= hi) if neg else (lo <= row[p] <= hi)
    raise OptionNotValid(f"unsupported {kind}")


def candidates(node, table) -> list[tuple] | None:
    """Rows that can match, from equality/IN terms via indexes; None = scan everything."""
    if node is None:
        return None
    kind = node[0]
    if kind == "cmp" and node[2] == "=":
        return table.lookup(node[1], _coerce(table, node[1], node[3]))
    if kind == "in" and not node[3]:
        return _union(table.lookup(node[1], _coerce(table, node[1], v)) for v in node[2])
    if kind == "and":
        best = None
        for child in node[1]:
            c = candidates(child, table)
            if c is not None and (best is None or len(c) < len(best)):
                best = c
        return best
    if kind == "or":
        parts = []
        for child in node[1]:
            c = candidates(child, table)
            if c is None:
                return None
            parts.append(c)
        return _union(parts)
    return None


def _union(parts) -> list[tuple]:
    seen: set[int] = set()
    out = []
    for rows in parts:
        for r in rows:
            if id(r) not in seen:
                seen.add(id(r))
                out.append(r)
    return out
