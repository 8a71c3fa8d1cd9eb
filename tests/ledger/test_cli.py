"""`pointrules simulate --ledger` and `pointrules ledger …` through the real command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from cli_runner import run_cli
from ledger_helpers import ROOT
from postgres_server import drop_schema, new_schema, postgres_url

SHOP = str(ROOT / "examples" / "shop.points")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(args, ROOT)  # a subprocess under CI, this process in the quick suite


def test_simulate_into_a_ledger_twice_pays_once_and_the_ledger_commands_read_it(tmp_path: Path, ledger_at: str) -> None:
    events = tmp_path / "events.jsonl"
    events.write_text(
        '{"id": "e1", "kind": "purchase", "member": "m42", "time": "2026-05-01T10:03:00+08:00",'
        ' "amount": "999.99", "category": "electronics", "channel": "app"}\n'
        '{"id": "e2", "kind": "checkin", "member": "m7", "time": "2026-12-31T23:30:00+08:00", "streak": 14}\n',
        encoding="utf-8")
    members = tmp_path / "members.jsonl"
    members.write_text('{"id": "m42", "tier": "gold"}\n', encoding="utf-8")
    db = ledger_at  # a SQLite file or a postgresql:// URL
    first = run("simulate", SHOP, str(events), "--members", str(members), "--ledger", db)
    assert first.returncode == 0, first.stderr
    again = run("simulate", SHOP, str(events), "--members", str(members), "--ledger", db)
    assert "already in the ledger (skipped): 2" in again.stdout and "points: 0" in again.stdout

    rows = run("ledger", "balances", db, "--at", "2027-06-01T00:00:00+08:00", "--format", "jsonl")
    got = {r["member"]: r for r in map(json.loads, rows.stdout.splitlines())}
    # gold, 999.99 of electronics in the app: floor(999 x 2 x 1.5) + 5 = 3,002; streak 14: 5 + 50 = 55
    assert (got["m42"]["available"], got["m42"]["pending"], got["m42"]["lifetime"]) == (3002, 0, 3002)
    assert got["m7"]["available"] == 55

    history = run("ledger", "history", db, "--member", "m42")
    assert history.stdout.count("earn") == 2  # the base line and the app bonus

    # 2026 points expire at the end of 2027 (Shanghai): all of them at 2028-01-01 00:00
    expired = run("ledger", "expire", db, "--at", "2028-01-01T00:00:00+08:00")
    assert "expired 3,057 points of 2 members" in expired.stdout  # 3,002 + 55
    owed = run("ledger", "liability", db, "--at", "2028-01-01T00:00:00+08:00")
    assert "outstanding points: 0" in owed.stdout


def test_liability_values_outstanding_points(tmp_path: Path) -> None:
    events = tmp_path / "events.jsonl"
    events.write_text('{"id": "s1", "kind": "signup", "member": "m1", "time": "2026-03-02T10:00:00+08:00"}\n',
                      encoding="utf-8")
    db = str(tmp_path / "points.db")
    assert run("simulate", SHOP, str(events), "--ledger", db, "-q").returncode == 0
    owed = run("ledger", "liability", db, "--at", "2026-04-01T00:00:00+08:00")
    assert "outstanding points: 100" in owed.stdout and "1.00 CNY" in owed.stdout  # 100 points = 1 CNY
    assert run("ledger", "balances", str(tmp_path / "missing.db")).returncode == 2


def test_a_database_server_that_cannot_be_reached_is_exit_2_naming_it_without_the_password() -> None:
    url = "postgresql://points:secret@127.0.0.1:1/points"  # nothing listens on port 1
    for args in (("ledger", "balances", url), ("simulate", SHOP, str(ROOT / "examples" / "shop.events.jsonl"),
                                               "--ledger", url)):
        result = run(*args)
        assert result.returncode == 2
        assert "error: " in result.stderr and "postgresql://points@127.0.0.1:1/points" in result.stderr
        assert "secret" not in result.stderr and "Traceback" not in result.stderr


def test_another_programs_schema_is_refused_with_exit_2() -> None:
    import psycopg

    url, schema = postgres_url(), new_schema()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
        conn.execute(f'CREATE TABLE "{schema}".customers (id INTEGER)')
    try:
        result = run("ledger", "summary", f"{url}?options=-csearch_path%3D{schema}")
        assert result.returncode == 2
        assert "not a pointrules ledger: the schema holds another program's tables (customers)" in result.stderr
    finally:
        drop_schema(url, schema)


def test_importing_pointrules_and_its_ledger_never_imports_the_database_driver() -> None:
    code = ("import sys, pointrules, pointrules.ledger, pointrules.cli; pointrules.Ledger;"
            " print(sorted(m for m in sys.modules if m.startswith('psycopg')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"  # psycopg is imported by ledger/postgres.py only, on first use


def test_a_database_url_without_the_driver_installed_says_how_to_install_it() -> None:
    code = ("import sys; sys.modules['psycopg'] = None; from pointrules.cli import main;"  # as if not installed
            " sys.exit(main(['ledger', 'summary', 'postgresql://points:secret@127.0.0.1:1/points']))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "the PostgreSQL store needs psycopg: pip install 'pointrules[postgres]'" in result.stderr
