"""A self-contained HTML report a marketer opens in a browser: tables and SVG charts drawn here, the
data also embedded as JSON (``<script type="application/json" id="data">``), nothing fetched.

``diff_page`` shows two versions side by side (points by day for both, by rule, the distribution of
the members' changes); ``run_page`` one program's run. One builder for every language: its words are
the vocabulary's ``report`` phrases (wording/en.py, wording/zh.py). Every text from a program or a
stream is escaped: an id or a label cannot become markup.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from html import escape
from typing import Any

from pointrules.program import model as m
from pointrules.report.compare import Comparison
from pointrules.report.tally import Labels, Tally, labels_of
from pointrules.wording import vocabulary
from pointrules.wording.catalogue import ReportPhrases, labelled, plural

__all__ = ["diff_page", "money_words", "named_rows", "report_words", "run_page"]

OLD, NEW = "#8c8c8c", "#d9480f"  # grey for the old version, orange for the new
WIDTH, HEIGHT, PAD = 720, 240, 56

STYLE = """
body { font: 15px/1.5 system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; margin: 2em auto; max-width: 60em;
       color: #222; padding: 0 1em; }
h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 2em; }
table { border-collapse: collapse; margin: .5em 0; } td, th { padding: .2em .8em; text-align: right; }
th:first-child, td:first-child { text-align: left; } tr:nth-child(even) { background: #f6f6f6; }
.up { color: #2b8a3e; } .down { color: #c92a2a; } .key span { display: inline-block; width: 1em; height: .7em; }
svg text { font-size: 11px; fill: #555; }
"""


def diff_page(c: Comparison, old_name: str, new_name: str, lang: str = "en", labels: Labels | None = None) -> str:
    """The report of ``pointrules diff``, in ``lang``; the points called as the new version calls them,
    rules, kinds and tiers with their ``labels`` (by default the two programs': labels_of)."""
    data = c.as_json()
    days = c.table("day")
    say = report_words(c.new.program, lang)
    labels = labels or labels_of((c.old.program, c.new.program))
    rules = named_rows(c.table("rule"), labels["rule"], say)
    members = data["members"]
    body = [
        f"<h1>{escape(c.new.program.name)}: {escape(old_name)} → {escape(new_name)}</h1>",
        _key(old_name, new_name, say),
        _summary(data, c.new.program.currency, say),
        _heading(say["by"]["day"]),
        _lines([d for d, _, _ in days], [a for _, a, _ in days], [b for _, _, b in days], say),
        _heading(say["by"]["rule"]), _bars(rules, say["by"]["rule"]), _table("rule", rules, say),
        _heading(say["by"]["kind"]), _table("kind", named_rows(c.table("kind"), labels["kind"], say), say),
        _heading(say["by"]["tier"]), _table("tier", named_rows(c.table("tier"), labels["tier"], say), say),
        _heading(say["members"]),
        _gain_lose(members["gain"], members["lose"], say),
        _histogram(list(c.changes), say),
        _table("member", [(m["member"], m["old"], m["new"]) for m in members["largest"]], say),
    ]
    return _page(f"{c.new.program.name}: {old_name} → {new_name}", body, data, say)


def run_page(t: Tally, name: str, lang: str = "en", labels: Labels | None = None) -> str:
    """The report of one run (``pointrules simulate --report``), in ``lang``; rules, kinds and tiers
    with their ``labels`` (by default the program's: labels_of)."""
    labels = labels or labels_of((t.program,))
    data = t.as_json()
    days = sorted(t.by_day.items())
    say = report_words(t.program, lang)
    lead = plural(say["run"], t.events).format(
        events=f"{t.events:,}", points=plural(say["count"], t.points).format(count=f"{t.points:,}"),
        value=money_words(data["value"], t.program.currency, say), owed=f"{data['liability']:,}")
    body = [f"<h1>{escape(t.program.name)}: {escape(name)}</h1>", f"<p>{escape(lead)}</p>",
            _heading(say["by"]["day"]), _lines([d for d, _ in days], None, [p for _, p in days], say)]
    for part in ("rule", "kind", "tier"):
        rows = named_rows([(k, v, v) for k, v in getattr(t, f"by_{part}").items()], labels[part], say)
        body += [_heading(say["by"][part]), _table(part, rows, say, single=True)]
    return _page(f"{t.program.name}: {name}", body, data, say)


def report_words(program: m.Program, lang: str) -> ReportPhrases:
    """The reports' phrases in ``lang``, the points called as ``program`` calls them."""
    return vocabulary(lang, program.points_names.get(lang)).report


def named_rows(rows: list[tuple[str, int, int]], labels: Mapping[str, str | None],
               say: ReportPhrases) -> list[tuple[str, int, int]]:
    """Rows of (id, old, new) with each id as the reports name it: with its label (labelled)."""
    return [(labelled(key, labels.get(key), say), a, b) for key, a, b in rows]


def money_words(amount: str, currency: str, say: ReportPhrases) -> str:
    """An amount as the reports say it: 0.50 CNY, 0.50 元."""
    grouped = f"{Decimal(amount):,f}"  # 1,623.20 as the terms and explanations write money
    return say["money"].format(amount=grouped, currency=say["currencies"].get(currency, currency))


def _gain_lose(gain: int, lose: int, say: ReportPhrases) -> str:
    return f"<p>{escape(plural(say['gain_lose_page'], gain).format(gain=f'{gain:,}', lose=f'{lose:,}'))}</p>"


def _heading(text: str) -> str:
    return f"<h2>{escape(text[:1].upper() + text[1:])}</h2>"


def _page(title: str, body: list[str], data: dict[str, Any], say: ReportPhrases) -> str:
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")  # cannot close the script
    return (f"<!DOCTYPE html>\n<html lang=\"{say['html_lang']}\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
            + "\n".join(body)
            + f"\n<script type=\"application/json\" id=\"data\">{payload}</script>\n</body>\n</html>\n")


def _key(old_name: str, new_name: str, say: ReportPhrases) -> str:
    """The charts' legend: each version's colour, the version and its file."""
    old, new = (escape(say["columns"][side] + say["colon"]) for side in ("old", "new"))
    return (f'<p class="key"><span style="background:{OLD}"></span> {old}{escape(old_name)} &nbsp; '
            f'<span style="background:{NEW}"></span> {new}{escape(new_name)}</p>')


def _summary(data: dict[str, Any], currency: str, say: ReportPhrases) -> str:
    points, liability = data["points"], data["liability"]
    rows = [(say["points"], points["old"], points["new"]), (say["owed"], liability["old"], liability["new"])]
    value = money_words(points["change_value"], currency, say)
    return _table("", rows, say) + f"<p>{escape(say['change_value'].format(value=value))}</p>"


def _table(what: str, rows: list[tuple[str, int, int]], say: ReportPhrases, single: bool = False) -> str:
    """Rows of (key, old, new) under the head of ``what`` (rule, kind, tier, member; "" for none);
    ``single``: one run's figures (new) only, under the points' name."""
    cols = say["columns"]
    figures = [say["points"]] if single else [cols["old"], cols["new"], cols["change"]]
    head = "<tr>" + "".join(f"<th>{escape(h)}</th>" for h in (cols.get(what, ""), *figures)) + "</tr>"
    out = [f'<table class="{what or "summary"}">', head]
    for key, a, b in rows:
        if single:
            out.append(f"<tr><td>{escape(str(key))}</td><td>{b:,}</td></tr>")
            continue
        change = b - a
        css = "up" if change > 0 else "down" if change < 0 else ""
        out.append(f"<tr><td>{escape(str(key))}</td><td>{a:,}</td><td>{b:,}</td>"
                   f'<td class="{css}">{change:+,}</td></tr>')
    out.append("</table>")
    return "\n".join(out)


def _lines(labels: list[str], old: list[int] | None, new: list[int], say: ReportPhrases) -> str:
    """A line chart of points per day: the old version grey, the new one orange."""
    if not labels:
        return f"<p>{escape(say['none'])}</p>"
    top = max([1, *new, *(old or [])])
    step = (WIDTH - 2 * PAD) / max(1, len(labels) - 1)

    def path(values: list[int]) -> str:
        return " ".join(f"{PAD + i * step:.1f},{HEIGHT - PAD - v / top * (HEIGHT - 2 * PAD):.1f}"
                        for i, v in enumerate(values))

    parts = [_frame(top)]
    if old is not None:
        parts.append(f'<polyline fill="none" stroke="{OLD}" stroke-width="2" points="{path(old)}"/>')
    parts.append(f'<polyline fill="none" stroke="{NEW}" stroke-width="2" points="{path(new)}"/>')
    parts.append(f'<text x="{PAD}" y="{HEIGHT - 8}">{escape(labels[0])}</text>')
    parts.append(f'<text x="{WIDTH - PAD}" y="{HEIGHT - 8}" text-anchor="end">{escape(labels[-1])}</text>')
    return _svg(parts, say["by"]["day"])


def _bars(rows: list[tuple[str, int, int]], label: str) -> str:
    """Bars per key: old and new side by side."""
    if not rows:
        return ""
    top = max([1, *(a for _, a, _ in rows), *(b for _, _, b in rows)])
    slot = (WIDTH - 2 * PAD) / len(rows)
    parts = [_frame(top)]
    for i, (key, a, b) in enumerate(rows):
        x = PAD + i * slot
        for j, (value, colour) in enumerate(((a, OLD), (b, NEW))):
            h = value / top * (HEIGHT - 2 * PAD)
            parts.append(f'<rect x="{x + j * slot * 0.4 + slot * 0.1:.1f}" y="{HEIGHT - PAD - h:.1f}" '
                         f'width="{slot * 0.38:.1f}" height="{h:.1f}" fill="{colour}"><title>{escape(key)}: '
                         f'{value:,}</title></rect>')
        parts.append(f'<text x="{x + slot / 2:.1f}" y="{HEIGHT - 24}" text-anchor="middle">{escape(key[:14])}</text>')
    return _svg(parts, label)


def _histogram(changes: list[int], say: ReportPhrases) -> str:
    """How many members changed by how much: ten bins from the largest loss to the largest gain."""
    if not changes:
        return f"<p>{escape(say['no_change'])}</p>"
    low, high = min(changes), max(changes)
    bins = 10
    width = max(1, -(-(high - low + 1) // bins))
    counts = [0] * bins
    for c in changes:
        counts[min(bins - 1, (c - low) // width)] += 1
    rows = [(f"{low + i * width:+,} … {low + (i + 1) * width - 1:+,}", 0, n) for i, n in enumerate(counts)]
    return _bars([(k, 0, n) for k, _, n in rows], say["members"])


def _frame(top: int) -> str:
    return (f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}" stroke="#bbb"/>'
            f'<text x="{PAD - 4}" y="{PAD}" text-anchor="end">{top:,}</text>')


def _svg(parts: list[str], label: str) -> str:
    """A chart; ``label`` (its heading's words) is what a screen reader says of it."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
            f'height="{HEIGHT}" role="img" aria-label="{escape(label)}">' + "".join(parts) + "</svg>")
