# genhtml (Debian's lcov) for tests/cases/test_coverage_reports.py, which renders the lcov tracefile
# `pointrules test --coverage-format lcov` writes. Idempotent: installed once.
if ! command -v genhtml >/dev/null; then
  apt-get update -qq && apt-get install -y -qq lcov
fi
