"""What may come next where the cursor is: keywords, event kinds, fields, tiers and names, chosen from
the text before the cursor, since a program being typed rarely parses. The names come from the last
version of the document that did parse (``names.Index``).

The context is read from the words before the cursor, with texts and comments blanked out: the block
the cursor is in (a rule's body, an event's fields, the tiers …), the rule whose event decides which
fields a condition may read, and the word just before."""

from __future__ import annotations

import re

import attrs

from pointrules.check.names import TYPES
from pointrules.check.values import PERIODS
from pointrules.codes import CODES
from pointrules.diagnostics import Severity
from pointrules.lsp.names import PROFILE, Index, record_of
from pointrules.program.resolve import BUILTINS, WEEKDAYS
from pointrules.syntax.grammar import DECLARATION_KEYWORDS, keywords

TOP = (*DECLARATION_KEYWORDS, "profile")
IN_BLOCK = {
    "rule": ("earn", "multiply", "limit", "expire", "pending"),
    "campaign": ("rule",),
    "tiers": ("downgrade", "keep"),
    "redeem": ("minimum", "step", "at"),
    "reward": ("limit", "for", "available", "stock"),
}
_CONDITION_AFTER = {"when", "where", "and", "or", "not", "in", "(", ",", "=", "!=", "<", "<=", ">", ">=",
                    "+", "-", "*", "/", "%", "from", "to", "by"}
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*$")
_TOKEN = re.compile(r'[A-Za-z_][A-Za-z0-9_]*|[0-9][0-9,.]*|<=|>=|!=|[{}(),:=<>+\-*/%.|]')
_OPENER = re.compile(r"(?:^|(?<=\n))[ \t]*(rule|campaign|event|record|profile|tiers|redeem|reward)\b")
_TEXT_OR_COMMENT = re.compile(r'"(?:[^"\\\n]|\\.)*(")?|#[^\n]*')
_IGNORE = re.compile(r"#\s*pointrules:\s*ignore\[[A-Z0-9,\s]*[A-Z0-9]*$")
_RULE = re.compile(r"\brule\s+[A-Za-z_]\w*\s*(?:\"\s*\")?\s*on\s+([A-Za-z_]\w*)")


@attrs.frozen
class Completion:
    """``kind``: keyword, kind, record, field, tier, rule, campaign, reward, builtin, constant or type."""

    label: str
    kind: str
    detail: str = ""


def completions(text: str, offset: int, names: Index | None) -> list[Completion]:
    """Everything that fits at ``offset`` of ``text``, best first, each word once."""
    unique: dict[str, Completion] = {}
    for c in _candidates(text, offset, names):
        unique.setdefault(c.label, c)
    return list(unique.values())


def _candidates(text: str, offset: int, names: Index | None) -> list[Completion]:
    if _IGNORE.search(text, text.rfind("\n", 0, offset) + 1, offset):  # `# pointrules: ignore[PR5`
        return [Completion(c.code, "constant", c.summary) for c in CODES.values() if c.severity is not Severity.ERROR]
    if _inside_text_or_comment(text[:offset]):
        return []
    before = _blank(text[:offset])
    before = before[: len(before) - len(m.group() if (m := _WORD.search(before)) else "")]
    tokens = _TOKEN.findall(before.replace("\0", " "))
    block, header = _block(before)
    statement = _statement(tokens)
    previous = tokens[-1] if tokens else ""
    event = _event(header if block == "rule" else " ".join(statement), names)
    at_start = not before[before.rfind("\n") + 1 :].strip() or previous in ("{", "}")
    if previous == "on" and statement[:1] in (["rule"], ["cap"]) or previous == "," and statement[:1] == ["cap"]:
        return _names(names, "kind")
    if previous == ":" and block in ("event", "record", "profile"):
        return [Completion(t, "type") for t in (*TYPES, "list", "optional", "points")] + _names(names, "record")
    if previous == "to" and statement[:1] == ["earn"]:
        return [Completion("member", "builtin", "the member of the event")] + _fields(names, event, "member")
    if previous == "of" and "per" in statement:
        return _fields(names, event)
    if previous == "per" and statement[:1] in (["limit"], ["cap"], ["at"]):
        return [Completion(p, "constant") for p in PERIODS]
    if at_start:
        return [Completion(w, "keyword") for w in (IN_BLOCK.get(block, ()) if block else TOP)]
    if previous in _CONDITION_AFTER and any(w in statement for w in ("when", "where", "by", "for")):
        return _condition(names, event, statement, tokens)
    return [Completion(w, "keyword") for w in keywords()] + [
        c for kind in ("kind", "tier", "rule", "campaign", "reward") for c in _names(names, kind)]


