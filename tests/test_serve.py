"""`make serve` speaks in the browser: an error banner above the last good pages, a choice of port (issue 14)."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from conftest import ROOT, copy_project, free_port
from macros.serve import banner as serve_banner, server as serve

PLANTED = "title: Fit: a colon in unquoted text\n"  # a YAML mistake on line 6 of partner-fit.yml


# -- The banner, without a server ---------------------------------------------------
def test_the_banner_shows_the_error_as_text_never_as_markup() -> None:
    html = serve_banner.banner('docs/x.md:3: found <img src=x onerror="alert(1)"> & <b>bold</b>', "11:42:05").decode()
    assert "<img" not in html and "<b>" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    assert 'role="alert"' in html and "built at 11:42:05" in html
    assert "No page has been built yet" in serve_banner.banner("boom", None).decode()


def test_the_banner_goes_first_inside_the_body_and_only_while_there_is_an_error() -> None:
    page = b'<html><head></head><body dir="ltr" class="x"><h1>Trust</h1></body></html>'
    mark = serve_banner.banner("boom", "11:00:00")
    assert serve_banner.inject(page, mark) == page.replace(b'class="x">', b'class="x">' + mark)
    assert serve_banner.inject(page, b"") == page
    assert serve_banner.inject(b"<p>no body</p>", mark).startswith(mark)


def test_a_long_error_is_cut_to_its_first_lines() -> None:
    text = serve_banner.shorten("\n".join(f"line {n}" for n in range(100)))
    assert text.splitlines()[0] == "line 0" and "line 29" in text and "line 30" not in text
    assert text.endswith("70 more lines in the terminal")


def _luminance(hex_colour: str) -> float:
    digits = hex_colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    channels = [int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_the_banner_text_has_readable_contrast() -> None:
    rule = re.search(r"\.pb-serve-error\{([^}]*)\}", serve_banner.STYLE)[1]
    background = re.search(r"background:(#[0-9a-f]+)", rule)[1]
    colour = re.search(r"(?<![-\w])color:(#[0-9a-f]+)", rule)[1]
    light, dark = sorted((_luminance(background), _luminance(colour)), reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 7  # WCAG AAA for normal text


# -- What the browser is served --------------------------------------------------------
def test_the_served_copy_changes_only_after_a_good_build(tmp_path: Path) -> None:
    build, served = tmp_path / "build", tmp_path / "served"
    (build / "a").mkdir(parents=True)
    served.mkdir()
    (build / "a/index.html").write_text("first")
    (build / "gone.html").write_text("old")
    last_good = serve.LastGood(build, served)
    last_good.update()
    assert (served / "a/index.html").read_text() == "first" and last_good.built_at
    (build / "a/index.html").write_text("a failed build wrote this")
    assert (served / "a/index.html").read_text() == "first"  # no update() after a failed build
    (build / "gone.html").unlink()
    (build / "a/index.html").write_text("second, longer")
    last_good.update()
    assert (served / "a/index.html").read_text() == "second, longer"
    assert not (served / "gone.html").exists()
    assert sorted(p.name for p in served.rglob("*")) == ["a", "index.html"]


def test_a_missing_page_shows_the_banner_too_and_reloads_by_itself(tmp_path: Path) -> None:
    banner = serve_banner.banner("docs/x.md:1: boom", None)
    shown = [banner]
    server = serve.PlaybookServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path),
                                  banner=lambda: shown[0])
    try:
        page = server._not_found(404).decode()  # nothing built yet: a bare page with the banner
        assert page.index("<body>") < page.index('role="alert"') and "livereload(" in page
        (tmp_path / "404.html").write_text("<html><body><h1>Not found</h1></body></html>")
        page = server._not_found(404).decode()  # the site's own 404 page, under the banner
        assert page.index('role="alert"') < page.index("Not found") and "livereload(" in page
        shown[0] = b""
        assert 'role="alert"' not in server._not_found(404).decode()
    finally:
        server.server_close()


def test_make_serve_port_picks_the_port_and_the_default_stays_8000(tmp_path: Path) -> None:
    from test_makefile import make_folder, run_make  # the Makefile run with a recording stand-in for Python

    folder = make_folder(tmp_path)

    def serve_args(*make_args: str) -> list[str]:
        (call,) = run_make(folder, "serve", *make_args)
        assert call["args"][:2] == ["-m", "macros.serve.server"]
        return call["args"][2:]

    from mkdocs.config import load_config
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert serve.address(serve.parse_args(serve_args("PORT=8001")), config) == ("127.0.0.1", 8001, "/")
    assert serve.address(serve.parse_args(serve_args("PORT=8001", "HOST=0.0.0.0")), config)[:2] == ("0.0.0.0", 8001)
    assert serve.address(serve.parse_args(serve_args()), config) == ("127.0.0.1", 8000, "/")
    assert serve.address(serve.parse_args([]), None) == ("127.0.0.1", 8000, "/")  # mkdocs.yml unreadable


def test_a_port_in_use_is_one_clear_line_not_a_traceback() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "macros.serve.server", "--port", str(port)], cwd=ROOT,
                                env={**os.environ, "NO_MKDOCS_2_WARNING": "true"}, capture_output=True, text=True,
                                timeout=120)
    assert result.returncode == 1
    assert f"Port {port} on 127.0.0.1 is already in use" in result.stderr
    assert f"make serve PORT={port + 1}" in result.stderr and "Traceback" not in result.stderr


# -- In a browser, against the real server ------------------------------------------------
class Served:
    def __init__(self, project: Path) -> None:
        self.project, self.port = project, free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "true", "PYTHONPATH": str(project)}
        self.process = subprocess.Popen([sys.executable, "-m", "macros.serve.server", "--port", str(self.port)],
                                        cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        text=True)
        self.log = ""

    def wait_until_up(self, page: Page, path: str) -> None:
        deadline = time.monotonic() + 60
        while True:
            try:
                page.goto(self.url + path)
                return
            except Exception:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise
                time.sleep(0.3)

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.project / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def stop(self) -> str:
        if self.process.poll() is None:
            self.process.terminate()
        self.log = self.process.communicate(timeout=30)[0]
        return self.log

    def __enter__(self) -> Served:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


@pytest.mark.browser
def test_a_bad_edit_shows_a_banner_above_the_last_good_page_until_it_is_fixed(project: Path, page: Page) -> None:
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    with Served(project) as served:
        served.wait_until_up(page, "principles/trust/")
        banner = page.get_by_role("alert").filter(has_text="did not build")
        expect(page.locator("article")).to_contain_text("Partner or acquaintance")
        expect(banner).to_have_count(0)

        served.edit("docs/principles/trust.md", "\n\n", "\n\nServed live after an edit.\n\n")
        expect(page.locator("article")).to_contain_text("Served live after an edit.", timeout=30_000)
        page.mouse.wheel(0, 5000)  # the author is reading further down when the edit fails
        served.edit("data/checklists/partner-fit.yml", "version: 2\n", "version: 2\n" + PLANTED)

        # No reload by hand: MkDocs' live reload brings the banner, with the file and line.
        expect(banner).to_be_visible(timeout=30_000)
        expect(banner).to_contain_text("data/checklists/partner-fit.yml:6")
        expect(banner).to_contain_text("the last good pages, built at")
        assert page.evaluate("window.scrollY") > 500  # the reload kept the reader's place, and the banner is in view
        expect(banner).to_be_in_viewport()
        page.locator("article").get_by_role("link", name="Win-win is an attitude").click()  # Material's instant navigation
        expect(page).not_to_have_url(re.compile("/principles/trust/"))
        # The address changes before the new page is in place; going back before then raced it under load.
        expect(page.locator("article h1")).to_contain_text("Win-win is an attitude")
        expect(banner).to_be_visible()
        page.go_back()
        expect(page.locator(".pb-serve-error__message > *")).to_have_count(0)  # text, not markup
        expect(page.locator("article")).to_contain_text("Served live after an edit.")  # the last good page below

        served.edit("data/checklists/partner-fit.yml", PLANTED, "")
        expect(banner).to_have_count(0, timeout=30_000)
        expect(page.locator("article")).to_contain_text("Served live after an edit.")

        # A strict-mode warning (a link to a missing heading): the failed build wrote the page; the browser
        # still gets the last good one.
        served.edit("docs/principles/trust.md", "Served live after an edit.", "See [fair](#no-such-heading-here).")
        expect(banner).to_contain_text("no-such-heading-here", timeout=30_000)
        expect(banner).to_contain_text("principles/trust.md")
        expect(page.locator("article")).to_contain_text("Served live after an edit.")
        served.edit("docs/principles/trust.md", "#no-such-heading-here", "#fair-price")
        expect(banner).to_have_count(0, timeout=30_000)
        expect(page.locator("article")).to_contain_text("See fair")

        # A broken mkdocs.yml.
        served.edit("mkdocs.yml", "\nstrict: true\n", "\nstrict: true\n  indented: too far\n")
        expect(banner).to_contain_text("mkdocs.yml", timeout=30_000)
        served.edit("mkdocs.yml", "  indented: too far\n", "")
        expect(banner).to_have_count(0, timeout=30_000)
    assert "partner-fit.yml:6" in served.log
    assert "The browser shows the last good pages, built at" in served.log and "Traceback" not in served.log


@pytest.mark.browser
def test_a_server_started_with_an_error_shows_it_until_the_first_good_build(project: Path, page: Page) -> None:
    checklist = project / "data/checklists/partner-fit.yml"
    good = checklist.read_text(encoding="utf-8")
    checklist.write_text(good.replace("version: 2\n", "version: 2\n" + PLANTED, 1), encoding="utf-8")
    with Served(project) as served:
        served.wait_until_up(page, "principles/trust/")
        banner = page.get_by_role("alert").filter(has_text="did not build")
        expect(banner).to_contain_text("data/checklists/partner-fit.yml:6")
        expect(banner).to_contain_text("No page has been built yet")

        checklist.write_text(good, encoding="utf-8")
        expect(page.locator("article")).to_contain_text("Partner or acquaintance", timeout=30_000)
        expect(banner).to_have_count(0)

        # A macro syntax error: mkdocs-macros exits the build; the server stays up and shows it.
        call = '{{ checklist("partner-fit") }}'
        served.edit("docs/reference/checklists/partner-fit.md", call, call.replace('")', '"'))
        expect(banner).to_contain_text("reference/checklists/partner-fit.md", timeout=30_000)
        served.edit("docs/reference/checklists/partner-fit.md", call.replace('")', '"'), call)
        expect(banner).to_have_count(0, timeout=30_000)
    assert "Nothing has built yet: every page in the browser shows only this error" in served.log


@pytest.mark.browser
def test_hostile_edits_show_in_the_banner_and_the_server_stays_up(project: Path, page: Page) -> None:
    """Inputs that used to hang or crash the build (issue 21): each is one banner, and the server keeps serving."""
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
    hostile = [
        ("docs/principles/trust.md", "audience: public\n", f"audience: public\n{bomb}",  # in the page's front matter
         "docs/principles/trust.md:8: expected at most 100,000"),
        ("data/checklists/partner-fit.yml", "version: 2\n", "version: 2\nextra: " + "[" * 50_000 + "]" * 50_000 + "\n",
         "data/checklists/partner-fit.yml:6: expected lists and mappings nested at most 20 deep"),
        ("docs/principles/trust.md", "\n\n", "\n\n" + "".join("    " * n + "- x\n" for n in range(500)) + "\n",
         "expected lists, quotes and indented text nested at most 20 levels deep"),
        ("mkdocs.yml", "\nstrict: true\n", "\nstrict: true\n" + bomb, "mkdocs.yml:"),
    ]
    with Served(project) as served:
        served.wait_until_up(page, "principles/trust/")
        banner = page.get_by_role("alert").filter(has_text="did not build")
        expect(page.locator("article")).to_contain_text("Partner or acquaintance")
        for name, old, new, message in hostile:
            start = time.monotonic()
            served.edit(name, old, new)
            expect(banner).to_contain_text(message, timeout=30_000)
            print(f"{name}: banner after {time.monotonic() - start:.1f} s")
            assert served.process.poll() is None, f"the server stopped on {name}"
            expect(page.locator("article")).to_contain_text("Partner or acquaintance")  # the last good page
            served.edit(name, new, old)
            expect(banner).to_have_count(0, timeout=30_000)
    assert "Traceback" not in served.log
