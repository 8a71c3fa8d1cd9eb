"""Reports on runs of a program: a tally of what a run paid (``tally.py``), two versions compared
(``compare.py``: ``pointrules diff``) and the self-contained HTML page of either (``html.py``)."""
