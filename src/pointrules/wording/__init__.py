"""Awards and programs in sentences, in English or Chinese: one walk per thing worded, one vocabulary
per language.

- ``award.py`` walks an Award (what `pointrules eval` and ``Award.explain`` print);
- ``terms.py`` walks a whole program's terms (what `pointrules explain` prints);
- ``catalogue.py`` lists the phrases a language must give; ``en.py`` and ``zh.py`` give them.

A new language is a new vocabulary module and an entry below; the walks do not change.
"""

from __future__ import annotations

from pointrules.wording import en, zh
from pointrules.wording.catalogue import Vocabulary

_VOCABULARIES = {"en": en.VOCABULARY, "zh": zh.VOCABULARY}
LANGS = tuple(_VOCABULARIES)


def vocabulary(lang: str) -> Vocabulary:
    """The phrases of one language; any language but LANGS is refused."""
    if lang not in _VOCABULARIES:
        raise ValueError(f"unknown language `{lang}`; expected one of {', '.join(LANGS)}")
    return _VOCABULARIES[lang]
