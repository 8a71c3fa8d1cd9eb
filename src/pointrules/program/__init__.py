"""The checked program (``model``) the checker hands the evaluators, and what a name in a condition
means (``resolve``), one answer for the checker and every evaluator."""
