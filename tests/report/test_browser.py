"""The report as a reviewer uses it, in real headless Chromium (file://, no network).

Open the report, filter by a topic, mark tags, export the verdicts (a real
download), import them with ``pipeline.review``, apply them to the documents,
rebuild the report and see the new precision. Hostile scraped values must never
execute. Screenshots go to ``tests/artifacts/`` (gitignored); set
``REPORT_DOCS_SCREENSHOT=1`` to refresh ``docs/report.png``.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pytest

from pipeline.record import Document, TopicTag
from pipeline.report import build_report
from pipeline.review import apply_reviews, import_verdicts, reviewed_metrics

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tests" / "artifacts"
TRAP = """
window.__alerts = [];
window.alert = function (m) { window.__alerts.push(String(m)); };
window.confirm = function () { window.__alerts.push("confirm"); return false; };
window.prompt = function () { window.__alerts.push("prompt"); return null; };
"""


def _open(driver, path: Path) -> None:
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": TRAP})
    driver.get(path.resolve().as_uri())
    assert driver.execute_script("return document.readyState") == "complete"


def _click(el) -> None:
    """Click like a person: first bring the element to the middle of the screen (not under the sticky header)."""
    el.parent.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
    el.click()


def _visible_cards(driver) -> list:
    return [c for c in driver.find_elements("css selector", "article.card") if c.is_displayed()]


def _assert_nothing_ran(driver) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    assert driver.execute_script("return window.__xss === undefined")
    assert driver.execute_script("return window.__alerts") == []
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018 - raises when no dialog is open
    errors = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
    assert not errors, errors


def _screenshot(driver, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    driver.save_screenshot(str(path))
    return path


def _doc_from_article(art: dict, thresholds: dict[str, float]) -> Document:
    """The tagged Document the flow holds before apply_reviews (every topic, assigned or not)."""
    assigned = {t["label"] for t in art["topics"]}
    doc = Document(path=art["source"]["path"], id=art["id"])
    doc.topics = [
        TopicTag(label=label, name=label, score=score, threshold=thresholds.get(label, 0.5),
                 assigned=label in assigned, model_score=score)
        for label, score in art["topic_scores"].items()
    ]
    return doc


def _write_back(art_path: Path, doc: Document) -> None:
    """What the writer does after apply_reviews: the article keeps its assigned tags only."""
    art = json.loads(art_path.read_text(encoding="utf-8"))
    art["topics"] = [
        {"label": t.label, "name": t.name, "score": t.score, "threshold": t.threshold, "source": t.source,
         "model_score": t.model_score, "evidence": []}
        for t in doc.topics if t.assigned
    ]
    art_path.write_text(json.dumps(art, ensure_ascii=False), encoding="utf-8")


def _wait_for_download(folder: Path, timeout: float = 15.0) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = [p for p in folder.glob("*.json")]
        if done and not list(folder.glob("*.crdownload")):
            return done[0]
        time.sleep(0.1)
    raise AssertionError(f"no download in {folder}: {list(folder.iterdir())}")


def test_review_loop_in_the_browser(browser, out_dir: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    report = build_report(out_dir)
    _open(browser, out_dir / "reports" / "latest" / "index.html")
    assert browser.title.startswith("Run 20261123T090000Z-3c4d")
    assert len(_visible_cards(browser)) == 6
    # Chinese text is rendered (not tofu): the title's width is that of real glyphs
    h1 = browser.find_element(By.CSS_SELECTOR, "article.card h3")
    assert re.search(r"[\u4e00-\u9fff]", h1.text)
    _screenshot(browser, "report-top.png")

    # filter by topic: only the finance articles stay
    Select(browser.find_element(By.ID, "f-topic")).select_by_value("finance")
    cards = _visible_cards(browser)
    assert {c.get_attribute("data-id") for c in cards} == {"a1f0c3d2e4b5a697", "f6a5b8d7e9fa0bcc"}
    assert browser.find_element(By.ID, "f-count").text == "2 of 6 articles"

    # marking before giving a name is refused politely
    first = cards[0]
    _click(first.find_element(By.CSS_SELECTOR, '.tag[data-label="finance"] button[data-verdict="wrong"]'))
    assert "name" in browser.find_element(By.ID, "status").text
    assert browser.switch_to.active_element.get_attribute("id") == "reviewer"

    browser.find_element(By.ID, "reviewer").send_keys("审核员 Alice")
    assert browser.find_element(By.ID, "status").text == ""  # the request is met: it goes
    by_id = {c.get_attribute("data-id"): c for c in cards}
    wrong_btn = by_id["f6a5b8d7e9fa0bcc"].find_element(
        By.CSS_SELECTOR, '.tag[data-label="finance"] button[data-verdict="wrong"]')
    _click(wrong_btn)
    assert wrong_btn.get_attribute("aria-pressed") == "true"
    _click(by_id["a1f0c3d2e4b5a697"].find_element(
        By.CSS_SELECTOR, '.tag[data-label="finance"] button[data-verdict="correct"]'))
    # the reviewer adds a missing tag: from the list, or with one click on a near-threshold candidate
    Select(by_id["f6a5b8d7e9fa0bcc"].find_element(By.CSS_SELECTOR, ".add-select")).select_by_value("law")
    _click(by_id["f6a5b8d7e9fa0bcc"].find_element(By.CSS_SELECTOR, ".add-btn"))
    assert "法律维权" in by_id["f6a5b8d7e9fa0bcc"].find_element(By.CSS_SELECTOR, ".missing-list").text
    assert not by_id["f6a5b8d7e9fa0bcc"].find_element(By.CSS_SELECTOR, "button.near-add").is_displayed()
    _click(by_id["f6a5b8d7e9fa0bcc"].find_element(By.CSS_SELECTOR, ".missing-chip button"))  # undo
    assert by_id["f6a5b8d7e9fa0bcc"].find_element(By.CSS_SELECTOR, ".missing-list").text == ""
    _click(by_id["f6a5b8d7e9fa0bcc"].find_element(By.CSS_SELECTOR, 'button.near-add[data-label="law"]'))
    assert "法律维权" in by_id["f6a5b8d7e9fa0bcc"].find_element(By.CSS_SELECTOR, ".missing-list").text
    assert browser.find_element(By.ID, "verdict-count").text == "3 verdicts"

    # raw vs clean is collapsed until opened
    details = by_id["a1f0c3d2e4b5a697"].find_element(By.CSS_SELECTOR, "details.rawclean")
    assert details.get_attribute("open") is None
    _click(details.find_element(By.TAG_NAME, "summary"))
    assert details.find_element(By.CSS_SELECTOR, "li.blk.removed del").is_displayed()
    browser.execute_script("arguments[0].scrollIntoView({block: 'start'})", by_id["a1f0c3d2e4b5a697"])
    _screenshot(browser, "report-review.png")

    # verdicts survive a reload (localStorage)
    browser.refresh()
    assert browser.find_element(By.ID, "verdict-count").text == "3 verdicts"
    assert browser.find_element(
        By.CSS_SELECTOR, '#card-f6a5b8d7e9fa0bcc .tag[data-label="finance"] button[data-verdict="wrong"]'
    ).get_attribute("aria-pressed") == "true"

    # export: a real download (Blob + a.download), also mirrored in a hidden textarea
    _click(browser.find_element(By.ID, "export-btn"))
    exported = _wait_for_download(browser.download_dir)
    assert re.fullmatch(r"verdicts-[0-9TZ-]+\.json", exported.name)  # no reviewer's name in a file name
    payload = json.loads(exported.read_text(encoding="utf-8"))
    assert payload == json.loads(browser.find_element(By.ID, "export-json").get_attribute("value"))
    assert payload["reviewer"] == "审核员 Alice" and payload["exported_at"]
    got = {(v["article_id"], v["label"], v["verdict"]) for v in payload["verdicts"]}
    assert got == {("f6a5b8d7e9fa0bcc", "finance", "wrong"), ("a1f0c3d2e4b5a697", "finance", "correct"),
                   ("f6a5b8d7e9fa0bcc", "law", "missing")}
    assert all(v["reviewer"] == "审核员 Alice" and v["at"] for v in payload["verdicts"])

    # import, apply to the documents of a later run, rebuild the report
    reviews = out_dir / "reviews"
    assert import_verdicts(exported, reviews).stored == 3
    assert reviewed_metrics(reviews)["finance"]["precision"] == 0.5
    art_path = out_dir / "articles" / "f6a5b8d7e9fa0bcc.json"
    thresholds = json.loads((out_dir / "runs" / "20261123T090000Z-3c4d" / "run.json").read_text())["thresholds"]
    doc = _doc_from_article(json.loads(art_path.read_text(encoding="utf-8")), thresholds)
    apply_reviews([doc], reviews)
    tags = {t.label: t for t in doc.topics}
    assert not tags["finance"].assigned and tags["finance"].source == "review"
    assert tags["law"].assigned and tags["law"].model_score == 0.5
    _write_back(art_path, doc)
    assert build_report(out_dir) == report

    browser.refresh()
    # what was imported is no longer pending in this browser
    assert browser.find_element(By.ID, "verdict-count").text == "0 verdicts"
    assert "already imported" in browser.find_element(By.ID, "status").text
    metrics = browser.find_element(By.CSS_SELECTOR, '[data-topic-metrics="finance"]').text
    assert metrics == "P 50% · R 100% · n=2"
    card = browser.find_element(By.ID, "card-f6a5b8d7e9fa0bcc")
    assert "removed by 审核员 Alice" in card.text
    law = card.find_element(By.CSS_SELECTOR, '.tag[data-label="law"]')
    assert law.find_element(By.CSS_SELECTOR, ".badge").text == "reviewed"
    # confirming a tag a reviewer added keeps it a "missing" (model missed it), not a model true positive
    browser.find_element(By.ID, "reviewer").send_keys("bob")
    _click(law.find_element(By.CSS_SELECTOR, 'button[data-verdict="correct"]'))
    assert law.find_element(By.CSS_SELECTOR, 'button[data-verdict="correct"]').get_attribute("aria-pressed") == "true"
    # saved under the output directory's own key (its first run): another directory's report never sees them
    first_run = sorted(p.name for p in (out_dir / "runs").iterdir())[0]
    assert browser.execute_script(
        "return Object.keys(localStorage).filter(function (k) { return k.indexOf('zh-pipeline-review') === 0; });"
    ) == [f"zh-pipeline-review/v1/{first_run}"]
    assert browser.execute_script(
        f"var s = JSON.parse(localStorage.getItem('zh-pipeline-review/v1/{first_run}')).verdicts;"
        "return Object.keys(s).map(function (k) { return s[k].label + ':' + s[k].verdict; });") == ["law:missing"]
    browser.execute_script("document.getElementById('topics').scrollIntoView()")
    _screenshot(browser, "report-topics.png")
    _assert_nothing_ran(browser)


def test_verdicts_saved_before_they_were_kept_per_output_move_to_their_report(browser, out_dir: Path) -> None:
    """The old single storage key: this report's verdicts move under its own key, another output's stay."""
    from selenium.webdriver.common.by import By

    build_report(out_dir)
    page = out_dir / "reports" / "latest" / "index.html"
    _open(browser, page)
    legacy = {"reviewer": "alice", "verdicts": {
        "a1f0c3d2e4b5a697\u0000finance": {"article_id": "a1f0c3d2e4b5a697", "label": "finance", "verdict": "wrong",
                                         "reviewer": "alice", "at": "2026-11-23T09:00:00.000Z"},
        "ffffffffffffffff\u0000finance": {"article_id": "ffffffffffffffff", "label": "finance", "verdict": "wrong",
                                         "reviewer": "alice", "at": "2026-11-23T09:00:00.000Z"}}}
    browser.execute_script("localStorage.clear(); localStorage.setItem('zh-pipeline-review/v1', arguments[0]);",
                           json.dumps(legacy))
    _open(browser, page)
    assert browser.find_element(By.ID, "verdict-count").text == "1 verdict"
    first_run = sorted(p.name for p in (out_dir / "runs").iterdir())[0]
    mine = json.loads(browser.execute_script(f"return localStorage.getItem('zh-pipeline-review/v1/{first_run}');"))
    rest = json.loads(browser.execute_script("return localStorage.getItem('zh-pipeline-review/v1');"))
    assert list(mine["verdicts"]) == ["a1f0c3d2e4b5a697\u0000finance"] and mine["reviewer"] == "alice"
    assert list(rest["verdicts"]) == ["ffffffffffffffff\u0000finance"]  # another output's report takes it
    _assert_nothing_ran(browser)


def test_the_queue_sorts_by_score_or_site_and_back(browser, out_dir: Path) -> None:
    from selenium.webdriver.support.ui import Select

    build_report(out_dir)
    _open(browser, out_dir / "reports" / "latest" / "index.html")
    data = json.loads(browser.execute_script("return document.getElementById('report-data').textContent;"))
    best = {a["id"]: max(a["scores"].values(), default=0) for a in data["articles"]}
    page_order = [c.get_attribute("data-id") for c in _visible_cards(browser)]
    sort = Select(browser.find_element("id", "f-sort"))
    sort.select_by_value("score-desc")
    shown = [c.get_attribute("data-id") for c in _visible_cards(browser)]
    assert [best[i] for i in shown] == sorted(best.values(), reverse=True) and sorted(shown) == sorted(page_order)
    sort.select_by_value("score-asc")
    assert [best[c.get_attribute("data-id")] for c in _visible_cards(browser)] == sorted(best.values())
    Select(browser.find_element("id", "f-topic")).select_by_value("finance")  # the filtered topic's score
    finance = [a["scores"].get("finance", 0) for a in data["articles"] if "finance" in a["assigned"]]
    assert [next(a["scores"]["finance"] for a in data["articles"] if a["id"] == c.get_attribute("data-id"))
            for c in _visible_cards(browser)] == sorted(finance)
    Select(browser.find_element("id", "f-topic")).select_by_value("")
    sort.select_by_value("")
    assert [c.get_attribute("data-id") for c in _visible_cards(browser)] == page_order
    _assert_nothing_ran(browser)


def test_keyboard_and_filters(browser, out_dir: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    _open(browser, build_report(out_dir))
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys("/")
    active = browser.switch_to.active_element
    assert active.get_attribute("id") == "f-search"
    active.send_keys("高血压")
    assert [c.get_attribute("data-id") for c in _visible_cards(browser)] == ["c3d2e5f4a6b7c899"]
    for typed in ("高血壓", "ｃ３ｄ２ｅ５"):  # Traditional script, full width: the same card
        active.clear()
        active.send_keys(typed)
        assert [c.get_attribute("data-id") for c in _visible_cards(browser)] == ["c3d2e5f4a6b7c899"], typed
    active.send_keys(Keys.ESCAPE)
    body.send_keys("j")
    assert browser.switch_to.active_element.get_attribute("id") == "card-c3d2e5f4a6b7c899"
    # c without a reviewer name: the name field takes the focus, and the key does not land in it
    browser.switch_to.active_element.send_keys("c")
    assert browser.switch_to.active_element.get_attribute("id") == "reviewer"
    assert browser.find_element(By.ID, "reviewer").get_attribute("value") == ""
    assert "name" in browser.find_element(By.ID, "status").text
    # c marks the next tag of the current card - after a name is given
    browser.find_element(By.ID, "reviewer").send_keys("bob")
    browser.find_element(By.ID, "reviewer").send_keys(Keys.ESCAPE)
    browser.execute_script("document.getElementById('card-c3d2e5f4a6b7c899').focus()")
    browser.switch_to.active_element.send_keys("c")
    assert browser.find_element(
        By.CSS_SELECTOR, '#card-c3d2e5f4a6b7c899 .tag[data-label="health"] button[data-verdict="correct"]'
    ).get_attribute("aria-pressed") == "true"
    browser.switch_to.active_element.send_keys("o")
    assert browser.find_element(By.CSS_SELECTOR, "#card-c3d2e5f4a6b7c899 details.rawclean").get_attribute("open")
    # every control is reachable and labelled
    for el in browser.find_elements(By.CSS_SELECTOR, "input, select"):
        el_id = el.get_attribute("id")
        labelled = el.get_attribute("aria-label") or browser.find_elements(By.CSS_SELECTOR, f'label[for="{el_id}"]')
        assert labelled or el.get_attribute("type") == "hidden", el_id
    # the topic cards' "filter" buttons drive the queue's topic filter
    _click(browser.find_element(By.CSS_SELECTOR, '[data-filter-topic="health"]'))
    assert browser.find_element(By.ID, "f-topic").get_attribute("value") == "health"
    assert browser.find_element(By.ID, "f-count").text == "1 of 6 articles"
    # score range + site filters
    _click(browser.find_element(By.ID, "f-reset"))
    min_box = browser.find_element(By.ID, "f-min")
    min_box.clear()
    min_box.send_keys("0.9")
    assert {c.get_attribute("data-id") for c in _visible_cards(browser)} == {
        "b2e1d4c3f5a6b788", "c3d2e5f4a6b7c899", "e5b4a7c6d8e9fabb"}
    Select(browser.find_element(By.ID, "f-site")).select_by_value("健康时报")
    assert [c.get_attribute("data-id") for c in _visible_cards(browser)] == ["c3d2e5f4a6b7c899"]
    _assert_nothing_ran(browser)


@pytest.mark.parametrize("without_csp", [False, True], ids=["with-csp", "escaping-alone"])
def test_crafted_values_never_execute(browser, crafted_out: Path, tmp_path: Path, without_csp: bool) -> None:
    from selenium.webdriver.common.by import By

    page = build_report(crafted_out)
    if without_csp:  # prove the escaping alone is enough, not only the Content-Security-Policy
        html = page.read_text(encoding="utf-8")
        html, n = re.subn(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
        assert n == 1
        page = tmp_path / "no-csp.html"
        page.write_text(html, encoding="utf-8")
    _open(browser, page)
    card = browser.find_element(By.ID, "card-9e8d7c6b5a4f3e21")
    assert "测试标题<img src=x onerror=window.__xss=1;alert(1)>{{7*7}}" in card.text
    assert not card.find_elements(By.CSS_SELECTOR, "img, svg[onload], script")
    assert not browser.find_elements(By.CSS_SELECTOR, "img, iframe, object, embed, [onerror], [onload]")
    # open everything, search, filter by the hostile site: the values stay text
    for d in browser.find_elements(By.TAG_NAME, "details"):
        browser.execute_script("arguments[0].open = true", d)
    browser.find_element(By.ID, "f-search").send_keys("window.__xss")
    assert [c.get_attribute("data-id") for c in _visible_cards(browser)] == ["9e8d7c6b5a4f3e21"]
    assert "</script><script>window.__xss=2;alert(2)</script>" in card.text
    time.sleep(0.3)
    _assert_nothing_ran(browser)


def test_docs_screenshot(browser, out_dir: Path, tmp_path: Path) -> None:
    """A laptop-sized view of the report with some review activity; docs/report.png on request."""
    from selenium.webdriver.common.by import By

    f = tmp_path / "v.json"
    f.write_text(json.dumps({"reviewer": "alice", "exported_at": "2026-11-23T10:00:00Z", "verdicts": [
        {"article_id": "a1f0c3d2e4b5a697", "label": "finance", "verdict": "correct", "reviewer": "alice"},
        {"article_id": "a1f0c3d2e4b5a697", "label": "law", "verdict": "correct", "reviewer": "alice"},
        {"article_id": "b2e1d4c3f5a6b788", "label": "law", "verdict": "correct", "reviewer": "alice"},
        {"article_id": "f6a5b8d7e9fa0bcc", "label": "law", "verdict": "missing", "reviewer": "alice"},
        {"article_id": "d4c3f6a5b7c8d9aa", "label": "tech", "verdict": "wrong", "reviewer": "alice"},
    ]}), encoding="utf-8")
    import_verdicts(f, out_dir / "reviews")
    _open(browser, build_report(out_dir))
    browser.find_element(By.ID, "reviewer").send_keys("alice")
    _click(browser.find_element(
        By.CSS_SELECTOR, '#card-f6a5b8d7e9fa0bcc .tag[data-label="finance"] button[data-verdict="wrong"]'))
    details = browser.find_element(By.CSS_SELECTOR, "#card-f6a5b8d7e9fa0bcc details.rawclean")
    browser.execute_script("arguments[0].open = true", details)
    browser.execute_script("document.getElementById('review').scrollIntoView()")
    browser.execute_script("window.scrollBy(0, 40)")
    shot = _screenshot(browser, "report.png")
    assert shot.stat().st_size > 20_000
    if os.environ.get("REPORT_DOCS_SCREENSHOT"):
        target = REPO / "docs" / "report.png"
        target.write_bytes(shot.read_bytes())
        assert target.stat().st_size < 300_000
    _assert_nothing_ran(browser)
