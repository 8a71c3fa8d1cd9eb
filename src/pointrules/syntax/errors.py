"""Syntax diagnostics in the words of the language: lark's errors -> PR001 (an unexpected word or
symbol), PR002 (the file ends mid-declaration), PR003 (a character the language does not have) and
PR004 (a text without its closing quote), each with the statement written correctly as its help."""

from __future__ import annotations

import re

import lark
from lark import Token

from pointrules.diagnostics import Diagnostic, make, safe
from pointrules.messages import Listing, Text, t
from pointrules.source import Source, Span
from pointrules.syntax.grammar import COMMENT_OR_STRING, DECLARATION_KEYWORDS, lark_parser
from pointrules.syntax.limits import MAX_NAME
from pointrules.syntax.typos import Typo, earlier_typo, expected_keywords, glued_typo, is_word, nearest

_TERMINAL_WORDS: dict[str, Text | str] = {
    "NUMBER": t("a number"),
    "NAME": t("a name"),
    "STRING": t('a quoted text like "消费返积分"'),
    "DATE": t("a date like `2026-11-11`"),
    "MONTHDAY": t("a day of the year like `11-11`"),
    "CLOCK": t("a time of day like `10:00`"),
    "COMPARE": t("a comparison like `=` or `>=`"),
    "ADD_OP": t("`+` or `-`"),
    "MUL_OP": t("`*`, `/` or `%`"),
    "ROUNDING_MODE": t("a rounding mode (`down`, `up`, `nearest` or `half-even`)"),
    "STACK_MODE": t("how multipliers stack (`multiplying`, `adding` or `best`)"),
    "COMBINE_MODE": t("how campaigns combine (`highest` or `stacking`)"),
    "POINTS": "`points`",
    "UNIT": "`unit`",
    "UNITS": "`units`",
    "PERCENT": "`%`",
    "HALF_YEAR": "`half-year`",
    "$END": t("the end of the file"),
}

# An example of each statement, shown as the fix when a statement goes wrong.
_EXAMPLES = {
    "program": 'program "Shop Rewards"',
    "version": "version 3",
    "currency": "currency CNY",
    "timezone": 'timezone "Asia/Shanghai"',
    "value": "value 100 points = 1 CNY",
    "rounding": "rounding down",
    "effective": "effective from 2026-01-01 to 2026-12-31",
    "multipliers": "multipliers stack by multiplying",
    "event": "event purchase { amount: money, channel: \"app\" | \"store\" }",
    "record": "record item { sku: text, amount: money }",
    "tiers": "tiers by spend over last 12 months { silver from 2,000 CNY multiplier 1.2 }",
    "expire": "expire at end of next year",
    "pending": "pending 7 days",
    "rule": 'rule base "消费返积分" on purchase { earn 10 points per 100 CNY of amount }',
    "earn": "earn 10 points per 100 CNY of amount",
    "multiply": "multiply 2 when category = \"electronics\"",
    "limit": "limit 3 times per day",
    "campaign": 'campaign double11 "双十一" from 2026-11-01 to 2026-11-11 { rule double on purchase { multiply 2 } }',
    "cap": "cap 5,000 points per day",
    "redeem": "redeem { minimum 500 points  step 100 points  at most 50% of order }",
    "reward": 'reward coffee "咖啡兑换券" costs 500 points { limit 2 per month }',
    "check": "check return rate at most 8%",
}
_STATEMENT_WORD = re.compile(r"\b({})\b".format("|".join(_EXAMPLES)))

# `bronze from 0 silver from 5`: `silver` was read as the unit of 0, so `from` cannot follow.
_UNITLESS_THRESHOLD = re.compile(r"\bfrom\s+[\d,.]+\s+[A-Za-z_]\w*(?:\s+\"[^\"\n]*\")?\s+from\s+$")

_FULL_WIDTH = {"，": ",", "：": ":", "“": '"', "”": '"', "（": "(", "）": ")", "＝": "=", "％": "%",
               "｛": "{", "｝": "}", "；": ";", "。": "."}


