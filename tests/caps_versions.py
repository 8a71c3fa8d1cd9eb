"""A program of two versions in which version 2 puts a tighter cap on reviews before the daily cap
version 1 already had: what tests/evaluate/test_versions_caps.py and
tests/ledger/test_ledger_versions_caps.py run, on every evaluator and store.

Hand-worked, all on the day of the switch (2026-07-01, Shanghai) for member m1; version 1 earns 1
point per full yuan and 100 points a review, at most 600 points a day over every kind; version 2
(from 12:00) earns the same and adds, before that cap, at most 150 points a day from reviews.
- e1 10:00 purchase 300.00, version 1: 300; the day's count 300
- e2 11:00 review, version 1: 100; the day's count 400
- e3 12:30 review, version 2: the review cap is new, so its count is 0: 100 <= 150 keeps 100;
  the daily cap, the same cap as version 1's, has 600 - 400 = 200 left: keeps 100.
  Counts: reviews 100, the day 500. (Counted by position, version 2's first cap, the review cap,
  read version 1's first cap's 400: 150 - 400 < 0, and e3 earned 0.)
- e4 13:00 review, version 2: reviews 150 - 100 = 50 left: 100 -> 50; the day 600 - 500 = 100
  left: 50 kept. Counts: reviews 150, the day 550
- e5 14:00 purchase 200.00, version 2: no review cap; the day 600 - 550 = 50 left: 200 -> 50.
  The day's count 600 = 300 + 100 + 100 + 50 + 50
- e6 the next day 09:00 review, version 2: new periods, 100
"""

from __future__ import annotations

from pathlib import Path

from pointrules import load_versions
from pointrules.program.versions import VersionSet

HEAD = '''program "Review Club"
version {version}
currency CNY
timezone "Asia/Shanghai"
value 100 points = 1 CNY
effective from {start}
expire never

event purchase {{ amount: money }}
event review

rule spend on purchase {{ earn 1 point per 1 CNY of amount }}
rule reviewed on review {{ earn 100 points }}
'''
V1 = HEAD.format(version=1, start="2026-01-01") + "cap 600 points per day\n"
V2 = HEAD.format(version=2, start="2026-07-01 at 12:00") + "cap 150 points per day on review\ncap 600 points per day\n"

EVENTS = [
    '{"id": "e1", "kind": "purchase", "member": "m1", "time": "2026-07-01T10:00:00+08:00", "amount": "300.00"}',
    '{"id": "e2", "kind": "review", "member": "m1", "time": "2026-07-01T11:00:00+08:00"}',
    '{"id": "e3", "kind": "review", "member": "m1", "time": "2026-07-01T12:30:00+08:00"}',
    '{"id": "e4", "kind": "review", "member": "m1", "time": "2026-07-01T13:00:00+08:00"}',
    '{"id": "e5", "kind": "purchase", "member": "m1", "time": "2026-07-01T14:00:00+08:00", "amount": "200.00"}',
    '{"id": "e6", "kind": "review", "member": "m1", "time": "2026-07-02T09:00:00+08:00"}',
]
POINTS = [300, 100, 100, 50, 50, 100]  # as worked above
VERSIONS = [1, 1, 2, 2, 2, 2]
# the counters the day leaves: the daily cap over every kind, and version 2's review cap
COUNTS = {("m1", "cap:day:*", "2026-07-01"): 600, ("m1", "cap:day:review", "2026-07-01"): 150,
          ("m1", "cap:day:*", "2026-07-02"): 100, ("m1", "cap:day:review", "2026-07-02"): 100}


def review_club(folder: Path) -> VersionSet:
    """The two versions, written to ``folder`` and loaded as a set."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "v1.points").write_text(V1, encoding="utf-8")
    (folder / "v2.points").write_text(V2, encoding="utf-8")
    return load_versions(folder)
