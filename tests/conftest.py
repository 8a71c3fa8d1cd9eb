"""Make the shared hypothesis strategies (tests/strategies.py) importable from every test folder,
and keep ``make test`` quick: the long-running tests (property and fuzz tests, the ledger's state
machines, kill and race tests, the tests of the PostgreSQL store, the wheel build, the playground in
a browser, the docs site's build) are marked ``slow`` and left out of a local run unless ``CI=true``
or ``POINTRULES_SLOW=1``. ``.ci/run`` runs them all; ``make fuzz`` runs the property and fuzz tests
with many more examples."""

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

SLOW_FILES = ("ledger/test_state_machine.py", "ledger/test_history_machine.py", "ledger/test_crash.py",
              "ledger/test_race.py", "packaging/",
              "play/test_browser.py", "docs/test_site_build.py")


def _slow(item: pytest.Item) -> bool:
    name = item.name.split("[")[0]
    path = Path(str(item.fspath)).as_posix()
    # Every test of the PostgreSQL store is slow too: each statement is a round trip to the server.
    return (name.startswith(("test_property_", "test_fuzz_")) or "TestLedger" in item.nodeid
            or "postgres" in item.nodeid.lower()
            or "Ledger::runTest" in item.nodeid or any(f"tests/{f}" in path for f in SLOW_FILES))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: a long-running test, run by CI and by POINTRULES_SLOW=1")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    run_slow = (os.environ.get("CI") == "true" or os.environ.get("POINTRULES_SLOW") == "1"
                or bool(os.environ.get("POINTRULES_FUZZ")))
    skip = pytest.mark.skip(reason="slow: run with POINTRULES_SLOW=1 (CI runs it)")
    for item in items:
        if _slow(item):
            item.add_marker("slow")
            if not run_slow:
                item.add_marker(skip)