def _inside_text_or_comment(before: str) -> bool:
    last = None
    for last in _TEXT_OR_COMMENT.finditer(before):
        pass
    if last is None or last.end() < len(before):
        return False
    return last.group().startswith("#") or last.group(1) is None  # a comment, or a text not closed yet


def _blank(text: str) -> str:
    """``text`` with every text and comment turned into NULs (same length), so words inside them are
    not read as code."""
    return _TEXT_OR_COMMENT.sub(lambda m: "\0" * len(m.group()), text)


def _block(before: str) -> tuple[str | None, str]:
    """The innermost open block: the first word of its header (``rule``, ``event``, ``tiers`` …) and
    the header's text, or (None, "") at the top level."""
    depth, i = 0, len(before)
    while i > 0:
        i -= 1
        ch = before[i]
        if ch == "}":
            depth += 1
        elif ch == "{":
            if depth == 0:
                start = max(before.rfind("{", 0, i), before.rfind("}", 0, i)) + 1
                header = before[start:i].replace("\0", " ")
                words = _OPENER.findall(header)  # the last declaration before the brace opens it
                return (words[-1] if words else None), header
            depth -= 1
    return None, ""


def _statement(tokens: list[str]) -> list[str]:
    """The words of the statement the cursor is in: from its keyword (the last one that starts a
    statement or a declaration) on."""
    starts = {*TOP, *(w for ws in IN_BLOCK.values() for w in ws)} - {"at", "for"}
    for i in range(len(tokens) - 1, -1, -1):
        if tokens[i] in ("{", "}"):
            return tokens[i + 1 :]
        if tokens[i] in starts:
            return tokens[i:]
    return tokens


def _event(header: str, names: Index | None) -> str | None:
    found = _RULE.search(re.sub(r'\0+', '""', header)) or _RULE.search(header.replace("\0", " "))
    return found.group(1) if found and names is not None and ("kind", found.group(1)) in names.declared else None


def _names(names: Index | None, kind: str) -> list[Completion]:
    if names is None:
        return []
    return [Completion(n, kind, _label(names, (kind, n))) for n in names.names(kind)]


def _label(names: Index, target: tuple[str, ...]) -> str:
    label = getattr(names.declared[target].node, "label", None)
    return label.value if label is not None else ""


def _fields(names: Index | None, owner: str | None, type_name: str | None = None) -> list[Completion]:
    if names is None:
        return []
    found = []
    for who in (owner, PROFILE):
        for name, declared in (names.fields(who).items() if who else ()):
            written = declared.node.type  # type: ignore[attr-defined]
            if type_name is None or getattr(getattr(written, "name", None), "text", None) == type_name:
                found.append(Completion(name, "field", f"{who}.{name}"))
    return found


def _condition(names: Index | None, event: str | None, statement: list[str], tokens: list[str]) -> list[Completion]:
    """The names a condition may read: a record's fields inside `where`, the event's and the profile's
    fields, the built-ins, the tiers (first after `tier =`) and the weekdays."""
    out: list[Completion] = []
    if "where" in statement and names is not None and event is not None:
        spend = statement[statement.index("where") - 1]
        record = record_of(names.fields(event).get(spend).node if spend in names.fields(event) else None)  # type: ignore[union-attr,arg-type]
        out += [Completion(n, "field", f"{record}.{n}") for n in names.fields(record or "")]
    tiers = _names(names, "tier")
    facing_tier = "tier" in tokens[-3:]
    out = (tiers if facing_tier else []) + out + _fields(names, event)
    out += [Completion(b, "builtin", t) for b, t in BUILTINS.items()]
    out += ([] if facing_tier else tiers) + [Completion(d, "constant", "weekday") for d in WEEKDAYS]
    return out
