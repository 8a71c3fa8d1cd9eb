"""What a name means, shown over it in an editor: its declaration as written (with the label members
read) and, when the program checks, its terms worded as `pointrules explain` words them, in the
language the editor asked for; over a keyword, what it does (``keywords.py``)."""

from __future__ import annotations

from pointrules import syntax as s
from pointrules.lsp.analysis import Analysis
from pointrules.lsp.keywords import keyword_at, meaning
from pointrules.lsp.names import Declared, Index, Target
from pointrules.program.model import Program
from pointrules.wording.terms import campaign_terms, rule_terms, tier_terms

_TERMS = {"rule": rule_terms, "tier": tier_terms, "campaign": campaign_terms}
_USED_BY = {"en": "used by {rules}", "zh": "用于 {rules}"}
_RULES_ON = {"en": "rules on it: {rules}", "zh": "触发规则: {rules}"}
_NONE = {"en": "no rule yet", "zh": "暂无规则"}


def hover(analysis: Analysis, names: Index, offset: int, lang: str = "en") -> str | None:
    """Markdown for the name at ``offset``, or None when the cursor is on no declared name."""
    found = names.at(offset)
    if found is None or found.target not in names.declared:
        word = keyword_at(analysis.source.text, offset)
        return meaning(word, lang) if word is not None else None
    declared = names.declared[found.target]
    parts = [_code(_header(analysis, declared))]
    if found.target[0] == "field" and declared.owner is not None:
        parts.append(_code(_header(analysis, Declared(found.target, declared.owner))))
    explained = _terms(analysis.program, found.target, lang)
    if explained:
        parts.append(explained)
    if found.target[0] in ("kind", "field"):
        parts.append(_rules_using(analysis, names, found.target, lang))
    return "\n\n".join(p for p in parts if p)


def _code(text: str) -> str:
    return f"```points\n{text}\n```"


def _header(analysis: Analysis, declared: Declared) -> str:
    """A declaration as written, up to its block: `rule base "消费返积分" on purchase when …`; a whole
    event or record (its fields are what it means)."""
    node = declared.node
    text = analysis.source.snippet(node.span)  # type: ignore[attr-defined]
    if isinstance(node, (s.Rule, s.Campaign)):
        text = text.split("{", 1)[0].rstrip()
    elif isinstance(node, s.Tier):
        text = " ".join(text.split())
    return text


def _terms(program: Program | None, target: Target, lang: str) -> str | None:
    worded = _TERMS.get(target[0])
    if program is None or worded is None:
        return None
    try:
        return worded(program, target[1], lang)
    except (StopIteration, KeyError):  # declared in the text but not (yet) in the checked program
        return None


def _rules_using(analysis: Analysis, names: Index, target: Target, lang: str) -> str:
    """The rules that read a field, or that fire on an event kind, by name and label."""
    rules: dict[str, str] = {}
    for use in names.uses(target, with_definition=False):
        for rule_target, declared in names.declared.items():
            node = declared.node
            if rule_target[0] == "rule" and node.span.start <= use.span.start < node.span.end:  # type: ignore[attr-defined]
                label = node.label.value if node.label else None  # type: ignore[attr-defined]
                rules[rule_target[1]] = f"`{rule_target[1]}`" + (f" ({label})" if label else "")
    listed = ", ".join(rules.values()) or _NONE[lang]
    return (_RULES_ON if target[0] == "kind" else _USED_BY)[lang].format(rules=listed)
