"""The protocol's side of the language server (pygls): each handler converts positions, asks the pure
functions of this package, and converts back. Documents are analysed again on each change after
``PAUSE`` seconds without typing, and before any request that finds its analysis out of date."""

from __future__ import annotations

import asyncio
from pathlib import Path

from lsprotocol import types as t
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from pointrules import __version__
from pointrules.config import ConfigError, find_config
from pointrules.diagnostics import LABELS, Diagnostic, Severity
from pointrules.formatter import WIDTH, FormatError, format_text
from pointrules.lsp.analysis import Analysis, analyse_text
from pointrules.lsp.complete import completions
from pointrules.lsp.fixes import fixes, span_of
from pointrules.lsp.hover import hover
from pointrules.lsp.names import Index, index
from pointrules.lsp.symbols import symbols
from pointrules.lsp.text import Edit, Place, offset, place
from pointrules.source import Source, Span
from pointrules.wording import LANGS

PAUSE = 0.3  # seconds without a change before a document is analysed again
_SEVERITY = {Severity.ERROR: t.DiagnosticSeverity.Error, Severity.WARNING: t.DiagnosticSeverity.Warning,
             Severity.INFO: t.DiagnosticSeverity.Information}
_KINDS = {"keyword": t.CompletionItemKind.Keyword, "kind": t.CompletionItemKind.Event,
          "record": t.CompletionItemKind.Struct, "field": t.CompletionItemKind.Field,
          "tier": t.CompletionItemKind.EnumMember, "rule": t.CompletionItemKind.Function,
          "campaign": t.CompletionItemKind.Module, "reward": t.CompletionItemKind.Value,
          "builtin": t.CompletionItemKind.Variable, "constant": t.CompletionItemKind.Constant,
          "type": t.CompletionItemKind.TypeParameter}


class PointsServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("pointrules", __version__)
        self.language = "en"
        self.language_given = False  # the editor set `language`; else each file's configured `lang`
        self.analyses: dict[tuple[str, bool], tuple[int | None, Analysis]] = {}  # by (uri, linted)
        self.names: dict[str, Index] = {}  # the last index of each document that parsed
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.told: set[str] = set()  # configuration problems already shown

    def encoding(self) -> str:
        chosen = self.server_capabilities.position_encoding or "utf-16"
        return str(getattr(chosen, "value", chosen))  # "utf-16", "utf-8" or "utf-32"

    def analysis(self, uri: str, lints: bool = False) -> Analysis:
        """The document's analysis, made again if the text changed since the last one; the lint
        rules (the slow part) only for ``lints``: diagnostics and their fixes."""
        doc = self.workspace.get_text_document(uri)
        kept = self.analyses.get((uri, lints))
        if kept is not None and kept[0] == doc.version and kept[1].source.text == doc.source:
            return kept[1]
        path = Path(to_fs_path(uri)) if uri.startswith("file:") else None  # type: ignore[arg-type]  # a file: URI
        found = analyse_text(doc.source, path, lints=lints)
        self.analyses[(uri, lints)] = (doc.version, found)
        if found.tree is not None:
            self.names[uri] = index(found.tree)
        return found

    def publish(self, uri: str) -> None:
        self.pending.pop(uri, None)
        found = self.analysis(uri, lints=True)
        if found.config_error and found.config_error not in self.told:  # once, not at every keystroke
            self.told.add(found.config_error)
            self.window_show_message(t.ShowMessageParams(t.MessageType.Warning, found.config_error))
        lang = self.language if self.language_given else found.config.lang
        items = [lsp_diagnostic(d, found.source, self.encoding(), lang) for d in found.diagnostics]
        self.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri=uri, diagnostics=items))

    def range(self, source: Source, span: Span) -> t.Range:
        a, b = place(source, span.start, self.encoding()), place(source, span.end, self.encoding())
        return t.Range(t.Position(a.line, a.character), t.Position(b.line, b.character))

    def offset(self, source: Source, at: t.Position) -> int:
        return offset(source, Place(at.line, at.character), self.encoding())

    def edits(self, source: Source, edits: tuple[Edit, ...] | list[Edit]) -> list[t.TextEdit]:
        return [t.TextEdit(self.range(source, e.span), e.text) for e in edits]


def lsp_diagnostic(d: Diagnostic, source: Source, encoding: str, lang: str = "en") -> t.Diagnostic:
    span = span_of(d, source)
    a, b = place(source, span.start, encoding), place(source, span.end, encoding)
    say, d = LABELS[lang], d.in_language(lang)
    message = d.message + "".join(f"\n{say['note']}{n}" for n in d.notes) + (f"\n{say['help']}{d.help}" if d.help else "")
    return t.Diagnostic(range=t.Range(t.Position(a.line, a.character), t.Position(b.line, b.character)),
                        message=message, severity=_SEVERITY[d.severity], code=d.code, source="pointrules")


server = PointsServer()


@server.feature(t.INITIALIZE)
def initialize(ls: PointsServer, params: t.InitializeParams) -> None:
    _set_language(ls, params.initialization_options)  # {"language": "zh"}: what hovers are worded in


def _set_language(ls: PointsServer, settings: object) -> None:
    if isinstance(settings, dict):
        settings = settings.get("pointrules", settings)
        lang = settings.get("language") if isinstance(settings, dict) else None
        if lang in LANGS:
            ls.language, ls.language_given = lang, True


@server.feature(t.WORKSPACE_DID_CHANGE_CONFIGURATION)
def configuration(ls: PointsServer, params: t.DidChangeConfigurationParams) -> None:
    _set_language(ls, params.settings)


@server.feature(t.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: PointsServer, params: t.DidOpenTextDocumentParams) -> None:
    ls.publish(params.text_document.uri)


