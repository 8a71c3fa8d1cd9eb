"""A self-contained HTML report a marketer opens in a browser: tables and SVG charts drawn here, the
data also embedded as JSON (``<script type="application/json" id="data">``), nothing fetched.

``diff_page`` shows two versions side by side (points by day for both, by rule, the distribution of
the members' changes); ``run_page`` one program's run. Every text from a program or a stream is
escaped: an id or a label cannot become markup.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from pointrules.program.called import called, counted
from pointrules.report.compare import Comparison
from pointrules.report.tally import Tally

__all__ = ["diff_page", "run_page"]

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


def diff_page(c: Comparison, old_name: str, new_name: str) -> str:
    """The report of ``pointrules diff``."""
    data = c.as_json()
    days = c.table("day")
    name = called(c.new.program)  # as the new version calls its points
    title = escape(name[:1].upper() + name[1:])
    body = [
        f"<h1>{escape(c.new.program.name)}: {escape(old_name)} → {escape(new_name)}</h1>",
        _key(old_name, new_name),
        _summary(data, c.new.program.currency, name),
        f"<h2>{title} by day</h2>", _lines([d for d, _, _ in days], [a for _, a, _ in days], [b for _, _, b in days]),
        f"<h2>{title} by rule</h2>", _bars(c.table("rule")), _table("rule", c.table("rule")),
        f"<h2>{title} by kind</h2>", _table("kind", c.table("kind")),
        f"<h2>{title} by tier</h2>", _table("tier", c.table("tier")),
        "<h2>Members</h2>",
        f"<p>{data['members']['gain']:,} members gain, {data['members']['lose']:,} lose.</p>",
        _histogram(list(c.changes)),
        _table("member", [(m["member"], m["old"], m["new"]) for m in data["members"]["largest"]]),
    ]
    return _page(f"{c.new.program.name}: {old_name} → {new_name}", body, data)


def run_page(t: Tally, name: str) -> str:
    """The report of one run (``pointrules simulate --report``)."""
    data = t.as_json()
    days = sorted(t.by_day.items())
    called_ = called(t.program)
    title = escape(called_[:1].upper() + called_[1:])
    body = [
        f"<h1>{escape(t.program.name)}: {escape(name)}</h1>",
        (f"<p>{t.events:,} events, {escape(counted(t.points, called_))} (worth {escape(data['value'])}"
         f" {escape(t.program.currency)}), {data['liability']:,} still owed at the end.</p>"),
        f"<h2>{title} by day</h2>", _lines([d for d, _ in days], None, [p for _, p in days]),
        f"<h2>{title} by rule</h2>", _table("rule", [(k, v, v) for k, v in t.by_rule.items()], single=True, unit=called_),
        f"<h2>{title} by kind</h2>", _table("kind", [(k, v, v) for k, v in t.by_kind.items()], single=True, unit=called_),
        f"<h2>{title} by tier</h2>", _table("tier", [(k, v, v) for k, v in t.by_tier.items()], single=True, unit=called_),
    ]
    return _page(f"{t.program.name}: {name}", body, data)


def _page(title: str, body: list[str], data: dict[str, Any]) -> str:
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")  # cannot close the script
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
            + "\n".join(body)
            + f"\n<script type=\"application/json\" id=\"data\">{payload}</script>\n</body>\n</html>\n")


def _key(old_name: str, new_name: str) -> str:
    return (f'<p class="key"><span style="background:{OLD}"></span> {escape(old_name)} &nbsp; '
            f'<span style="background:{NEW}"></span> {escape(new_name)}</p>')


def _summary(data: dict[str, Any], currency: str, name: str) -> str:
    points, liability = data["points"], data["liability"]
    rows = [(name, points["old"], points["new"]), ("still owed at the end", liability["old"], liability["new"])]
    return _table("", rows) + f"<p>Change in value: {escape(points['change_value'])} {escape(currency)}</p>"


def _table(what: str, rows: list[tuple[str, int, int]], single: bool = False, unit: str = "points") -> str:
    head = f"<tr><th>{escape(what)}</th>" + (f"<th>{escape(unit)}</th></tr>" if single else
                                              "<th>old</th><th>new</th><th>change</th></tr>")
    out = [f'<table class="{escape(what) or "summary"}">', head]
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


def _lines(labels: list[str], old: list[int] | None, new: list[int]) -> str:
    """A line chart of points per day: the old version grey, the new one orange."""
    if not labels:
        return "<p>(none)</p>"
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
    return _svg(parts)


def _bars(rows: list[tuple[str, int, int]]) -> str:
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
    return _svg(parts)


def _histogram(changes: list[int]) -> str:
    """How many members changed by how much: ten bins from the largest loss to the largest gain."""
    if not changes:
        return "<p>No member's points change.</p>"
    low, high = min(changes), max(changes)
    bins = 10
    width = max(1, -(-(high - low + 1) // bins))
    counts = [0] * bins
    for c in changes:
        counts[min(bins - 1, (c - low) // width)] += 1
    rows = [(f"{low + i * width:+,} … {low + (i + 1) * width - 1:+,}", 0, n) for i, n in enumerate(counts)]
    return _bars([(k, 0, n) for k, _, n in rows])


def _frame(top: int) -> str:
    return (f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}" stroke="#bbb"/>'
            f'<text x="{PAD - 4}" y="{PAD}" text-anchor="end">{top:,}</text>')


def _svg(parts: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
            f'height="{HEIGHT}" role="img">' + "".join(parts) + "</svg>")
