"""The syntax stage: the syntax tree's node classes (``nodes``) and the parser that builds it from
program text with the lark grammar (``parser``)."""
