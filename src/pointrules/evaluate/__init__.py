"""The evaluate stage: an event and the member's state in, one ``Outcome`` out (``outcome``).

``reference`` is the interpreter (simple, the oracle), ``compiled`` the fast evaluator, ``choice``
the one switch between them. What both share: ``rounding`` (whole points, combined factors),
``calendar`` (periods and expiry in the program's zone, campaign days) and ``conditions``;
``tiers`` finds the member's tier, ``award`` is the explained view of an outcome and ``redeem``
quotes redemptions."""