def _expected_words(expected: set[str]) -> list[Text | str]:
    terminals = {term.name: term for term in lark_parser().terminals}
    words: list[Text | str] = []
    for name in sorted(expected):
        if name in _TERMINAL_WORDS:
            words.append(_TERMINAL_WORDS[name])
        elif name in terminals and terminals[name].pattern.type == "str":
            words.append(f"`{terminals[name].pattern.value}`")
        else:
            words.append(name.lower())
    # names and numbers first: they are what a writer most often forgot
    words.sort(key=lambda w: (not str(w).startswith("a "), str(w)))
    return words


def _join(words: list[Text | str]) -> Listing:
    return Listing(tuple(words[:6] + ["…"] if len(words) > 6 else words))


def _context_word(text: str, offset: int) -> str | None:
    """The statement the error is in: the last statement keyword before it on its line, or on the
    line before when the error opens a line."""
    line_start = text.rfind("\n", 0, offset) + 1
    chunk = text[line_start:offset]
    chunk = COMMENT_OR_STRING.sub(lambda m: "" if m.group().startswith("#") else '""', chunk)
    if not chunk.strip() and line_start > 0:
        prev_start = text.rfind("\n", 0, line_start - 1) + 1
        chunk = text[prev_start:line_start]
        chunk = COMMENT_OR_STRING.sub(lambda m: "" if m.group().startswith("#") else '""', chunk)
    words = _STATEMENT_WORD.findall(chunk)
    return words[-1] if words else None


def _describe_token(token: Token) -> Text | str:
    if token.type == "$END":
        return t("the end of the file")
    if token.type == "STRING":
        return t("the text {text}", text=safe(str(token)))
    return f"`{safe(str(token))}`"


def diagnose(source: Source, error: lark.exceptions.UnexpectedInput, base: int) -> Diagnostic:
    """The syntax diagnostic for lark's ``error`` in the text parsed from offset ``base`` on."""
    if isinstance(error, lark.exceptions.UnexpectedCharacters):
        return _unexpected_character(source, base + error.pos_in_stream)  # type: ignore[operator]  # set on UnexpectedCharacters
    if isinstance(error, lark.exceptions.UnexpectedToken) and error.token.type != "$END":
        return _unexpected_token(source, error, base)
    return _unexpected_end(source, set(getattr(error, "expected", ()) or ()))


def _unexpected_character(source: Source, at: int) -> Diagnostic:
    """PR003 (or PR004 for an unclosed text) at a character no token starts with."""
    text = source.text
    ch = text[at]
    if ch == '"':
        return unclosed_text(source, at)
    if ch in _FULL_WIDTH:
        return make(source, Span(at, at + 1), "PR003", t("full-width `{ch}` is not part of the language", ch=ch),
                    help=t("use the plain `{ch}` instead", ch=_FULL_WIDTH[ch]))
    if not ch.isascii() and (ch.isalpha() or ch.isdigit()):
        end = at
        while end < len(text) and end - at < MAX_NAME and (text[end].isalnum() or text[end] == "_"):
            end += 1
        return make(source, Span(at, end), "PR003",
                    t("`{name}` is not a name the language accepts", name=safe(text[at:end])),
                    help=t('names are ASCII letters, digits and `_`; put other languages in a label: '
                           'rule base "消费返积分" on purchase {{ … }}'))
    return make(source, Span(at, at + 1), "PR003", t("unexpected character `{ch}`", ch=safe(ch)),
                help=_help_for(_context_word(text, at)))


