"""The language server behind editors: `pointrules lsp` (the optional extra ``pointrules[lsp]``).

Theory of operation: every open document is analysed whole on each change (after a short pause while
the writer types): parsed, checked and linted exactly as `pointrules lint` does, with the configuration
found beside the file (``analysis.py``). Every request is then a pure function of that analysis and a
character offset: the names and where they are used (``names.py``), hover (``hover.py``), completion
from the text before the cursor (``complete.py``, which works on a program that does not parse yet),
the fixes a diagnostic's help names (``fixes.py``). ``text.py`` converts between character offsets and
the protocol's lines and UTF-16 columns. Only ``server.py`` knows the protocol (pygls); nothing here is
imported by ``import pointrules``.
"""
