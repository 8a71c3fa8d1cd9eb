"""Inline ignores: `# pointrules: ignore[PR503, PR509] reason` silences those findings where it stands.

A trailing comment covers its own line; a comment on a line of its own covers the next line. Only
findings that are not errors can be silenced (an error means the program cannot be used, and no
comment changes that). The comments themselves are checked, so an ignore cannot rot silently:
PR590 an ignore that silences nothing, PR591 one that cannot apply (an unknown code, an error's code,
or a `# pointrules:` comment that is not an ignore), PR592 one without its reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from pointrules.codes import CODES
from pointrules.diagnostics import Diagnostic, Severity, make
from pointrules.messages import Text, t
from pointrules.source import Source, Span
from pointrules.syntax.grammar import COMMENT_OR_STRING

_DIRECTIVE = re.compile(r"#\s*pointrules\s*:", re.IGNORECASE)
_IGNORE = re.compile(r"#\s*pointrules:\s*ignore\[([^\]\n]*)\]\s*(.*)")
EXAMPLE = "# pointrules: ignore[PR503] yearly by design"


@attrs.frozen
class Ignore:
    """One ignore comment: the line it covers, the codes it names (with their offsets) and its reason."""

    covers: int
    codes: tuple[tuple[str, Span], ...]
    reason: str
    span: Span  # the whole comment


def apply_ignores(diagnostics: Iterable[Diagnostic], source: Source) -> list[Diagnostic]:
    """The findings no ignore silences, plus what is wrong with the ignores (PR590–PR592), in order.
    Unused ignores are reported only when the lints ran, that is when the checker found no error."""
    diagnostics = list(diagnostics)
    linted = not any(d.severity is Severity.ERROR and d.code < "PR500" for d in diagnostics)
    ignores, found = _ignores(source)
    used: set[tuple[int, str]] = set()
    kept = []
    for d in diagnostics:
        hit = next((ig for ig in ignores if ig.covers == d.line and d.code in dict(ig.codes)), None)
        if hit is None:
            kept.append(d)
            continue
        kept.append(d)
        if d.severity is Severity.ERROR:
            span = dict(hit.codes)[d.code]
            found.append(make(source, span, "PR591", t("`{code}` is an error here, and errors cannot be ignored",
                                                       code=d.code),
                              help=t("fix what the error says; an error means the program cannot be used")))
        else:
            kept.pop()
        used.add((hit.covers, d.code))
    for ig in ignores:
        for code, span in ig.codes:
            if linted and (ig.covers, code) not in used:
                found.append(make(source, span, "PR590", t("nothing to ignore: no `{code}` on line {line}", code=code,
                                                           line=ig.covers),
                                  help=t("remove `{code}` from the ignore", code=code)))
    return sorted(kept + found, key=lambda d: (d.line, d.column, d.code))


def _ignores(source: Source) -> tuple[list[Ignore], list[Diagnostic]]:
    """The ignore comments of the source, and the diagnostics of those that cannot apply."""
    ignores: list[Ignore] = []
    problems: list[Diagnostic] = []
    for m in COMMENT_OR_STRING.finditer(source.text):
        found = _DIRECTIVE.search(m.group()) if m.group().startswith("#") else None
        if found is None:
            continue
        start = m.start() + found.start()  # a comment may end with the directive: `# note  # pointrules: …`
        text = m.group()[found.start():]
        span = Span(start, m.end())
        parsed = _IGNORE.match(text)
        if parsed is None:
            problems.append(make(source, span, "PR591", t("this `# pointrules:` comment is not an ignore"),
                                 help=t("write it as `{example}`", example=EXAMPLE)))
            continue
        codes = []
        offset = start + parsed.start(1)
        for raw in parsed.group(1).split(","):
            code = raw.strip()
            at = offset + (raw.index(code) if code else 0)
            offset += len(raw) + 1
            code_span = Span(at, at + max(len(code), 1))
            problem = _code_problem(code)
            if problem:
                problems.append(make(source, code_span, "PR591", problem[0], help=problem[1]))
            else:
                codes.append((code, code_span))
        if not parsed.group(2).strip():
            problems.append(make(source, span, "PR592", t("this ignore does not say why"),
                                 help=t("write the reason after the codes: `{example}`", example=EXAMPLE)))
        line, column = source.position(m.start())
        alone = not source.line_text(line)[: column - 1].strip()
        ignores.append(Ignore(line + 1 if alone else line, tuple(codes), parsed.group(2).strip(), span))
    return ignores, problems


def _code_problem(code: str) -> tuple[Text, Text] | None:
    """Message and help when ``code`` cannot be ignored, or None when it can."""
    if code not in CODES:
        return (t("unknown code `{code}` in an ignore", code=code) if code else t("an ignore without a code"),
                t("name the code the finding shows, like `PR503`; docs/diagnostics.md lists them all"))
    if CODES[code].severity is Severity.ERROR:
        return (t("`{code}` is an error, and errors cannot be ignored", code=code),
                t("fix what the error says; an error means the program cannot be used"))
    return None