def _unexpected_token(source: Source, error: lark.exceptions.UnexpectedToken, base: int) -> Diagnostic:
    """PR001 at a token the grammar does not allow there: an unclosed declaration, a threshold
    without its unit, a misspelt keyword, or else what was expected."""
    text = source.text
    token = error.token
    start = base + (token.start_pos or 0)
    end = base + (token.end_pos or start + 1)
    context = _context_word(text, start)
    at_line_start = text.rfind("\n", 0, start) + 1 == start
    if at_line_start and str(token) in DECLARATION_KEYWORDS and "RBRACE" in error.expected:
        return make(source, Span(start, end), "PR001",
                    t("expected `}}` before this `{token}`: the declaration above is not closed", token=str(token)),
                    help=t("add `}}` at the end of the declaration above"))
    if _UNITLESS_THRESHOLD.search(text, max(0, start - 200), start):
        return make(source, Span(start, end), "PR001",
                    t("expected the next tier, found {found}: the threshold before it has no unit",
                      found=_describe_token(token)),
                    help=t("give every threshold its unit, like `silver from 2,000 CNY` or `gold from 12 purchases`"))
    keyword = nearest(str(token), expected_keywords(error.expected)) if is_word(token) else None
    if keyword is not None:
        return misspelt(source, Typo(Span(start, end), str(token), keyword), context)
    typo = glued_typo(text, start, end) if is_word(token) else None
    if typo is not None:
        return misspelt(source, typo, context)
    typo = earlier_typo(text, error, base)
    if typo is not None:
        return misspelt(source, typo, context, after=token)
    if {"NUMBER", "NAME", "STRING", "LPAR"} <= set(error.expected):
        words: list[Text | str] = [t("a value (a number, a field name, a quoted text or a date)")]
    else:
        words = _expected_words(set(error.expected))
    message = t("expected {expected}, found {found}", expected=_join(words), found=_describe_token(token))
    ladder = "POINTS" in error.expected and set(error.expected) <= {"POINTS", "COMMA", "TIER"}  # `,`, `tier`
    if ladder or (context == "earn" and "NUMBER" in error.expected and len(error.expected) == 1):
        message = t("expected a number of points, like `10 points`, found {found}", found=_describe_token(token))
    return make(source, Span(start, max(end, start + 1)), "PR001", message, help=_help_for(context))


def _unexpected_end(source: Source, expected: set[str]) -> Diagnostic:
    """PR002 at the end of a file that stops in the middle of a declaration."""
    text = source.text
    at = len(text)
    while at > 0 and text[at - 1].isspace():
        at -= 1
    context = _context_word(text, at)
    message = t("the file ends in the middle of a declaration")
    if expected:
        message = t("the file ends in the middle of a declaration: expected {expected}",
                    expected=_join(_expected_words(expected)))
    return make(source, Span(max(0, at - 1), max(at, 1)), "PR002", message, help=_help_for(context)
                if context else t("close every `{{` with a `}}`"))


def misspelt(source: Source, typo: Typo, context: str | None, after: Token | None = None) -> Diagnostic:
    """PR001 at a misspelt keyword, its fix the keyword (``after``: the token lark stopped at,
    when the typo was read as a name before it)."""
    if typo.tier_before is not None:
        message = t("`{word}` starts a tier of its own on the line of tier `{tier}`", word=safe(typo.word),
                    tier=safe(typo.tier_before))
    elif after is None:
        message = t("`{word}` is not a keyword the language knows here", word=safe(typo.word))
    else:
        message = t("`{word}` is not a keyword the language knows here, so {found} cannot follow it",
                    word=safe(typo.word), found=_describe_token(after))
    example = _help_for(context)
    return make(source, typo.span, "PR001", message, help=t("did you mean {name}?", name=f"`{typo.keyword}`"),
                notes=[example] if example else ())


def unclosed_text(source: Source, at: int) -> Diagnostic:
    """PR004 for the text opened at ``at``: it runs to the end of its line."""
    end = source.text.find("\n", at)
    return make(source, Span(at, end if end != -1 else len(source.text)), "PR004",
                t("this text has no closing quote"), help=t('end the text on the same line with `"`'))


def _help_for(context: str | None) -> Text | None:
    if context is None:
        return None
    return t("write it like `{example}`", example=_EXAMPLES[context])

