"""The evaluate stage: an event and the member's state in, one ``Outcome`` out (``outcome``).

``reference`` is the interpreter (simple, the oracle), ``compiled`` the fast evaluator, ``choice``
the one switch between them; ``runtime`` holds what both share (rounding, periods and expiry in the
program's zone, conditions), ``tiers`` the member's tier, ``award`` the explained view of an
outcome and ``redeem`` redemption quotes."""
