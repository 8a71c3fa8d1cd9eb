"""A Pygments lexer for `.points` programs, so that documentation (mkdocs, Sphinx) and anything else
using Pygments highlights them: register it by the ``pygments.lexers`` entry point (pyproject.toml),
then name a code block ``points``.

Its keywords are read from the grammar (``syntax.grammar.keywords``: every word the grammar spells
out), so a keyword added to grammar/pointrules.lark is highlighted with nothing else to change; the
TextMate grammar of the editors (editors/) is built from the same list. Pygments is needed only here:
``pip install 'pointrules[docs]'``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pygments.lexer import RegexLexer, words
from pygments.token import (
    Comment,
    Keyword,
    Literal,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Text,
    Whitespace,
)

from pointrules.syntax.grammar import keywords

_END = r"(?![A-Za-z0-9_-])"  # a keyword ends where a name could not go on


class PointsLexer(RegexLexer):
    """pointrules programs: keywords, texts (labels), numbers and quantities, dates, comments."""

    name = "pointrules"
    aliases: ClassVar[list[str]] = ["points", "pointrules"]
    filenames: ClassVar[list[str]] = ["*.points"]
    mimetypes: ClassVar[list[str]] = ["text/x-pointrules"]
    url = "https://pypi.org/project/pointrules/"

    tokens: ClassVar[dict[str, list[Any]]] = {
        "root": [
            (r"[ \t\f\r\n\u00a0\u3000\ufeff]+", Whitespace),
            (r"#[^\n]*", Comment.Single),
            (r'"([^"\\\n]|\\.)*"?', String),
            (r"\d{4}-\d{2}-\d{2}" + _END, Literal.Date),
            (r"\d{2}-\d{2}(?![\d.])", Literal.Date),  # a day of every year: 11-11
            (r"(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?", Number),
            (r"half-years?" + _END, Keyword),  # a regular expression in the grammar (HALF_YEAR), not a quoted word
            (words(keywords(), suffix=_END), Keyword),
            (r"[A-Z]{3}(?![A-Za-z0-9_])", Name.Constant),  # a currency: CNY, USD
            (r"[A-Za-z_][A-Za-z0-9_]*", Name),
            (r"<=|>=|!=|[=<>+\-*/%]", Operator),
            (r"[{}()\[\],:|.]", Punctuation),
            (r".", Text),
        ],
    }
