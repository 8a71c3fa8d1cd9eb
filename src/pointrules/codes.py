"""The registry of diagnostic codes: each stable code with its default severity and a one-line
summary. docs/diagnostics.md has an entry (bad and fixed example) for every code here.

Ranges: PR0xx syntax and limits, PR1xx names, PR2xx types and units, PR3xx values, PR5xx lints
(PR59x: the inline ignore comments), PR6xx the versions of a program checked as a set.
"""

from __future__ import annotations

import attrs

from pointrules.messages.zh_codes import SUMMARIES_ZH
from pointrules.severity import Severity

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO


@attrs.frozen
class Code:
    code: str
    severity: Severity
    summary: str

    def summary_in(self, lang: str) -> str:
        """The one-line summary in ``lang`` (messages.LANGS)."""
        return SUMMARIES_ZH.get(self.code, self.summary) if lang == "zh" else self.summary


_TABLE: list[tuple[str, Severity, str]] = [
    # syntax and limits
    ("PR001", E, "unexpected word or symbol"),
    ("PR002", E, "the file ends in the middle of a declaration"),
    ("PR003", E, "a character that has no meaning in the language"),
    ("PR004", E, "a text is missing its closing quote"),
    ("PR005", E, "the program is too large or too deeply nested to check"),
    ("PR006", E, "the file is not readable text"),
    ("PR007", E, "a control or bidirectional character in a quoted text"),
    # names
    ("PR101", E, "a name is declared twice"),
    ("PR102", E, "unknown event kind"),
    ("PR103", E, "unknown name"),
    ("PR104", E, "unknown record"),
    ("PR105", E, "a field is declared twice"),
    ("PR106", E, "a name reserved for the language"),
    ("PR107", W, "a field hides a built-in name"),
    ("PR108", E, "an enumeration lists a value twice"),
    ("PR109", E, "a condition reads a field of a record"),
    ("PR110", E, "unknown weekday"),
    ("PR111", E, "points go to something that is not a member"),
    ("PR112", E, "a profile field named like an event field or a built-in"),
    ("PR113", E, "unknown part of a date"),
    ("PR120", E, "unknown measure of a member's history"),
    ("PR121", E, "a member's history read where there is no event"),
    # types and units
    ("PR201", E, "unknown field type"),
    ("PR202", E, "values that cannot be compared"),
    ("PR203", E, "a value used as a condition"),
    ("PR204", E, "arithmetic that cannot be done"),
    ("PR205", E, "money not in the program's currency"),
    ("PR206", E, "a missing or wrong unit"),
    ("PR207", E, "a value outside its list of values"),
    ("PR208", E, "an order comparison on values without an order"),
    ("PR209", E, "points per money counted over something that is not money"),
    ("PR210", E, "`where` on a field that is not a list"),
    ("PR211", E, "points per unit counted over something that is not a count"),
    ("PR212", E, "a ladder steps with something that is not a number"),
    ("PR213", E, "points earned from a field that is not of the points type"),
    ("PR220", E, "money summed over an event kind without money"),
    # values and structure
    ("PR301", E, "given more than once"),
    ("PR302", E, "a required header item is missing"),
    ("PR303", E, "unknown currency"),
    ("PR304", E, "unknown time zone"),
    ("PR305", E, "a date that does not exist"),
    ("PR306", E, "a window or range that ends before it starts"),
    ("PR307", E, "a number that must be more than 0"),
    ("PR308", E, "a number that must be whole"),
    ("PR309", W, "a multiplier below 1"),
    ("PR310", E, "more decimals than the currency has"),
    ("PR311", E, "unknown period"),
    ("PR312", E, "`next` and `after` in one expiry"),
    ("PR313", E, "`tiers` without any tier"),
    ("PR314", E, "unknown tier qualification"),
    ("PR315", E, "a tier without a threshold"),
    ("PR316", W, "a threshold without a qualification"),
    ("PR317", E, "tier thresholds not increasing"),
    ("PR318", W, "the lowest tier does not start at 0"),
    ("PR319", W, "a tier policy without a qualification"),
    ("PR320", E, "a day of the month outside 1 to 31"),
    ("PR321", W, "a campaign without rules"),
    ("PR322", E, "a percentage outside 0 to 100"),
    ("PR323", E, "unknown check"),
    ("PR324", W, "a rule that awards no points"),
    ("PR325", E, "a duration longer than 100 years"),
    ("PR326", E, "a number too large or too precise"),
    ("PR327", E, "a ladder's steps do not match its points"),
    ("PR328", E, "ladder steps not increasing"),
    ("PR329", E, "several numbers of points without a ladder"),
    ("PR330", E, "a points field without its maximum"),
    ("PR331", E, "a points field's maximum is not a whole number above 0"),
    ("PR332", E, "two caps of one period over the same kinds"),
    ("PR340", W, "two campaigns multiply on the same day and the program does not say how they combine"),
    ("PR341", E, "points expire on 02-29, which most years do not have"),
    ("PR342", E, "the points' name is empty"),
    ("PR350", E, "a window a member's history is not kept for"),
    ("PR360", E, "tiers by spend count an event or field that is not money"),
    ("PR361", E, "tiers by spend count an event with several money fields without saying which"),
    ("PR362", E, "`of` on tiers that count every event"),
    ("PR363", W, "an event carrying money does not count toward the tier"),
    ("PR364", W, "tier points that no tier counts"),
    ("PR365", W, "tiers by tier points that no rule earns"),
    ("PR366", E, "a redemption share of items that are not a list of records with money"),
    ("PR367", E, "a lifetime threshold where it cannot matter"),
    ("PR368", W, "a lifetime threshold no higher than the tier's own"),
    # lints: legal but likely wrong (src/pointrules/lints.py)
    ("PR501", W, "a rule that can never fire"),
    ("PR502", W, "two rules award the same points for the same thing"),
    ("PR503", W, "a campaign with neither an end date nor a budget"),
    ("PR504", W, "a multiplier above ×10"),
    ("PR505", W, "a cap lower than one ordinary award"),
    ("PR506", W, "a higher tier multiplies less than the tier below it"),
    ("PR507", W, "the program does not say when points expire"),
    ("PR508", W, "a program without example cases"),
    ("PR509", W, "a label missing where members read it"),
    # guards (src/pointrules/guards): proved, refuted with a counterexample, or not proved
    ("PR510", E, "a guard the program breaks"),
    ("PR511", W, "a guard that could not be proved"),
    ("PR512", W, "splitting an order earns more than the whole"),
    ("PR513", W, "campaigns that multiply the same event together"),
    ("PR514", W, "a condition or field the terms cannot word without code"),
    ("PR515", W, "a partial return keeps more points than the amount kept earns"),
    ("PR516", W, "a multiplier another always outdoes"),
    ("PR520", W, "points pay for no order: no `redeem` block"),
    # the ignore comments themselves (src/pointrules/check/ignores.py)
    ("PR590", W, "an ignore that silences nothing"),
    ("PR591", E, "an ignore that cannot apply"),
    ("PR592", E, "an ignore without its reason"),
    # the versions of a program (program/versions.py): a folder of them, checked as a set
    ("PR601", E, "two files are the same version of a program"),
    ("PR602", E, "a version of a program has no `version` or no `effective from`"),
    ("PR603", E, "versions out of order with their dates"),
    ("PR604", E, "a version changes what every version must keep"),
    ("PR605", E, "a version drops a tier an earlier version has"),
    ("PR606", E, "a version runs past the start of the next"),
]

CODES: dict[str, Code] = {c: Code(c, s, m) for c, s, m in _TABLE}

