"""Diagnostic wording in every language of LANGS.

A message is its English template and its arguments (``t("unknown tier {name}", name=q(x))``), kept
as data until it is shown: a diagnostic is made once and read in any language. The English template
is the message's id, as in gettext, so a call site reads as the message it makes; the Chinese
catalogue (zh_*.py) maps each English template to its Chinese one, side by side, and
tests/check/test_messages.py fails when a template of the source has no Chinese wording or the two
take different arguments. Arguments are user text already quoted (``q``), numbers, or other
messages and lists, worded in the same language (see docs/decisions.md, "Diagnostics in Chinese").
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from pointrules.messages import zh_checks, zh_lints, zh_names, zh_syntax, zh_types, zh_values

LANGS = ("en", "zh")

ZH: dict[str, str] = {**zh_syntax.ZH, **zh_names.ZH, **zh_types.ZH, **zh_values.ZH, **zh_checks.ZH,
                      **zh_lints.ZH}


@attrs.frozen
class Text:
    """A message not yet worded: its English template and its arguments."""

    template: str
    args: tuple[tuple[str, object], ...] = ()

    def __str__(self) -> str:
        return self.say("en")

    def say(self, lang: str) -> str:
        """The message in ``lang``; English where the catalogue has no wording (a test forbids that)."""
        template = ZH.get(self.template, self.template) if lang == "zh" else self.template
        return template.format_map({k: _worded(v, lang) for k, v in self.args})


def t(template: str, **args: object) -> Text:
    """The message ``template`` with its arguments (user text quoted, numbers, messages, lists)."""
    return Text(template, tuple(args.items()))


@attrs.frozen
class Listing:
    """Words joined as a list reads: "`a`, `b` or `c`", "`a`、`b` 或 `c`"; ``more`` words left out."""

    words: tuple[object, ...]
    more: int | None = None  # None: the list is whole; 0: more, not counted
    conjunction: str = "or"  # "or", "and", or "" for none

    def __str__(self) -> str:
        return self.say("en")

    def say(self, lang: str) -> str:
        words = [say(w, lang) for w in self.words]
        zh = lang == "zh"
        if self.more is not None:
            rest = (f"或另外 {self.more:,} 个" if self.more else "或更多") if zh else (
                f"or {self.more:,} more" if self.more else "or more")
            return ("、" if zh else ", ").join(words) + " " + rest
        if len(words) <= 1 or not self.conjunction:  # no conjunction: the separator only
            return ("、" if zh else ", ").join(words)
        last = {"or": " 或 ", "and": " 和 "}[self.conjunction] if zh else f" {self.conjunction} "
        return ("、" if zh else ", ").join(words[:-1]) + last + words[-1]


def listing(words: Iterable[object], conjunction: str = "or") -> Listing:
    return Listing(tuple(words), None, conjunction)


@attrs.frozen
class Joined:
    """Several messages as one: "first; second" in English, "第一；第二" in Chinese."""

    parts: tuple[object, ...]

    def __str__(self) -> str:
        return self.say("en")

    def say(self, lang: str) -> str:
        return ("；" if lang == "zh" else "; ").join(say(p, lang) for p in self.parts)


def joined(*parts: object) -> Joined:
    return Joined(tuple(p for p in parts if p))


Words = Text | Listing | Joined  # what a diagnostic's message, help and notes are made of


def say(value: object, lang: str) -> str:
    """A message, list or plain value as ``lang`` shows it."""
    return str(_worded(value, lang))


def _worded(value: object, lang: str) -> object:
    """Messages and lists worded in ``lang``; numbers stay numbers, for a template's `{n:,}`."""
    if isinstance(value, (Text, Listing, Joined)):
        return value.say(lang)
    return value
