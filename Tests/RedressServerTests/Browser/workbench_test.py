#!/usr/bin/env python3
"""The workbench in a real browser: Debian's headless Chromium driven by Selenium.

    workbench_test.py URL LIBRARY SCREENSHOT_DIR ADMIN_KEY OFFICER_KEY COLLEAGUE_KEY

An officer signs in, opens each council and makes a typo (timing how long after the last
keystroke the problem shows), sees it marked in the code editor and listed with an error summary,
fixes it; the regressions W1-W9 of issue 28 (a council list that replaced the draft, a stale
diagram shown as current, tiny diagram text, no reflow at 320 px, re-picking a council, server
jargon and no error summary in the form, headings hidden in summaries, a bare text area); autosave
across a reload; tests, a complaint, a comparison; a draft saved, shared with a colleague in a
second browser who comments on a line; adoption refused for a non-admin and for a draft that
fails its tests, then adopted by an admin and served after the hot reload. axe-core runs in every
state visited and must find no violations, and in each the page reflows at 320 px wide. Exit 0 when every check passes; 3 when Selenium or
Chromium is missing.
"""
import json
import pathlib
import sys
import time
import urllib.request

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select, WebDriverWait
    from axe_selenium_python import Axe
except ImportError as error:
    print(f"missing: {error}")
    sys.exit(3)

url, library, shots = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
admin_key, officer_key, colleague_key = sys.argv[4], sys.argv[5], sys.argv[6]
shots.mkdir(parents=True, exist_ok=True)
failures = []
axe_counts = {}


def browser(width=1400):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", f"--window-size={width},1000", "--disable-dev-shm-usage"]:
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def expect(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message)


