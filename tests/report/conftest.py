"""Fixtures for the report tests: a fake output directory and a headless Chromium driver."""

from __future__ import annotations

import contextlib
import importlib.util
import shutil
import tempfile
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


def _load_make_fixture():
    spec = importlib.util.spec_from_file_location("report_make_fixture", HERE / "make_fixture.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


make_fixture = _load_make_fixture()


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """A realistic output tree (two runs, six articles in the newest) without hostile values."""
    out = tmp_path / "out"
    make_fixture.make_output(out)
    return out


@pytest.fixture
def crafted_out(tmp_path: Path) -> Path:
    """The same tree plus one article full of hostile scraped values."""
    out = tmp_path / "out"
    make_fixture.make_output(out, crafted=True)
    return out


@pytest.fixture
def fixture_info():
    return make_fixture


@pytest.fixture
def browser(tmp_path: Path):
    """Headless Chromium via Selenium; downloads go to ``driver.download_dir``."""
    if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
        pytest.skip("browser test needs Debian's chromium and chromium-driver: "
                    "apt-get install -y chromium chromium-driver fonts-noto-cjk")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    profile = Path(tempfile.mkdtemp(prefix="chromium-profile-"))
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1366,900",
                 "--lang=zh-CN"):
        opts.add_argument(flag)
    opts.add_experimental_option("prefs", {
        "download.default_directory": str(downloads),
        "download.prompt_for_download": False,
        "safebrowsing.enabled": False,
    })
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=opts)
    driver.download_dir = downloads
    with contextlib.suppress(Exception):  # older drivers: the prefs above are enough
        driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                               {"behavior": "allow", "downloadPath": str(downloads)})
    driver.set_window_size(1366, 900)
    # a laptop screen: the page itself gets 1366x900 CSS pixels
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 1366, "height": 900, "deviceScaleFactor": 1, "mobile": False})
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
