"""The playground in a real browser: headless Chromium (Debian's chromium + chromium-driver) driven by selenium,
against a real `reglament serve`. Expected due times come from the act's own embedded tests (written by hand).

Usage: python3 tests/browser/test_playground.py PATH/TO/reglament [--screenshots DIR]
"""
import argparse
import datetime
import os
import re
import shutil
import sys
import tempfile
import traceback

import yaml
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

sys.path.insert(0, os.path.dirname(__file__))
from reglament_server import ROOT, ReglamentServer, wait_for  # noqa: E402

REGULATION = "004-krasnoufimsk.yaml"


def browser():
    options = webdriver.ChromeOptions()
    for arg in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1600,1100",
                "--disable-gpu", "--lang=ru-RU"]:
        options.add_argument(arg)
    for path in ["/usr/bin/chromium", "/usr/bin/chromium-browser"]:
        if os.path.exists(path):
            options.binary_location = path
            break
    driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(30)
    return driver


def instant(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def the_acts_test(name_start):
    """The expected deadlines of one of the act's embedded tests."""
    with open(os.path.join(ROOT, "regulations", REGULATION), encoding="utf-8") as f:
        act = yaml.safe_load(f)
    test = next(t for t in act["tests"] if t["name"].startswith(name_start))
    return test, {step: instant(str(due)) for step, due in test["expect"].items()}


class Page:
    def __init__(self, driver, url):
        self.d = driver
        self.url = url

    def open(self, query=""):
        self.d.get(self.url + "/" + query)
        wait_for(lambda: self.d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "true", what="page ready")

    def status(self):
        return self.d.find_element(By.ID, "check-status")

    def wait_checked(self, state=None):
        def done():
            s = self.status().get_attribute("data-state")
            return s not in ("checking", "idle") and (state is None or s == state)
        wait_for(done, what=f"check state {state}")

    def markers(self, severity="error"):
        return [int(e.get_attribute("data-line")) for e in self.d.find_elements(By.CSS_SELECTOR, f".gutter .marker-{severity}")]

    def text(self):
        return self.d.execute_script("return document.getElementById('source').value")

    def caret_to_end_of_line(self, line):
        self.d.execute_script("""
          const ta = document.getElementById('source'); const lines = ta.value.split('\\n');
          let pos = 0; for (let i = 0; i < arguments[0] - 1; i++) pos += lines[i].length + 1;
          pos += lines[arguments[0] - 1].length; ta.focus(); ta.setSelectionRange(pos, pos);""", line)

    def set_value(self, element_id, value):
        self.d.execute_script("const e = document.getElementById(arguments[0]); e.value = arguments[1];"
                              "e.dispatchEvent(new Event('input', {bubbles: true}));", element_id, value)

    def timeline(self):
        return {g.get_attribute("data-step"): g.get_attribute("data-due")
                for g in self.d.find_elements(By.CSS_SELECTOR, "svg.timeline g.deadline")}


def run(binary, screenshots):
    results = []

    def check(name, fn):
        try:
            fn()
            results.append((name, None))
            print(f"PASS {name}")
        except Exception:
            results.append((name, traceback.format_exc()))
            print(f"FAIL {name}\n{traceback.format_exc()}")

    work = tempfile.mkdtemp(prefix="reglament-browser-")
    # The checks run a debug build on a shared machine: the diff of two versions analyses both (seconds there).
    with ReglamentServer(binary, extra=["--time-limit", "60"]) as server:
        driver = browser()
        page = Page(driver, server.url)
        state = {}
        with open(os.path.join(ROOT, "regulations", REGULATION), encoding="utf-8") as f:
            original = f.read()
        status_line = original.split("\n").index("  status: adopted") + 1

        def opens_a_shipped_regulation():
            page.open("?lang=ru")
            Select(driver.find_element(By.ID, "regulation-select")).select_by_value(REGULATION)
            wait_for(lambda: page.text() == original, what="the regulation's text in the editor")
            page.wait_checked("ok")
            assert page.markers("error") == [], page.markers("error")
            gutter = driver.find_elements(By.CSS_SELECTOR, ".gutter .ln")
            assert len(gutter) == len(original.split("\n")), (len(gutter), len(original.split("\n")))
            assert driver.find_elements(By.CSS_SELECTOR, "#highlight .y-key"), "no YAML highlighting"

        def an_error_is_marked_at_its_line_and_goes_when_fixed():
            page.caret_to_end_of_line(status_line)
            driver.find_element(By.ID, "source").send_keys("d")
            wait_for(lambda: status_line in page.markers("error"), what=f"an error marker at line {status_line}")
            assert page.markers("error") == [status_line], page.markers("error")
            item = driver.find_element(By.CSS_SELECTOR, f".diag-item[data-line='{status_line}']")
            assert item.get_attribute("data-id") == "invalid-value", item.get_attribute("data-id")
            line = driver.find_element(By.CSS_SELECTOR, f"#highlight .line[data-line='{status_line}']")
            assert "invalid-value" in line.text, line.text
            driver.find_element(By.ID, "source").send_keys(Keys.BACKSPACE)
            wait_for(lambda: page.markers("error") == [] and page.status().get_attribute("data-state") == "ok",
                     what="the marker to go")
            assert page.text() == original

        def stale_answers_are_dropped():
            # Type fast: break, fix, break, fix; only the last text's answer may show.
            for keys in ["d", Keys.BACKSPACE, "d", Keys.BACKSPACE]:
                page.caret_to_end_of_line(status_line)
                driver.find_element(By.ID, "source").send_keys(keys)
            page.wait_checked()
            wait_for(lambda: page.status().get_attribute("data-state") == "ok", what="ok after the last edit")
            assert page.markers("error") == []

        def computes_deadlines_and_draws_the_timeline():
            test, expected = the_acts_test("четверг перед майскими")
            page.set_value("detected", str(test["detected"]).replace(" ", "T")[:16])
            Select(driver.find_element(By.ID, "category")).select_by_value(test["category"])
            driver.find_element(By.ID, "compute").click()
            wait_for(lambda: set(expected) <= set(page.timeline()), what="the expected deadlines on the timeline")
            drawn = page.timeline()
            for step, due in expected.items():
                assert instant(drawn[step]) == due, (step, drawn[step], due)
            # Each deadline labelled with its clause; the due time written next to it.
            svg = driver.find_element(By.CSS_SELECTOR, "svg.timeline")
            answer = driver.find_element(By.CSS_SELECTOR, "svg.timeline g.deadline[data-step='answer']")
            clause = answer.get_attribute("data-clause")
            assert clause and f"п. {clause}" in answer.text, answer.text
            assert expected["answer"].strftime("%d.%m %H:%M") in answer.text, answer.text
            # Working time shaded: intervals drawn, none on 1–3 May 2026 (holidays), some on 4 May.
            working = [r.get_attribute("data-from") for r in svg.find_elements(By.CSS_SELECTOR, "rect.working")]
            assert any(w.startswith("2026-05-04T09:00") for w in working), working
            assert not any(w[:10] in ("2026-05-01", "2026-05-02", "2026-05-03") for w in working), working
            rows = driver.find_elements(By.CSS_SELECTOR, "#deadline-table tbody tr")
            assert any(r.get_attribute("data-step") == "answer" and r.find_elements(By.CSS_SELECTOR, "td.why li")
                       for r in rows), "no explanation beside the deadlines"
            state["timeline"] = drawn
            if screenshots:
                driver.execute_script("window.scrollTo(0, 0)")
                driver.save_screenshot(os.path.join(screenshots, "playground-ru.png"))

        def shot(name):
            """The whole page (not only the window), so that results below the fold are in the picture."""
            if screenshots:
                driver.execute_script("window.scrollTo(0, 0)")
                size = driver.get_window_size()
                height = driver.execute_script("return document.documentElement.scrollHeight")
                driver.set_window_size(size["width"], max(size["height"], height + 160))
                driver.save_screenshot(os.path.join(screenshots, name))
                driver.set_window_size(size["width"], size["height"])

        def simulates_a_small_run_and_draws_its_charts(lang="ru"):
            driver.find_element(By.CSS_SELECTOR, ".tabs button[data-tab='simulate']").click()
            page.set_value("sim-runs", "2")
            page.set_value("sim-days", "14")
            page.set_value("sim-seed", "3")
            driver.find_element(By.ID, "simulate").click()
            result = driver.find_element(By.ID, "simulate-result")
            wait_for(lambda: result.get_attribute("data-state") in ("done", "error"), timeout=120, what="the simulation")
            assert result.get_attribute("data-state") == "done", result.text[:500]
            # The shipped scenario ran, 2 runs; the charts name the act's steps and roles by their names in the act.
            runs = "2 прогона" if lang == "ru" else "2 runs"
            assert runs in result.text, result.text[:300]
            charts = result.find_elements(By.CSS_SELECTOR, "svg.chart")
            assert len(charts) >= 3, len(charts)
            labels = " ".join(c.text for c in charts)
            for name in ["направление сообщени", "подготовка проекта", "исполнитель", "ведущий специалист"]:
                assert name in labels, (name, labels[:300])
            assert result.find_elements(By.CSS_SELECTOR, "svg.line-chart polyline.series"), "no queue chart"
            scenario = driver.execute_script("return document.getElementById('sim-scenario').value")
            assert scenario.startswith("# yaml-language-server") and "scenario: 1" in scenario, scenario[:200]
            shot(f"simulate-{lang}.png")

        def uploads_a_log_and_sees_its_violations(lang="ru"):
            # The act's test «направление отсчитывается от прочтения»: read 12:50, route due 14:20 (cl. 10). Case A is
            # 10 minutes late, case B on time, and one row is bad.
            log = os.path.join(work, "march.csv")
            with open(log, "w", encoding="utf-8") as f:
                f.write("case,step,time,category\nA,detected,2026-03-02T10:00,solvable\nA,read,2026-03-02T12:50,\n"
                        "A,route,2026-03-02T14:30,\nB,detected,2026-03-02T10:00,solvable\nB,read,2026-03-02T12:50,\n"
                        "B,route,2026-03-02T14:10,\nC,read,not a time,\n")
            driver.find_element(By.CSS_SELECTOR, ".tabs button[data-tab='audit']").click()

            def audit(path, map_path=None):
                driver.find_element(By.ID, "audit-file").send_keys(path)
                if map_path:
                    driver.find_element(By.ID, "audit-map").send_keys(map_path)
                result = driver.find_element(By.ID, "audit-result")
                driver.execute_script("arguments[0].dataset.state = ''", result)
                driver.find_element(By.ID, "audit").click()
                wait_for(lambda: result.get_attribute("data-state") in ("done", "error"), timeout=60, what="the audit")
                assert result.get_attribute("data-state") == "done", result.text[:500]
                rows = [[td.text for td in tr.find_elements(By.TAG_NAME, "td")]
                        for tr in result.find_elements(By.CSS_SELECTOR, "table.violations tr") if tr.find_elements(By.TAG_NAME, "td")]
                return result, [r for r in rows if r[1] == "route"]

            result, route = audit(log)
            clause = "п. 10" if lang == "ru" else "cl. 10"
            assert route == [["A", "route", clause, route[0][3], "02.03 14:20", "02.03 14:30", route[0][6]]], route
            assert "march.csv:8:" in result.text, result.text[-400:]
            shot(f"audit-{lang}.png")
            if lang != "en":
                return
            # The same cases as an Excel workbook written by openpyxl (sent as bytes), and as an incident system's
            # export with Russian headers and statuses read through a map chosen beside it.
            import datetime, openpyxl
            workbook = openpyxl.Workbook()
            workbook.active.append(["case", "step", "time"])
            for case, step, minute in [("A", "detected", "10:00"), ("A", "read", "12:50"), ("A", "route", "14:30"),
                                       ("B", "detected", "10:00"), ("B", "read", "12:50"), ("B", "route", "14:10")]:
                workbook.active.append([case, step, datetime.datetime.strptime("2026-03-02 " + minute, "%Y-%m-%d %H:%M")])
            xlsx = os.path.join(work, "march.xlsx")
            workbook.save(xlsx)
            result, route = audit(xlsx)
            assert [r[:2] + r[4:6] for r in route] == [["A", "route", "02.03 14:20", "02.03 14:30"]], route
            export = os.path.join(work, "export.csv")
            with open(export, "w", encoding="utf-8") as f:
                f.write("Номер;Статус;Дата\nA;Выявлен;02.03.2026 10:00\nA;Прочитан;02.03.2026 12:50\n"
                        "A;Направлено;02.03.2026 14:30\nB;Выявлен;02.03.2026 10:00\nB;Прочитан;02.03.2026 12:50\n"
                        "B;Направлено;02.03.2026 14:10\n")
            mapping = os.path.join(work, "export.map.yaml")
            with open(mapping, "w", encoding="utf-8") as f:
                f.write("log_map: 1\ncolumns: {case: Номер, step: Статус, time: Дата}\n"
                        "statuses: {Выявлен: detected, Прочитан: read, Направлено: route}\n")
            result, route = audit(export, mapping)
            assert [r[:2] + r[4:6] for r in route] == [["A", "route", "02.03 14:20", "02.03 14:30"]], route

        def compares_with_the_shipped_version():
            driver.find_element(By.CSS_SELECTOR, ".tabs button[data-tab='diff']").click()
            assert Select(driver.find_element(By.ID, "diff-old")).first_selected_option.get_attribute("value") == REGULATION
            driver.find_element(By.ID, "diff").click()
            result = driver.find_element(By.ID, "diff-result")
            # The text now holds the test saved from the playground: one change in the tests.
            wait_for(lambda: "from the playground" in result.text or result.find_elements(By.CSS_SELECTOR, ".error-box"),
                     timeout=60, what="the comparison")
            assert not result.find_elements(By.CSS_SELECTOR, ".error-box"), result.text[:400]
            shot("diff-en.png")

        def share_link_restores_the_state_in_a_fresh_window():
            driver.find_element(By.CSS_SELECTOR, ".tabs button[data-tab='deadlines']").click()
            driver.find_element(By.ID, "share-button").click()
            link = wait_for(lambda: driver.find_element(By.ID, "share-link").get_attribute("value"), what="share link")
            assert "#reglament=1&" in link, link
            first = driver.current_window_handle
            driver.switch_to.new_window("window")
            page.open(link[len(server.url) + 1:])
            wait_for(lambda: page.timeline() == state["timeline"], what="the same timeline")
            assert page.text() == original
            assert Select(driver.find_element(By.ID, "category")).first_selected_option.get_attribute("value") == "ordinary"
            assert driver.find_element(By.ID, "detected").get_attribute("value") == "2026-04-30T15:00"
            assert driver.execute_script("return document.documentElement.lang") == "ru"
            driver.close()
            driver.switch_to.window(first)

        def english_interface_and_save_as_test():
            driver.find_element(By.CSS_SELECTOR, ".lang-switch button[data-lang='en']").click()
            wait_for(lambda: driver.find_element(By.ID, "compute").text == "Compute deadlines", what="English labels")
            found = wait_for(lambda: re.search(r"tests: (\d+) passed, 0 failed", page.status().text), what="English status")
            passed_before = int(found.group(1))
            wait_for(lambda: page.timeline(), what="timeline recomputed")
            name = driver.find_element(By.ID, "test-name")
            name.clear()
            name.send_keys("from the playground")
            driver.find_element(By.CSS_SELECTOR, "#save-test button[type=submit]").click()
            wait_for(lambda: "name: from the playground" in page.text(), what="the test entry in the text")
            wait_for(lambda: f"tests: {passed_before + 1} passed, 0 failed" in page.status().text,
                     what=f"{passed_before + 1} passing tests")
            if screenshots:
                driver.execute_script("window.scrollTo(0, 0); document.getElementById('source').scrollTop = 0;"
                                      "document.getElementById('source').dispatchEvent(new Event('scroll'))")
                driver.save_screenshot(os.path.join(screenshots, "playground-en.png"))

        def print_view_lists_the_deadlines():
            driver.find_element(By.ID, "print-button").click()
            view = driver.find_element(By.ID, "print-view")
            wait_for(lambda: view.is_displayed(), what="print view")
            assert "answer" in view.text and "2026-05-04T13:00" in view.text, view.text[:400]
            if screenshots:
                driver.save_screenshot(os.path.join(screenshots, "print-en.png"))

        try:
            for name, fn in [("opens a shipped regulation", opens_a_shipped_regulation),
                             ("an error is marked at its line and goes when fixed", an_error_is_marked_at_its_line_and_goes_when_fixed),
                             ("stale answers are dropped", stale_answers_are_dropped),
                             ("computes deadlines and draws the timeline", computes_deadlines_and_draws_the_timeline),
                             ("simulates a small run and draws its charts", simulates_a_small_run_and_draws_its_charts),
                             ("uploads a log and sees its violations with clauses", uploads_a_log_and_sees_its_violations),
                             ("the share link restores the state in a fresh window", share_link_restores_the_state_in_a_fresh_window),
                             ("English interface; save the incident as an embedded test", english_interface_and_save_as_test),
                             ("simulation in English", lambda: simulates_a_small_run_and_draws_its_charts("en")),
                             ("log audit in English", lambda: uploads_a_log_and_sees_its_violations("en")),
                             ("compares the edited text with the shipped version", compares_with_the_shipped_version),
                             ("print view lists the deadlines", print_view_lists_the_deadlines)]:
                check(name, fn)
        finally:
            driver.quit()
        code = server.stop()
        check("SIGTERM stops the server gracefully (exit 0)", lambda: (_ for _ in ()).throw(AssertionError(code)) if code != 0 else None)
        log = server.access_log()
        check("access log: one JSON line per request", lambda: (_ for _ in ()).throw(AssertionError(log[:3])) if not any(
            e.get("path") == "/api/check" and e.get("status") == 200 for e in log) else None)

    shutil.rmtree(work, ignore_errors=True)
    failed = [n for n, e in results if e]
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--screenshots")
    args = parser.parse_args()
    if args.screenshots:
        os.makedirs(args.screenshots, exist_ok=True)
    sys.exit(run(os.path.abspath(args.binary), args.screenshots))
