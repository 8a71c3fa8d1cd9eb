"""Awards and programs in sentences, in English or Chinese: one walk per thing worded, one vocabulary
per language.

- ``award.py`` walks an Award (what `pointrules eval` and ``Award.explain`` print);
- ``terms.py`` walks a whole program's terms (what `pointrules explain` prints);
- the reports on runs (``stream/summary.py``, ``report/html.py``, `pointrules diff`'s text) take the
  ``report`` phrases;
- ``catalogue.py`` lists the phrases a language must give; ``en.py`` and ``zh.py`` give them.

A new language is a new vocabulary module and an entry below; the walks do not change. A program
that names its points (``points are called "京豆" / "beans"``) gets the vocabulary with its name in
place of the language's word for points (``points`` / ``积分``) in every phrase.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, cast

from pointrules.diagnostics import safe
from pointrules.errors import ArgumentError
from pointrules.program.called import singular
from pointrules.wording import en, zh
from pointrules.wording.catalogue import Vocabulary

_VOCABULARIES = {"en": en.VOCABULARY, "zh": zh.VOCABULARY}
LANGS = tuple(_VOCABULARIES)
# The word for points in each language's phrases; `{points}` placeholders are not words, and tier
# points (定级积分, issue 13) keep their name: they are not the points the program names.
_WORD = {"en": re.compile(r"(?<![{\w])(?<!tier )[Pp]oints?(?![}\w])"), "zh": re.compile("(?<!定级)积分")}


@lru_cache(maxsize=64)
def vocabulary(lang: str, name: str | None = None) -> Vocabulary:
    """The phrases of one language, the points called ``name`` when given; any language but LANGS
    is refused."""
    if lang not in _VOCABULARIES:
        raise ArgumentError(f"unknown language `{lang}`; expected one of {', '.join(LANGS)}")
    base = _VOCABULARIES[lang]
    if name is None:
        return base
    # Some phrases are str.format templates and some are values: a name's braces become full-width
    # ones, which read the same and are neither a placeholder nor an escape anywhere.
    plural = safe(name).replace("{", "｛").replace("}", "｝")
    one = singular(plural) if lang == "en" else plural  # English says `1 point`: beans, 1 bean

    def word(found: re.Match[str]) -> str:
        chosen = one if found[0] in ("point", "Point") else plural
        return chosen[:1].upper() + chosen[1:] if found[0][0] == "P" else chosen  # a sentence's start

    def renamed(x: Any) -> Any:
        if isinstance(x, str):
            return _WORD[lang].sub(word, x)
        if isinstance(x, tuple):
            return tuple(renamed(y) for y in x)
        if isinstance(x, dict):
            return {k: renamed(y) for k, y in x.items()}
        return x

    return Vocabulary(award=cast(Any, renamed(base.award)), terms=cast(Any, renamed(base.terms)),
                      report=cast(Any, renamed(base.report)))
