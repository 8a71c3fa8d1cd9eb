"""Make the shared hypothesis strategies (tests/strategies.py) importable from every test folder,
and keep ``make test`` quick. The long-running tests (property and fuzz tests, the ledger's state
machines, kill and race tests, the tests of the PostgreSQL store, the wheel build, browsers, the
docs site's build, a fresh interpreter run to see the command line without an extra) are marked
``slow``; so is every case of a sweep (a test run for every example, every docs page, every seed)
but the few the quick suite keeps (SWEEPS). Slow tests are left out of a local run unless
``CI=true`` or ``POINTRULES_SLOW=1``: ``.ci/run`` runs them all; ``make fuzz`` runs the property and
fuzz tests with many more examples."""

import functools
import os
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

SLOW_FILES = ("ledger/test_state_machine.py", "ledger/test_history_machine.py", "ledger/test_crash.py",
              "ledger/test_race.py", "packaging/",
              "play/test_browser.py", "docs/test_site_build.py")
SLOW_TESTS = ("report/test_diff.py::test_the_report_renders_in_a_headless_browser",
              # a fresh interpreter that cannot import pygls (2 s of CPU)
              "lsp/test_protocol.py::test_without_pygls_the_command_says_how_to_install_it")
# A sweep runs one test for every example, docs page, width or seed: the quick suite keeps the cases
# whose id (the part in brackets) matches here, CI runs every one. The examples kept are shop (the
# reference program) and distributor (Chinese labels, and the most constructs shop lacks: 21 of 76).
_KEPT_EXAMPLES = r"(shop|distributor)(-.*)?"
SWEEPS = {
    # the English pages' commands but docs/ci.md's and docs/cases.md's, which lint, check the layout of
    # and test every example once more (as README.md's do, and tests/cli and tests/cases); the Chinese
    # pages show the English pages' commands (docs/test_site.py compares them)
    "docs/test_commands.py::test_commands_run_with_their_documented_exit_status":
        r"README\.md|docs/(?!ci\.|cases\.)\w+\.md",
    "cli/test_golden_commands.py::test_eval": _KEPT_EXAMPLES,
    "cli/test_golden_commands.py::test_explain": _KEPT_EXAMPLES,
    "cli/test_golden_commands.py::test_fmt": _KEPT_EXAMPLES,
    "format/test_width.py::test_examples_at_any_width_format_once_keep_comments_and_mean_the_same": _KEPT_EXAMPLES,
    "reference/test_differential.py::test_simulate_agrees_with_the_baseline_on_random_streams": r"seed-202",
    "ledger/test_batches.py::test_a_batched_stream_ends_as_one_event_per_transaction": r".*-7",
    # every case through both evaluators' rows and each consumer once, with the default evaluator
    # (the rows agree, so the consumer's other evaluator adds little); CI runs every pair
    "conformance/test_conformance.py::test_conformance":
        r".*-(reference-rows|compiled-(rows|text|ledger-memory|ledger-sqlite|cases))",
}


def _slow(item: pytest.Item) -> bool:
    name = item.name.split("[")[0]
    path = Path(str(item.fspath)).as_posix()
    test = path.split("/tests/")[-1] + "::" + name
    sweep = SWEEPS.get(test)
    if sweep is not None and not re.fullmatch(sweep, item.callspec.id):  # type: ignore[attr-defined]
        return True
    # Every test of the PostgreSQL store is slow too: each statement is a round trip to the server.
    return (name.startswith(("test_property_", "test_fuzz_")) or "TestLedger" in item.nodeid
            or "postgres" in item.nodeid.lower() or test in SLOW_TESTS
            or "Ledger::runTest" in item.nodeid or any(f"tests/{f}" in path for f in SLOW_FILES))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: a long-running test, run by CI and by POINTRULES_SLOW=1")


def _run_slow() -> bool:
    return (os.environ.get("CI") == "true" or os.environ.get("POINTRULES_SLOW") == "1"
            or bool(os.environ.get("POINTRULES_FUZZ")))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    run_slow = _run_slow()
    skip = pytest.mark.skip(reason="slow: run with POINTRULES_SLOW=1 (CI runs it)")
    for item in items:
        if _slow(item):
            item.add_marker("slow")
            if not run_slow:
                item.add_marker(skip)


def _leave_the_collector() -> None:
    """What `simulate` and `diff` do to the collector in the quick suite: nothing (see below)."""


if not _run_slow():
    # The quick suite runs the command line in this process (cli_runner.py, and the tests that call
    # `pointrules.cli.main`), so two things a process does once would be done some 2,000 times here.
    # Building the argparse parser (some 6 ms of CPU: 24 commands, and argparse looks up a translation
    # for every help text) is done once: reading arguments leaves a parser as it was. And `simulate`
    # and `diff` tune the collector for the one stream their process runs (cli/simulate.py's
    # streaming_gc: a full collection, then everything frozen), which here would be a full collection
    # of the whole session's objects on every run (about 0.1 s): it is left out, the output being the
    # same either way. CI runs each command as a process, as a user does.
    import pointrules.cli
    import pointrules.cli.diff
    import pointrules.cli.simulate

    pointrules.cli.build_parser = functools.cache(pointrules.cli.build_parser)
    pointrules.cli.simulate.streaming_gc = pointrules.cli.diff.streaming_gc = _leave_the_collector
