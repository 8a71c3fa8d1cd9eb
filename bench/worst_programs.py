"""The worst program files we could build within the limits of a program, and some beyond them,
each checked by ``pointrules check`` in a fresh process: the table of docs/robustness.md
("Limits of a program file").

    .venv/bin/python bench/worst_programs.py          # every case (a few minutes)
    .venv/bin/python bench/worst_programs.py names    # the cases whose name holds `names`
    .venv/bin/python bench/worst_programs.py --keep DIR   # also keep the files in DIR

Each case is written to a file and checked under ``/usr/bin/time -v``, which reports the wall time
and the peak memory (maximum resident set size) of the whole process: start-up, reading, parsing,
checking and printing every diagnostic (to /dev/null). Cases within the limits fill them: as many
words and symbols as a program may have (``parser.MAX_TOKENS``, less 1%), conditions of the most
operators, lists of the most values, the longest names and texts, the most declarations.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pointrules.syntax.limits import (  # noqa: E402
    MAX_CHARS, MAX_DECLARATIONS, MAX_ITEMS, MAX_LINES, MAX_NAME, MAX_PARENS, MAX_TERMS, MAX_TEXT, MAX_TOKENS,
)
from pointrules.syntax.parser import parse  # noqa: E402
from pointrules.source import Source  # noqa: E402

SHOP = (ROOT / "examples" / "shop.points").read_text("utf-8")
ROOM = MAX_DECLARATIONS - len(parse(Source(SHOP))[0].declarations)  # type: ignore[union-attr]
# Words, numbers, texts and symbols as the parser counts them (comments and spaces are free).
_TOKEN = re.compile(r'#[^\n]*|"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"?|\d{4}-\d{2}-\d{2}|\d{2}-\d{2}(?![\d.])'
                    r'|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[A-Za-z_]\w*|[<>!]=|\S')
BUDGET = MAX_TOKENS * 99 // 100
SIZE = MAX_CHARS * 99 // 100


def tokens(text: str) -> int:
    return sum(1 for t in _TOKEN.findall(text) if not t.startswith("#"))


def fill(head: str, unit: Callable[[int], str], budget: int = BUDGET, tail: str = "", most: int = -1) -> str:
    """``head``, then ``unit(0)``, ``unit(1)``, … (``most`` of them at most) while the whole stays
    within ``budget`` tokens and the size limit."""
    out, used, size, i = [head], tokens(head) + tokens(tail), len(head) + len(tail), 0
    while i != most:
        piece = unit(i)
        cost = tokens(piece)
        if used + cost > budget or size + len(piece) > SIZE:
            break
        out.append(piece)
        used += cost
        size += len(piece)
        i += 1
    return "".join(out) + tail


def typo(name: str) -> str:
    """``name`` with one letter changed near its end: close enough for "did you mean"."""
    return name[:-2] + ("x" if name[-2] != "x" else "y") + name[-1]


def rule(i: int, condition: str, event: str = "purchase") -> str:
    return f"rule r{i} on {event} when {condition} {{ earn 1 point }}\n"


# ---- the cases -----------------------------------------------------------------------------------
def wide_sums() -> str:
    return fill(SHOP, lambda i: rule(i, "amount > " + " + ".join(["1 CNY"] * (MAX_TERMS + 1))))


def wide_ors() -> str:
    return fill(SHOP, lambda i: rule(i, " or ".join(['channel = "app"'] * (MAX_TERMS + 1))))


def deepest_conditions() -> str:
    """Every level the limits allow: nested comparisons in parentheses, then negations inside."""
    def condition(i: int) -> str:
        inner = "- " * MAX_TERMS + "1"
        for _ in range(MAX_PARENS):
            inner = f"1 = ({inner})"
        return inner
    return fill(SHOP, lambda i: rule(i, condition(i)))


def nots() -> str:
    return fill(SHOP, lambda i: rule(i, "not " * MAX_TERMS + "amount > 1 CNY"))


def long_lists() -> str:
    values = ", ".join(f'"c{j}"' for j in range(MAX_ITEMS))
    return fill(SHOP, lambda i: rule(i, f"category in ({values})"))


def long_number_lists() -> str:
    values = ", ".join("1" for _ in range(MAX_ITEMS))
    return fill(SHOP, lambda i: rule(i, f"amount in ({values})"))


def many_event_kinds() -> str:
    """Event kinds with long names, and rules on misspelled kinds: as many of each as fit."""
    def kind(i: int) -> str:
        return f"kind_{i:05d}_" + "k" * (MAX_NAME - 12)
    kinds = min(ROOM // 2, BUDGET // 2 // tokens(f"event {kind(0)}\n"))
    uses = min(ROOM - kinds, (BUDGET - kinds * 2) // tokens(f"rule r0 on {kind(0)} {{ earn 1 point }}\n"))
    return (SHOP + "".join(f"event {kind(i)}\n" for i in range(kinds))
            + "".join(f"rule r{i} on {typo(kind(i % kinds))} {{ earn 1 point }}\n" for i in range(uses)))


def many_fields() -> str:
    """One event with half the budget in fields; rules using misspelled ones, as many as fit."""
    fields = fill("event big {\n", lambda i: f"  field_{i:05d}: money\n", BUDGET // 2, "}\n")
    count = fields.count("field_")
    return fill(SHOP + fields, lambda i: rule(i, " and ".join(
        f"{typo(f'field_{(i * 50 + j) % count:05d}')} > 1 CNY" for j in range(MAX_TERMS + 1)), "big"))


def many_tiers() -> str:
    tiers = fill("tiers {\n", lambda i: f"  tier_{i:05d} from {i + 1} CNY\n", BUDGET // 2, "}\n")
    count = tiers.count("tier_")
    head = re.sub(r"\ntiers \{.*?\n\}\n", "\n", SHOP, flags=re.S)  # the shop's own tiers make way
    return fill(head + tiers, lambda i: rule(i, " or ".join(
        f"tier >= {typo(f'tier_{(i * 50 + j) % count:05d}')}" for j in range(MAX_TERMS + 1))))


def many_values() -> str:
    """A field of half the budget in values; comparisons with misspelled values."""
    values = fill('event big { channel: "value_00000"', lambda i: f' | "value_{i + 1:05d}"', BUDGET // 2, " }\n")
    count = values.count("value_")
    return fill(SHOP + values, lambda i: rule(i, " or ".join(
        f'channel = "{typo(f"value_{(i * 50 + j) % count:05d}")}"' for j in range(MAX_TERMS + 1)), "big"))


def many_record_fields() -> str:
    """A record of many fields with its money field last, counted by many rules: a valid program."""
    record = fill("record line {\n", lambda i: f"  note_{i:05d}: text\n", BUDGET // 2, "  amount: money\n}\n")
    head = SHOP.replace("  amount: money\n", "  amount: money\n  lines: list of line\n", 1) + record
    return fill(head, lambda i: f"rule r{i} on purchase {{ earn 1 point per 1 CNY of lines }}\n")


def many_member_fields() -> str:
    """An event of many member fields; points given to misspelled ones, and counted over unknown fields."""
    fields = fill("event big {\n", lambda i: f"  friend_{i:05d}: member\n", BUDGET // 2, "}\n")
    count = fields.count(": member")
    return fill(SHOP + fields, lambda i: f"rule r{i} on big {{ earn 1 point to {typo(f'friend_{i % count:05d}')} "
                                         f"earn 1 point per 1 CNY of {typo(f'friend_{i % count:05d}')} }}\n")


def tier_lists() -> str:
    """`in` lists of 1,000 names that are both tiers and fields (fields win there), to the token limit."""
    names = [f"level_{j:04d}" for j in range(MAX_ITEMS)]
    tiers = "tiers {\n" + "".join(f"  {n}\n" for n in names) + "}\n"
    event = "event big {\n" + "".join(f"  {n}: text\n" for n in names) + "}\n"
    head = re.sub(r"\ntiers \{.*?\n\}\n", "\n", SHOP, flags=re.S) + tiers + event
    return fill(head, lambda i: rule(i, f"level_0000 in ({', '.join(names)})", "big"))


def longest_names() -> str:
    """Fields with the longest names, used misspelled: the slowest words to compare."""
    def name(i: int) -> str:
        return f"f{i:04d}_" + "a" * (MAX_NAME - 6)
    fields = fill("event big {\n", lambda i: f"  {name(i)}: money\n", BUDGET // 4, "}\n")
    count = fields.count(": money")
    return fill(SHOP + fields, lambda i: rule(i, f"{typo(name(i % count))} > 1 CNY", "big"))


def longest_names_misspelled_builtins() -> str:
    """Words of the longest kind where units, periods and weekdays are looked up."""
    word = "saturday" + "x" * (MAX_NAME - 9)
    return fill(SHOP, lambda i: f"rule r{i} on purchase when weekday = {word}{i % 10} "
                                f"{{ earn 1 point limit 1 times per {word}{i % 10} }}\n")


def misspelled_time_zones() -> str:
    return fill(SHOP, lambda i: f'timezone "Asia/Shanghia{i % 10}"\n', most=ROOM)


def duplicate_names() -> str:
    return fill(SHOP, lambda i: f"event purchase {{ amount: money  amount_{i}: money }}\n", most=ROOM)


def longest_texts() -> str:
    text = "积分" * (MAX_TEXT // 2)
    return fill(SHOP, lambda i: f'rule r{i} "{text}" on purchase {{ earn 1 point }}\n')


def realistic_rules() -> str:
    """Rules of 30-term conditions, as the outside tester wrote them."""
    def unit(i: int) -> str:
        a = " and ".join(f"amount >= {j} CNY" if j % 3 == 0 else ('channel = "app"' if j % 3 == 1
                         else f'category in ("a{j}", "b{j}")') for j in range(15))
        b = " or ".join(f'category = "c{j}"' for j in range(15))
        return (f'rule r{i} "规则 {i}" on purchase when {a} and ({b}) {{\n'
                f"  earn {i % 40 + 1} points per 100 CNY of amount\n  limit 3 times per day\n}}\n")
    return fill(SHOP, unit)


def most_declarations() -> str:
    return fill(SHOP, lambda i: f"event e{i}\n", most=ROOM)


def most_campaigns() -> str:
    return fill(SHOP, lambda i: f'campaign c{i} from 2026-01-01 to 2026-12-31 {{ rule r{i} on purchase '
                                f'when channel = "app" {{ multiply 2 }} }}\n')


def biggest_comment() -> str:
    return SHOP + "# " + "积" * (MAX_CHARS - len(SHOP) - 10) + "\n"


def most_lines() -> str:
    return SHOP + "\n" * (MAX_LINES - SHOP.count("\n") - 10)


# beyond the limits: each must be refused at once
def nested_parentheses() -> str:
    return SHOP + rule(0, "(" * 100_000 + "amount > 1 CNY" + ")" * 100_000)


def nested_braces() -> str:
    return SHOP + "redeem " + "{" * 100_000 + "}" * 100_000 + "\n"


def huge_comment() -> str:
    return SHOP + "# " + "积" * 50_000_000 + "\n"


def endless_lines() -> str:
    return SHOP + "\n" * 2_000_000


def issue_sum() -> str:
    return SHOP + rule(0, "amount > " + "+".join(["1"] * 2_450_000))


def issue_or() -> str:
    return SHOP + rule(0, " or ".join(["a=1"] * 400_000))


def issue_list() -> str:
    return SHOP + rule(0, "category in (" + ",".join(['"a"'] * 1_200_000) + ")")


def issue_rules() -> str:
    text = realistic_rules()
    rules = text[len(SHOP):]
    return SHOP + rules * (4_500_000 // len(rules)) + rules[: 4_500_000 % len(rules)]


def issue_unclosed_text() -> str:
    return SHOP + 'rule x "' + '\\"' * 2_000_000 + "\n"


def issue_event_kinds() -> str:
    """5,000 event kinds and 4,990 misspelled uses (250 KB), as the outside tester wrote them."""
    kinds = "".join(f"event k{i:04d}\n" for i in range(5000))
    return ('program "Many kinds"\ncurrency CNY\n' + kinds
            + "".join(f"rule r{i} on k{i:04d}x {{ earn 1 point }}\n" for i in range(4990)))


CASES: dict[str, tuple[str, Callable[[], str]]] = {
    "wide-sums": ("conditions of 101 terms added up, rules of them to the token limit", wide_sums),
    "wide-ors": ("conditions of 101 terms joined by `or`, to the token limit", wide_ors),
    "deepest-conditions": ("64 nested comparisons in parentheses around 100 negations, to the token limit",
                           deepest_conditions),
    "nots": ("100 `not`s in a condition, to the token limit", nots),
    "long-lists": ("`in` lists of 1,000 texts, to the token limit", long_lists),
    "long-number-lists": ("`in` lists of 1,000 numbers, to the token limit", long_number_lists),
    "many-names-event-kinds": ("event kinds (99-character names) and rules on misspelled kinds, as many as fit",
                               many_event_kinds),
    "many-names-fields": ("an event of fields for half the tokens, conditions on misspelled fields",
                          many_fields),
    "many-names-tiers": ("tiers for half the tokens, conditions on misspelled tiers", many_tiers),
    "many-names-values": ("a field of values for half the tokens, comparisons with misspelled values",
                          many_values),
    "many-names-record-fields": ("a record of fields for half the tokens, money last, counted by rules (valid)",
                                 many_record_fields),
    "many-names-member-fields": ("an event of member fields, points to and counted over misspelled ones",
                                 many_member_fields),
    "long-lists-tiers": ("`in` lists of 1,000 names that are tiers and fields at once", tier_lists),
    "long-names-fields": ("fields with 100-character names, used misspelled", longest_names),
    "long-names-builtins": ("100-character misspelled weekdays and periods", longest_names_misspelled_builtins),
    "many-names-time-zones": ("misspelled time zones, declared again and again", misspelled_time_zones),
    "many-names-duplicates": ("one event declared again and again", duplicate_names),
    "long-texts": ("labels of 1,000 characters (Chinese), to the size limit", longest_texts),
    "many-rules-realistic": ("rules with 30-term conditions, to the token limit", realistic_rules),
    "many-rules-declarations": ("10,000 declarations (events without fields)", most_declarations),
    "many-rules-campaigns": ("a campaign of one rule each, to the token limit", most_campaigns),
    "size-comment": ("a comment to the size limit (5,000,000 characters)", biggest_comment),
    "size-lines": ("empty lines to the line limit (200,000)", most_lines),
    "beyond-parens": ("100,000 nested parentheses in a condition", nested_parentheses),
    "beyond-braces": ("100,000 nested `{` in a redemption block", nested_braces),
    "beyond-size": ("a 50 MB comment", huge_comment),
    "beyond-lines": ("2,000,000 empty lines", endless_lines),
    "beyond-sum": ("a 4.9 MB `1+1+…+1` condition (issue 16)", issue_sum),
    "beyond-or": ("a 400,000-term `or` (issue 16)", issue_or),
    "beyond-list": ("a 1.2-million-item `in` list (issue 16)", issue_list),
    "beyond-rules": ("4.5 MB of rules with 30-term conditions (issue 16)", issue_rules),
    "beyond-unclosed-text": ("a 4 MB unclosed text full of `\\\"` (issue 16)", issue_unclosed_text),
    "beyond-event-kinds": ("5,000 event kinds and 4,990 misspelled uses, 250 KB (issue 16)", issue_event_kinds),
}


def measure(path: Path) -> tuple[float, float, int, str]:
    """Wall and processor seconds, peak kilobytes and the diagnostics of checking ``path``."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    command = [sys.executable, "-m", "pointrules.cli", "check", str(path)]
    timed = ["/usr/bin/time", "-v", *command] if Path("/usr/bin/time").exists() else command
    done = subprocess.run(timed, env=env, capture_output=True, text=True, check=False)
    report = done.stderr
    seconds = cpu = kilobytes = 0.0
    if m := re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", report):
        seconds = int(m.group(1) or 0) * 3600 + int(m.group(2)) * 60 + float(m.group(3))
    for m in re.finditer(r"(?:User|System) time \(seconds\): ([\d.]+)", report):
        cpu += float(m.group(1))
    if m := re.search(r"Maximum resident set size \(kbytes\): (\d+)", report):
        kilobytes = float(m.group(1))
    codes = re.findall(r"^(?:error|warning|info)\[(PR\d+)\]", report, re.M)
    found = f"{codes[0]} ×{len(codes):,}" if codes else "clean"
    return seconds, cpu, int(kilobytes), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("only", nargs="*", help="run the cases whose name holds one of these words")
    parser.add_argument("--keep", type=Path, help="keep the generated files in this folder")
    args = parser.parse_args()
    chosen = [n for n in CASES if not args.only or any(w in n for w in args.only)]
    folder = args.keep or Path(tempfile.mkdtemp(prefix="worst-programs-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"limits: {MAX_TOKENS:,} tokens, {MAX_TERMS} operators a condition, {MAX_ITEMS:,} values a list, "
          f"{MAX_CHARS:,} characters, {MAX_LINES:,} lines; {os.cpu_count()} CPUs")
    print(f"{'case':<26} {'characters':>11} {'tokens':>8}  {'result':<14} {'wall s':>7} {'cpu s':>6} {'peak MB':>8}")
    for name in chosen:
        what, build = CASES[name]
        text = build()
        path = folder / f"{name}.points"
        path.write_text(text, "utf-8")
        seconds, cpu, kilobytes, found = measure(path)
        print(f"{name:<26} {len(text):>11,} {tokens(text):>8,}  {found:<14} {seconds:>7.2f} {cpu:>6.2f} "
              f"{kilobytes / 1024:>8.0f}   {what}", flush=True)
        if not args.keep:
            path.unlink()
    if not args.keep:
        folder.rmdir()


if __name__ == "__main__":
    main()
