#!/usr/bin/env python3
"""A report page in headless Chromium with the network switched off: both charts render.

    report_test.py REPORT.html SCREENSHOT.png
"""
import sys

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
except ImportError as error:
    print(f"missing: {error}")
    sys.exit(3)

page, shot = sys.argv[1], sys.argv[2]
options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1000,1400", "--disable-dev-shm-usage"]:
    options.add_argument(argument)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
try:
    driver.set_network_conditions(offline=True, latency=0, throughput=0)
    driver.get("file://" + page)
    charts = driver.find_elements(By.CSS_SELECTOR, "figure svg")
    sizes = [(c.size["width"], c.size["height"]) for c in charts]
    bars = driver.find_elements(By.CSS_SELECTOR, "figure svg rect")
    driver.save_screenshot(shot)
    print("charts", sizes, "bars", len(bars))
    ok = len(charts) == 2 and all(w > 300 and h > 20 for w, h in sizes) and len(bars) >= 3
    sys.exit(0 if ok else 1)
finally:
    driver.quit()
