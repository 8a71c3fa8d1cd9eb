# Chromium and its WebDriver, for the playground's browser test (tests/play/test_browser.py):
# Debian's chromium and chromium-driver (selenium, which drives them, is in the `test` extra that
# `make test` installs). Sourced by .ci/run; safe to run twice; under `set -e` a failed install stops CI.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi
POINTRULES_CHROMIUM="$(command -v chromium)"
POINTRULES_CHROMEDRIVER="$(command -v chromedriver)"
export POINTRULES_CHROMIUM POINTRULES_CHROMEDRIVER
"${POINTRULES_CHROMIUM}" --version
"${POINTRULES_CHROMEDRIVER}" --version
