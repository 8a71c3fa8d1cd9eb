"""The playground in a real headless Chromium (Debian's chromium and chromium-driver, driven with
selenium): open the page, type a mistake, see its diagnostic at its line; fix it, see the award.

Skipped on a machine without Chromium, except under CI=true, where a missing browser fails
(.ci/setup.d/chromium.sh installs it and exports POINTRULES_CHROMIUM and POINTRULES_CHROMEDRIVER)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from typing import Any

import pytest

from pointrules.play import Playground

CHROMIUM = os.environ.get("POINTRULES_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = os.environ.get("POINTRULES_CHROMEDRIVER") or shutil.which("chromedriver") or "/usr/bin/chromedriver"
# This machine's network is closed: Chromium must not try to reach anything but the playground.
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1400,1000")
WAIT = 30  # seconds; the machine may be busy


def _missing() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    for path in (CHROMIUM, DRIVER):
        if not os.access(path, os.X_OK):
            return f"{path} not found (apt-get install chromium chromium-driver)"
    return None


@pytest.fixture
def browser() -> Iterator[Any]:
    missing = _missing()
    if missing is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the browser test needs Chromium under CI: {missing}")
        pytest.skip(missing)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="pointrules-chromium-")
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=DRIVER))
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _wait(driver: Any, test: Any, what: str) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT).until(lambda d: test(d), message=f"waited {WAIT}s for {what}")


def _css(driver: Any, selector: str) -> list[Any]:
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, selector)


def test_a_mistake_shows_at_its_line_and_the_fix_shows_the_award(browser: Any, starter: Playground) -> None:
    from selenium.webdriver.common.by import By

    browser.get(starter.url)
    # The starter program checks clean and the first example event (88.80 yuan in a store) is picked.
    _wait(browser, lambda d: "m1: +88 points" in d.find_element(By.ID, "award").text, "the first award")
    assert browser.find_element(By.ID, "summary").text == "no problems"
    program = browser.find_element(By.ID, "program")
    good = program.get_attribute("value")
    assert "rule base" in good

    # The marketer misspells the event kind of the rule `base` (line 19 of the starter program).
    lines = good.split("\n")
    at = next(n for n, line in enumerate(lines, 1) if line.startswith("rule base"))
    assert at == 19
    program.clear()
    program.send_keys(good.replace("rule base \"消费返积分\" on purchase", "rule base \"消费返积分\" on purchse"))
    item = _wait(browser, lambda d: _css(d, f'.diagnostic[data-code="PR102"][data-line="{at}"]'), "PR102 at line 19")[0]
    assert "unknown event kind `purchse`" in item.text
    assert "did you mean `purchase`?" in item.text
    marked = _css(browser, f'#gutter .line.error[data-line="{at}"]')
    assert len(marked) == 1 and "PR102" in marked[0].get_attribute("title")
    assert "fix the errors" in browser.find_element(By.ID, "award").text
    # the events to pick stay while the program is broken: the three of the cases and two new ones
    assert len(browser.find_elements(By.CSS_SELECTOR, "#sample option")) == 1 + 5

    # Fixing it brings the award back; a gold member in the app earns 200 x 1.5 + 5 = 305.
    program.clear()
    program.send_keys(good)
    _wait(browser, lambda d: not _css(d, ".diagnostic"), "the diagnostic to go")
    event = browser.find_element(By.ID, "event")
    event.clear()
    event.send_keys('{"id": "e9", "kind": "purchase", "member": "m7", "time": "2026-05-01T10:00:00+08:00", '
                    '"amount": "200.00", "channel": "app"}')
    member = browser.find_element(By.ID, "member")
    member.clear()
    member.send_keys('{"id": "m7", "tier": "gold"}')
    _wait(browser, lambda d: "m7: +305 points" in d.find_element(By.ID, "award").text, "the award of 305")
    assert "App下单奖励 5" in browser.find_element(By.ID, "explanation").text

    # In Chinese: the same award explained in Chinese, and the terms in Chinese.
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element(By.ID, "lang")).select_by_value("zh")
    _wait(browser, lambda d: "+305 积分" in d.find_element(By.ID, "explanation").text, "the Chinese explanation")
    assert "积分" in browser.find_element(By.ID, "terms").text
    # The example cases beside the program all pass (three cases of starter.cases.toml).
    assert browser.find_element(By.ID, "cases-summary").text == "3 passed, 0 failed"
    # Nothing the page loads or runs was refused (the content security policy, a missing file).
    assert [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
