"""Reports opened in headless Chromium with the network cut off: they render, with their
charts, and the browser logs nothing (no blocked request, no script error, no CSP violation)."""
import shutil
import subprocess
from pathlib import Path

import pytest
from report_fixtures import shared_run

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (CI: apt-get install chromium)"),
]


def chromium(url: str, tmp_path: Path, *action: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    try:
        return subprocess.run(
            [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
             # no network: every host resolves to nothing, and any proxy-able request goes nowhere
             "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>", "--host-resolver-rules=MAP * ~NOTFOUND",
             "--enable-logging=stderr", "--v=0", *action, url],
            capture_output=True, text=True, timeout=120)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def console_messages(stderr: str) -> list[str]:
    """Page console output (errors, CSP violations) as Chromium logs it with --enable-logging."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


@pytest.fixture(scope="module")
def reports_dir(tmp_path_factory):
    return shared_run(tmp_path_factory).project.reports_dir


@pytest.mark.parametrize("name, title, charts", [
    ("quote.html", "Quotes from the documents", 1),
    ("quote.code.html", "Quotes from the documents", 1),
    ("writes_data--beta.html", "Data writer — Beta", 0),
    ("index.html", "Reports", 0),
])
def test_report_renders_offline_without_console_messages(reports_dir, tmp_path, name, title, charts):
    result = chromium((reports_dir / name).as_uri(), tmp_path, "--dump-dom")
    dom = result.stdout
    assert result.returncode == 0, result.stderr[-2000:]
    assert console_messages(result.stderr) == []
    assert f"<title>{title}</title>" in dom
    assert dom.count('src="data:image/png;base64,') == charts
    assert "<script" not in dom


def test_hostile_quote_is_text_in_the_rendered_page(reports_dir, tmp_path):
    dom = chromium((reports_dir / "quote.html").as_uri(), tmp_path, "--dump-dom").stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
    assert "&lt;img src=x onerror=alert(2)&gt;" in dom
    assert 'src="x"' not in dom and "onerror=" not in dom.replace("&lt;img src=x onerror=", "")


def test_report_prints_to_pdf(reports_dir, tmp_path):
    pdf = tmp_path / "quote.pdf"
    result = chromium((reports_dir / "quote.html").as_uri(), tmp_path, f"--print-to-pdf={pdf}",
                      "--no-pdf-header-footer")
    assert result.returncode == 0, result.stderr[-2000:]
    assert console_messages(result.stderr) == []
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000