@server.feature(t.TEXT_DOCUMENT_DID_CHANGE)
async def did_change(ls: PointsServer, params: t.DidChangeTextDocumentParams) -> None:
    uri = params.text_document.uri
    waiting = ls.pending.pop(uri, None)
    if waiting is not None:
        waiting.cancel()
    ls.pending[uri] = asyncio.get_running_loop().call_later(PAUSE, ls.publish, uri)


@server.feature(t.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: PointsServer, params: t.DidSaveTextDocumentParams) -> None:
    ls.publish(params.text_document.uri)  # a saved file may now have its example cases beside it


@server.feature(t.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: PointsServer, params: t.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    waiting = ls.pending.pop(uri, None)
    if waiting is not None:
        waiting.cancel()
    ls.analyses.pop((uri, True), None)
    ls.analyses.pop((uri, False), None)
    ls.names.pop(uri, None)
    ls.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(t.TEXT_DOCUMENT_FORMATTING)
def formatting(ls: PointsServer, params: t.DocumentFormattingParams) -> list[t.TextEdit] | None:
    found = ls.analysis(params.text_document.uri)
    try:
        width = find_config(Path(found.source.filename)).width or WIDTH  # as `pointrules fmt` formats the file
    except ConfigError:
        width = WIDTH  # the configuration's own error is lint's to report
    try:
        text = format_text(found.source.text, found.source.filename, width)
    except ValueError:  # it does not parse: its diagnostics say why; nothing to format yet
        return None
    except FormatError as error:
        ls.window_show_message(t.ShowMessageParams(t.MessageType.Error, str(error)))
        return None
    if text == found.source.text:
        return []
    return ls.edits(found.source, [Edit(Span(0, len(found.source.text)), text)])


@server.feature(t.TEXT_DOCUMENT_HOVER)
def on_hover(ls: PointsServer, params: t.HoverParams) -> t.Hover | None:
    found = ls.analysis(params.text_document.uri)
    if found.tree is None:
        return None
    text = hover(found, ls.names[params.text_document.uri], ls.offset(found.source, params.position), ls.language)
    return t.Hover(t.MarkupContent(t.MarkupKind.Markdown, text)) if text else None


@server.feature(t.TEXT_DOCUMENT_COMPLETION, t.CompletionOptions(trigger_characters=[" ", ":", ".", "("]))
def on_completion(ls: PointsServer, params: t.CompletionParams) -> t.CompletionList:
    found = ls.analysis(params.text_document.uri)
    at = ls.offset(found.source, params.position)
    items = [t.CompletionItem(c.label, kind=_KINDS[c.kind], detail=c.detail or None, sort_text=f"{i:04d}")
             for i, c in enumerate(completions(found.source.text, at, ls.names.get(params.text_document.uri)))]
    return t.CompletionList(is_incomplete=False, items=items)


def _target_uses(ls: PointsServer, uri: str, position: t.Position, with_definition: bool) -> list[t.Location]:
    found = ls.analysis(uri)
    if found.tree is None:
        return []
    names = ls.names[uri]
    here = names.at(ls.offset(found.source, position))
    if here is None:
        return []
    return [t.Location(uri, ls.range(found.source, o.span)) for o in names.uses(here.target, with_definition)]


@server.feature(t.TEXT_DOCUMENT_DEFINITION)
def definition(ls: PointsServer, params: t.DefinitionParams) -> list[t.Location]:
    uri = params.text_document.uri
    found, names = ls.analysis(uri), ls.names.get(uri)
    if found.tree is None or names is None:
        return []
    here = names.at(ls.offset(found.source, params.position))
    declared = names.definition(here.target) if here is not None else None
    return [t.Location(uri, ls.range(found.source, declared.span))] if declared is not None else []


@server.feature(t.TEXT_DOCUMENT_REFERENCES)
def references(ls: PointsServer, params: t.ReferenceParams) -> list[t.Location]:
    return _target_uses(ls, params.text_document.uri, params.position, params.context.include_declaration)


@server.feature(t.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbols(ls: PointsServer, params: t.DocumentSymbolParams) -> list[t.DocumentSymbol]:
    found = ls.analysis(params.text_document.uri)
    if found.tree is None:
        return []

    def convert(sym) -> t.DocumentSymbol:
        return t.DocumentSymbol(name=sym.name, kind=getattr(t.SymbolKind, sym.kind), detail=sym.detail or None,
                                range=ls.range(found.source, sym.span),
                                selection_range=ls.range(found.source, sym.name_span),
                                children=[convert(c) for c in sym.children])

    return [convert(sym) for sym in symbols(found.tree)]


@server.feature(t.TEXT_DOCUMENT_CODE_ACTION, t.CodeActionOptions(code_action_kinds=[t.CodeActionKind.QuickFix]))
def code_actions(ls: PointsServer, params: t.CodeActionParams) -> list[t.CodeAction]:
    uri = params.text_document.uri
    found = ls.analysis(uri, lints=True)
    first, last = ls.offset(found.source, params.range.start), ls.offset(found.source, params.range.end)
    actions: list[t.CodeAction] = []
    for d in found.diagnostics:
        span = span_of(d, found.source)
        if span.start > last or span.end < first:
            continue
        shown = lsp_diagnostic(d, found.source, ls.encoding())
        for fix in fixes(d, found.source):
            edit = t.WorkspaceEdit(changes={uri: ls.edits(found.source, fix.edits)})
            actions.append(t.CodeAction(fix.title, kind=t.CodeActionKind.QuickFix, diagnostics=[shown], edit=edit,
                                        is_preferred=len(actions) == 0 and not d.code.startswith("PR5")))
    return actions
