#!/usr/bin/env python3
"""The workbench in a real browser: Debian's headless Chromium driven by Selenium.

    workbench_test.py URL LIBRARY SCREENSHOT_DIR KEY

Loads the page, picks a council, introduces a typo and sees the diagnostic at its line (timing how
long after the last keystroke), fixes it and sees none, tries a complaint and sees its due date,
compares with the version in force, runs axe-core (no serious or critical violations), and checks
that a policy changed on disk shows as the new version in force after the server's hot reload.
Exit status 0 when every check passes; 3 when Selenium or Chromium is missing.
"""
import json
import pathlib
import sys
import time

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait
    from axe_selenium_python import Axe
except ImportError as error:
    print(f"missing: {error}")
    sys.exit(3)

url, library, shots, key = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3]), sys.argv[4]
shots.mkdir(parents=True, exist_ok=True)
options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000", "--disable-dev-shm-usage"]:
    options.add_argument(argument)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
wait = WebDriverWait(driver, 20, poll_frequency=0.05)
failures = []


def expect(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message)


def status():
    return driver.find_element(By.ID, "check-status").text


def diagnostics():
    return [item.text for item in driver.find_elements(By.CSS_SELECTOR, "#diagnostics li")]


def set_editor(text):
    driver.execute_script("const e = document.getElementById('editor'); e.value = arguments[0];", text)


def type_key(key):
    driver.find_element(By.ID, "editor").send_keys(key)


try:
    driver.get(url)
    driver.find_element(By.ID, "credential").send_keys(key)
    driver.find_element(By.CSS_SELECTOR, "#sign-in button").click()
    wait.until(lambda d: "Signed in as" in d.find_element(By.ID, "sign-in-status").text)
    wait.until(lambda d: len(Select(d.find_element(By.ID, "council")).options) > 1)
    timings = {}
    councils = [o.get_attribute("value") for o in Select(driver.find_element(By.ID, "council")).options if o.get_attribute("value")]
    for council in councils:
        Select(driver.find_element(By.ID, "council")).select_by_value(council)
        wait.until(lambda d: status().startswith("No "))
        text = driver.find_element(By.ID, "editor").get_attribute("value")
        # The typo, typed as the officer would: the last keystroke adds a character to a duration unit.
        line = next(i for i, l in enumerate(text.split("\n"), 1) if "within:" in l and "working days" in l and not l.lstrip().startswith("#"))
        broken = "\n".join(l.replace("working days", "workin days", 1) if i == line else l for i, l in enumerate(text.split("\n"), 1))
        set_editor(broken)
        driver.execute_script("document.getElementById('editor').setSelectionRange(0, 0)")
        type_key(" ")
        wait.until(lambda d: any(f"Line {line}," in item for item in diagnostics()))
        # Measured in the page: from the last keystroke's input event to the problems shown.
        timings[council] = driver.execute_script("return window.redressDiagnosticDelay")
    print("diagnostic after the last keystroke (ms):", json.dumps({k: round(v) for k, v in timings.items()}))
    # Reported, not asserted: a timing depends on the machine (BENCHMARKS.md records it).

    # North Somerset: a typo at a known line, seen at that line, then fixed.
    Select(driver.find_element(By.ID, "council")).select_by_value("north-somerset")
    wait.until(lambda d: status() == "No problems found." or status().startswith("No errors"))
    driver.save_screenshot(str(shots / "workbench.png"))
    text = driver.find_element(By.ID, "editor").get_attribute("value")
    line = next(i for i, l in enumerate(text.split("\n"), 1) if "within: 10 working days" in l)
    set_editor(text.replace("within: 10 working days", "within: 10 workin days", 1))
    type_key(" ")
    wait.until(lambda d: any(item.startswith(f"Line {line},") for item in diagnostics()))
    items = diagnostics()
    expect(any("help: did you mean `working days`?" in item or "working days" in item for item in items), f"the help line: {items}")
    gutter_bad = driver.find_elements(By.CSS_SELECTOR, "#gutter .bad")
    marked = [g.get_attribute("textContent") for g in gutter_bad]
    expect(marked == [str(line)], f"the gutter marks line {line}: {marked}")
    driver.find_element(By.CSS_SELECTOR, "#diagnostics li button").click()
    caret_line = driver.execute_script("const e = document.getElementById('editor'); return e.value.slice(0, e.selectionStart).split('\\n').length;")
    expect(caret_line == line, f"jumping to the diagnostic puts the caret on line {line}, not {caret_line}")
    driver.save_screenshot(str(shots / "workbench-diagnostic.png"))
    set_editor(text)
    type_key(" ")
    wait.until(lambda d: status() == "No problems found." or status().startswith("No errors"))
    expect(diagnostics() == [] or all("warning" in i for i in diagnostics()), f"no errors after the fix: {diagnostics()}")
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#diagram svg"))

    # Try a complaint: highways, received 20 December 2024 → respond by 8 January 2025.
    driver.execute_script("document.getElementById('t-received').value = '2024-12-20'")
    Select(driver.find_element(By.ID, "t-service")).select_by_visible_text("highways")
    driver.find_element(By.CSS_SELECTOR, "#try-form button[type=submit]").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "td[data-field='Respond by']"))
    respond = driver.find_element(By.CSS_SELECTOR, "td[data-field='Respond by']").text
    expect(respond.startswith("2025-01-08"), f"respond by: {respond}")
    expect("10 working days" in respond, f"working days counted: {respond}")

    # Tests and compare.
    driver.find_element(By.ID, "run-tests").click()
    wait.until(lambda d: "passed" in d.find_element(By.ID, "tests").text)
    expect(" 0 failed" in driver.find_element(By.ID, "tests").text, driver.find_element(By.ID, "tests").text[:200])
    driver.find_element(By.ID, "run-diff").click()
    wait.until(lambda d: "route and date every complaint the same way" in d.find_element(By.ID, "diff").text)
    expect("example complaints" in driver.find_element(By.ID, "diff").text, "the impact on the example complaints")
    driver.save_screenshot(str(shots / "workbench-decision.png"))

    # Accessibility: axe-core in the same browser.
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    serious = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
    for violation in serious:
        print("axe:", violation["id"], violation["impact"], violation["help"], [n["target"] for n in violation["nodes"]][:3])
    expect(not serious, f"{len(serious)} serious or critical accessibility violations")
    print("axe: %d violations (%s)" % (len(results["violations"]), ", ".join(f"{v['id']}:{v['impact']}" for v in results["violations"])))

    # Hot reload: a policy changed on disk shows as the new version in force.
    policy = library / "councils" / "north-somerset" / "2021-01.yaml"
    policy.write_text(policy.read_text().replace('id: "2021-01"', 'id: "2021-01-r2"', 1))
    deadline = time.monotonic() + 15
    seen = ""
    while time.monotonic() < deadline:
        driver.get(url)
        wait.until(lambda d: len(Select(d.find_element(By.ID, "council")).options) > 1)
        seen = next(o.text for o in Select(driver.find_element(By.ID, "council")).options if o.get_attribute("value") == "north-somerset")
        if "2021-01-r2" in seen:
            break
        time.sleep(0.5)
    expect("2021-01-r2" in seen, f"the page shows the reloaded version: {seen}")
finally:
    driver.quit()

print("ok" if not failures else f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
