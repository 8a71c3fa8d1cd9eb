"""Shared by the evaluator tests (a uniquely named module: every test folder has a conftest)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

HEADER = '''
program "Test"
currency CNY
timezone "Asia/Shanghai"
value 100 points = 1 CNY
'''
