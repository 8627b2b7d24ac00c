#!/usr/bin/env python3
"""A report page in headless Chromium with the network switched off: both charts render, and
printed to A4 (the page's own @page sizes) no table loses a column.

    report_test.py REPORT.html SCREENSHOT.png PDF
"""
import base64
import json
import subprocess
import sys

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
except ImportError as error:
    print(f"missing: {error}")
    sys.exit(3)

page, shot, pdf = sys.argv[1], sys.argv[2], sys.argv[3]
options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1000,1400", "--disable-dev-shm-usage"]:
    options.add_argument(argument)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
problems = []
try:
    driver.set_network_conditions(offline=True, latency=0, throughput=0)
    driver.get("file://" + page)
    charts = driver.find_elements(By.CSS_SELECTOR, "figure svg")
    sizes = [(c.size["width"], c.size["height"]) for c in charts]
    bars = driver.find_elements(By.CSS_SELECTOR, "figure svg rect")
    driver.save_screenshot(shot)
    if not (len(charts) == 2 and all(w > 300 and h > 20 for w, h in sizes) and len(bars) >= 3):
        problems.append(f"charts {sizes} bars {len(bars)}")
    # Each table's last column: its heading and its last cell, as the page has them.
    tables = driver.execute_script(
        "return [...document.querySelectorAll('table')].map(t => {"
        " const heads = t.querySelectorAll('thead th'); const rows = t.querySelectorAll('tbody tr');"
        " const last = rows[rows.length - 1].children;"
        " return [heads[heads.length - 1].textContent, last[last.length - 1].textContent]; })")
    printed = driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})
    with open(pdf, "wb") as out:
        out.write(base64.b64decode(printed["data"]))
finally:
    driver.quit()

text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout
# pdftotext crops to the page, so a column cut off the paper is missing from its words. (A heading
# wrapped in its cell may come out interleaved with its neighbour's, so words are checked.)
words = set(text.split())
for heading, cell in tables:
    for part in (heading, cell):
        missing = [word for word in part.split() if word not in words]
        if missing:
            problems.append(f"missing from the PDF: {part!r} ({missing})")
sizes = subprocess.run(["pdfinfo", "-l", "99", pdf], capture_output=True, text=True, check=True).stdout
pages = [line for line in sizes.splitlines() if "size:" in line and line.startswith("Page")]
if not pages or not all(line.endswith("(A4)") for line in pages):
    problems.append(f"not A4: {pages}")
print(json.dumps({"tables": len(tables), "pages": len(pages), "problems": problems}))
sys.exit(1 if problems else 0)