def api(path, key, payload=None, method=None):
    request = urllib.request.Request(url.rstrip("/") + path, data=None if payload is None else json.dumps(payload).encode(),
                                     method=method or ("GET" if payload is None else "POST"),
                                     headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


class Page:
    def __init__(self, driver, key):
        self.d = driver
        self.wait = WebDriverWait(driver, 20, poll_frequency=0.05)
        driver.get(url)
        driver.find_element(By.ID, "credential").send_keys(key)
        driver.find_element(By.CSS_SELECTOR, "#sign-in button").click()
        self.wait.until(lambda d: "Signed in as" in d.find_element(By.ID, "sign-in-status").text)
        self.wait.until(lambda d: len(Select(d.find_element(By.ID, "council")).options) > 1)

    def status(self):
        return self.d.find_element(By.ID, "check-status").text

    def problems(self):
        return [item.text for item in self.d.find_elements(By.CSS_SELECTOR, "#diagnostics li")]

    def text(self):
        return self.d.execute_script("return window.RedressEditor.text")

    def set_text(self, text):
        self.d.execute_script("window.RedressEditor.text = arguments[0]", text)

    def type(self, keys):
        # CodeMirror's input is a hidden text area that the driver may judge "not interactable"
        # (it is 0 px high until the editor lays it out by the cursor), so focus the editor as
        # a click would and send the keys to whatever has focus. Ctrl is held for the key after it.
        self.d.execute_script("document.querySelector('.CodeMirror').CodeMirror.focus()")
        chain = ActionChains(self.d)
        if keys.startswith(Keys.CONTROL):
            chain.key_down(Keys.CONTROL).send_keys(keys[len(Keys.CONTROL):]).key_up(Keys.CONTROL)
        else:
            chain.send_keys(keys)
        chain.perform()

    def open(self, council):
        Select(self.d.find_element(By.ID, "council")).select_by_value(council)
        self.d.find_element(By.ID, "open-council").click()

    def clean(self):
        self.wait.until(lambda d: self.status() == "No problems found." or self.status().startswith("No errors"))

    def axe(self, state):
        axe = Axe(self.d)
        axe.inject()
        results = axe.run()
        for violation in results["violations"]:
            print("axe:", state, violation["id"], violation["impact"], violation["help"], [n["target"] for n in violation["nodes"]][:3])
        axe_counts[state] = len(results["violations"])
        expect(not results["violations"], f"axe in state {state}: {[v['id'] for v in results['violations']]}")
        self.reflows(state)

    def reflows(self, state):
        width = self.d.get_window_size()["width"]
        self.d.set_window_size(320, 900)
        time.sleep(0.3)
        scroll, inner = self.d.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        expect(scroll <= inner, f"reflow at 320 px in state {state}: content {scroll} px wide in {inner} px")
        self.d.set_window_size(width, 1000)


driver = browser()
colleague = None
try:
    page = Page(driver, officer_key)
    # W9: a real code editor: YAML highlighting, line numbers, lint and fold gutters.
    expect(driver.find_elements(By.CSS_SELECTOR, ".CodeMirror"), "CodeMirror replaces the text area")
    councils = [o.get_attribute("value") for o in Select(driver.find_element(By.ID, "council")).options if o.get_attribute("value")]
    timings = {}
    for council in councils:
        page.open(council)
        page.clean()
        text = page.text()
        line = next(i for i, l in enumerate(text.split("\n"), 1) if "within:" in l and "working days" in l and not l.lstrip().startswith("#"))
        page.set_text("\n".join(l.replace("working days", "workin days", 1) if i == line else l for i, l in enumerate(text.split("\n"), 1)))
        page.wait.until(lambda d: any(item.startswith(f"Line {line},") for item in page.problems()))
        # Then one keystroke (a space at the end of the first line, a comment), timed from its
        # input event to the problems shown again for the text it made.
        shown = driver.execute_script("return window.redressChecks")
        driver.execute_script("document.querySelector('.CodeMirror').CodeMirror.setCursor({line: 0, ch: 0})")
        page.type(Keys.END)
        page.type(" ")
        page.wait.until(lambda d: d.execute_script("return window.redressChecks") > shown and any(item.startswith(f"Line {line},") for item in page.problems()))
        timings[council] = driver.execute_script("return window.redressDiagnosticDelay")
        page.set_text(text)  # back to the version in force: no unsaved change to guard
        page.clean()
    print("problems shown after the last keystroke (ms):", json.dumps({k: round(v) for k, v in timings.items()}))

    page.open("north-somerset")
    page.clean()
    page.wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#diagram svg"))
    driver.save_screenshot(str(shots / "workbench.png"))
    expect(driver.find_elements(By.CSS_SELECTOR, ".cm-atom, .cm-string, .cm-keyword, .cm-number"), "YAML is highlighted")
    # W3: diagram text at least 12 px on screen at the default zoom; zoom and downloads offered.
    smallest = driver.execute_script(
        "const svg = document.querySelector('#diagram svg'); const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;"
        "return Math.min(...[...svg.querySelectorAll('text')].map(t => parseFloat(t.getAttribute('font-size')) * scale));")
    expect(smallest >= 12, f"the smallest diagram text is {smallest:.1f} px on screen")
    for control in ["zoom-in", "zoom-out", "diagram-full", "diagram-svg", "diagram-png"]:
        expect(driver.find_element(By.ID, control).is_displayed(), f"diagram control {control}")
    # W8: section headings are headings, not hidden in summaries.
    expect(driver.execute_script("return document.querySelectorAll('summary h3').length") == 0, "no heading inside a summary")
    page.axe("diagram")

    # Completion (Ctrl+Space) and search (Ctrl+F) in the editor; Esc then Tab leaves it.
    text = page.text()
    driver.execute_script("const cm = document.querySelector('.CodeMirror').CodeMirror; cm.setCursor({line: cm.lineCount() - 1, ch: 0}); cm.focus();")
    page.type(Keys.END + Keys.ENTER + "retent")
    page.type(Keys.CONTROL + " ")
    page.wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".CodeMirror-hints li"))
    hints = [h.text for h in driver.find_elements(By.CSS_SELECTOR, ".CodeMirror-hints li")]
    expect("retention" in hints, f"completion offers policy keys: {hints}")
    page.type(Keys.ESCAPE)
    page.set_text(text)
    page.clean()  # the half-typed key's problems are gone before focus moves through the page
    page.type(Keys.CONTROL + "f")
    expect(driver.find_elements(By.CSS_SELECTOR, ".CodeMirror-dialog"), "search opens in the editor")
    page.type(Keys.ESCAPE)
    page.type(Keys.ESCAPE)
    focused = driver.execute_script("const e = document.activeElement; return e.id || e.outerHTML.slice(0, 80)")
    expect(focused == "check-status", f"Esc leaves the editor for the check's status, not {focused}")
    driver.switch_to.active_element.send_keys(Keys.TAB)
    left = driver.execute_script("const e = document.activeElement; return e !== document.body && e.closest('.CodeMirror') === null")
    expect(left, "Tab moves on after Esc")

    # A typo: marked in the editor and its gutter, listed under an error summary in plain words.
    line = next(i for i, l in enumerate(text.split("\n"), 1) if "within: 10 working days" in l)
    page.set_text(text.replace("within: 10 working days", "within: 10 workin days", 1))
    page.wait.until(lambda d: any(item.startswith(f"Line {line},") for item in page.problems()))
    expect(page.status() == "1 problem to fix. Select one to go to its line.", f"status in words: {page.status()}")
    summary = driver.find_element(By.ID, "error-summary")
    expect(summary.is_displayed() and "There is a problem" in summary.text, "the error summary")
    expect(not any("`" in item for item in page.problems()), f"no backticks in problems: {page.problems()}")
    expect(driver.find_elements(By.CSS_SELECTOR, ".CodeMirror-lint-marker-error"), "a lint marker in the gutter")
    expect(driver.find_elements(By.CSS_SELECTOR, ".CodeMirror-lint-mark-error"), "the typo underlined")
    # Each problem links to its page in the diagnostics reference, which explains it in words.
    explain = driver.find_elements(By.CSS_SELECTOR, "#diagnostics li a[href^='/explain/']")
    expect(explain and explain[0].get_attribute("target") == "_blank", "a problem links to its explanation, in a new tab")
    if explain:
        with urllib.request.urlopen(explain[0].get_attribute("href")) as reference:
            expect(reference.status == 200 and "Put right" in reference.read().decode(), "the explanation page loads without a credential")
    driver.find_element(By.CSS_SELECTOR, "#error-summary-list a").click()
    caret = driver.execute_script("return window.RedressEditor.caretLine()")
    expect(caret == line, f"the summary link puts the caret on line {line}, not {caret}")
    # W2: the diagram is greyed and says it shows the last draft without errors.
    page.wait.until(lambda d: "last draft without errors" in d.find_element(By.ID, "diagram-note").text)
    expect("stale" in driver.find_element(By.ID, "diagram").get_attribute("class"), "the stale diagram is greyed")
    driver.save_screenshot(str(shots / "workbench-diagnostic.png"))
    page.axe("problems")

    # W1 and autosave: arrow keys on the council list change nothing; Open asks first; a reload keeps the draft.
    select = driver.find_element(By.ID, "council")
    select.send_keys(Keys.ARROW_DOWN)
    expect("workin days" in page.text(), "changing the council list does not replace the draft")
    driver.find_element(By.ID, "open-council").click()
    page.wait.until(lambda d: d.find_element(By.ID, "confirm").get_attribute("open") is not None)
    driver.save_screenshot(str(shots / "workbench-unsaved.png"))
    page.axe("dialog")
    driver.find_element(By.CSS_SELECTOR, "#confirm button[value=stay]").click()
    expect("workin days" in page.text(), "Keep editing keeps the draft")
    driver.refresh()
    page.wait.until(lambda d: "Signed in as" in d.find_element(By.ID, "sign-in-status").text)
    page.wait.until(lambda d: len(Select(d.find_element(By.ID, "council")).options) > 1)
    page.open("north-somerset")
    page.wait.until(lambda d: "workin days" in page.text())
    expect("unsaved draft" in driver.find_element(By.ID, "autosave-status").text, "the restored draft is announced")
    # W5: opening the same council again offers to revert to the version in force.
    page.open("north-somerset")
    page.wait.until(lambda d: d.find_element(By.ID, "confirm").get_attribute("open") is not None)
    expect("Revert" in driver.find_element(By.ID, "confirm-go").text, "re-opening offers a revert")
    driver.find_element(By.ID, "confirm-go").click()
    page.clean()
    expect("workin days" not in page.text(), "reverted to the version in force")

    # W6/W7: the form's dates as day, month, year; an impossible date gets a summary and a field error.
    driver.find_element(By.ID, "t-received-day").clear()
    driver.find_element(By.ID, "t-received-day").send_keys("32")
    driver.find_element(By.CSS_SELECTOR, "#try-form button[type=submit]").click()
    page.wait.until(lambda d: d.find_element(By.ID, "try-errors").is_displayed())
    expect(driver.find_element(By.ID, "t-received-day").get_attribute("aria-invalid") == "true", "aria-invalid on the bad date")
    expect("real date" in driver.find_element(By.ID, "t-received-error").text, driver.find_element(By.ID, "t-received-error").text)
    driver.execute_script("document.getElementById('try-panel').scrollIntoView()")
    driver.save_screenshot(str(shots / "workbench-form-errors.png"))
    page.axe("form errors")
    for part, value in (("day", "20"), ("month", "12"), ("year", "2024")):
        field = driver.find_element(By.ID, f"t-received-{part}")
        field.clear()
        field.send_keys(value)
    Select(driver.find_element(By.ID, "t-service")).select_by_visible_text("highways")
    driver.find_element(By.CSS_SELECTOR, "#try-form button[type=submit]").click()
    page.wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "td[data-field='Respond by']"))
    respond = driver.find_element(By.CSS_SELECTOR, "td[data-field='Respond by']").text
    expect(respond.startswith("2025-01-08") and "10 working days" in respond, f"respond by: {respond}")
    handler = driver.find_element(By.CSS_SELECTOR, "td[data-field='Handled by']").text
    expect(handler == "relevant service team", f"handled by: {handler}")
    page.axe("decision")

    # A case history: events that make no JSON are a field error; good ones are scheduled by the draft.
    events = driver.find_element(By.ID, "t-events")
    events.send_keys('[{"on": "2025-01-06", "event": "responded"')
    driver.find_element(By.CSS_SELECTOR, "#try-form button[type=submit]").click()
    page.wait.until(lambda d: d.find_element(By.ID, "try-errors").is_displayed())
    expect(events.get_attribute("aria-invalid") == "true", "aria-invalid on the events")
    expect(driver.find_element(By.CSS_SELECTOR, "#try-errors-list a").get_attribute("href").endswith("#t-events"), "the summary links to the events")
    events.clear()
    events.send_keys('[{"on": "2025-01-06", "event": "responded", "remedy_type": "apology"}, {"on": "2025-01-10", "event": "escalation-refused", "reason": "answered in full"}]')
    driver.find_element(By.CSS_SELECTOR, "#try-form button[type=submit]").click()
    page.wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "td[data-field='Refused']"))
    refused = driver.find_element(By.CSS_SELECTOR, "td[data-field='Refused']").text
    expect(refused.startswith("Request for stage-2 refused on 2025-01-10"), f"refused: {refused}")
    expect(driver.find_element(By.CSS_SELECTOR, "td[data-field='Status']").text == "closed", "the refused case is closed")
    expect("apology" in driver.find_element(By.CSS_SELECTOR, "td[data-field='Stage stage-1']").text, "the remedy is shown with its stage")
    page.axe("case history")
    events.clear()

    driver.find_element(By.ID, "run-tests").click()
    page.wait.until(lambda d: "passed" in d.find_element(By.ID, "tests").text)
    expect(" 0 failed" in driver.find_element(By.ID, "tests").text, driver.find_element(By.ID, "tests").text[:200])
    driver.find_element(By.ID, "run-diff").click()
    page.wait.until(lambda d: "route and date every complaint the same way" in d.find_element(By.ID, "diff").text)
    driver.save_screenshot(str(shots / "workbench-decision.png"))
    page.axe("diff")

    # A draft saved and shared: a colleague in another browser opens the link and comments on a line.
    page.set_text(page.text().replace("within: 10 working days", "within: 8 working days", 1))
    page.clean()
    driver.find_element(By.ID, "draft-name").send_keys("Stage 1 in 8 days")
    driver.find_element(By.CSS_SELECTOR, "#save-form button").click()
    page.wait.until(lambda d: "#draft=" in d.find_element(By.ID, "drafts-status").text)
    link = driver.find_element(By.ID, "drafts-status").text.split("link with a colleague: ")[-1].strip()
    draft_id = link.split("#draft=")[-1]
    colleague = browser()
    other = Page(colleague, colleague_key)
    colleague.get(link)
    colleague.refresh()
    other.wait.until(lambda d: "Signed in as" in d.find_element(By.ID, "sign-in-status").text)
    other.wait.until(lambda d: "within: 8 working days" in other.text())
    colleague.find_element(By.ID, "comment-line").clear()
    colleague.find_element(By.ID, "comment-line").send_keys(str(line))
    colleague.find_element(By.ID, "comment-text").send_keys("Can we keep 10 days for complex cases?")
    colleague.find_element(By.CSS_SELECTOR, "#comment-form button").click()
    other.wait.until(lambda d: "keep 10 days" in d.find_element(By.ID, "draft-detail").text)
    driver.find_element(By.CSS_SELECTOR, "#drafts li button").click()
    page.wait.until(lambda d: "keep 10 days" in d.find_element(By.ID, "draft-detail").text)
    driver.execute_script("document.getElementById('drafts-panel').scrollIntoView()")
    driver.save_screenshot(str(shots / "workbench-draft.png"))
    expect(not driver.find_elements(By.ID, "adopt-form"), "no adopt form for an officer without the admin role")
    page.axe("draft")

    # Adoption: refused for the officer; refused while the council's tests fail; done by an admin.
    adoption = {"version": "2026-06", "effective_from": "2026-06-01", "approved_by": "Cabinet", "approved_on": "2026-05-14", "minute": "Minute 12/26"}
    status, _ = api(f"/v1/drafts/{draft_id}/adopt", officer_key, adoption)
    expect(status == 403, f"a non-admin cannot adopt: {status}")
    status, body = api(f"/v1/drafts/{draft_id}/adopt", admin_key, adoption)
    expect(status == 422 and any("fails" in r for r in body.get("reasons", [])), f"a draft failing its tests is refused: {status} {body}")
    status, body = api("/v1/councils/north-somerset/policy", admin_key)
    passing = body["text"].replace("  id: \"2021-01\"", "  id: \"2026-06\"", 1)
    status, saved = api("/v1/drafts", officer_key, {"council": "north-somerset", "name": "Tidied", "policy": passing})
    admin = browser()
    try:
        chief = Page(admin, admin_key)
        admin.get(f"{url}#draft={saved['id']}")
        admin.refresh()
        chief.wait.until(lambda d: d.find_elements(By.ID, "adopt-form"))
        for field, value in (("adopt-version", "2026-06"), ("adopt-from", "2026-06-01"), ("adopt-by", "Cabinet"), ("adopt-on", "2026-05-14"), ("adopt-minute", "Minute 12/26")):
            admin.find_element(By.ID, field).send_keys(value)
        admin.find_element(By.CSS_SELECTOR, "#adopt-form button").click()
        chief.wait.until(lambda d: "Adopted" in d.find_element(By.ID, "adopt-result").text)
        admin.execute_script("document.getElementById('adopt-result').scrollIntoView({block: 'center'})")
        admin.save_screenshot(str(shots / "workbench-adopted.png"))
        chief.axe("adopted")
    finally:
        admin.quit()
    adopted = library / "councils" / "north-somerset" / "2026-06.yaml"
    expect(adopted.exists() and "minute: \"Minute 12/26\"" in adopted.read_text(), "the new version file, with its approval")
    deadline = time.monotonic() + 15
    in_force = ""
    while time.monotonic() < deadline:
        _, listing = api("/v1/councils", admin_key)
        in_force = next((c.get("in_force") for c in listing.get("councils", []) if c["id"] == "north-somerset"), "")
        if in_force == "2026-06":
            break
        time.sleep(0.5)
    expect(in_force == "2026-06", f"the adopted version serves from its first day: {in_force}")
finally:
    driver.quit()
    if colleague:
        colleague.quit()

print("axe: %d violations in %d states" % (sum(axe_counts.values()), len(axe_counts)))
print("ok" if not failures else f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
