"""SITE_URL: `make build` / `make public` for the address an edition is served at, a sub-path included."""
from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from conftest import ROOT, copy_project, free_port
from macros.build.safe_build import SiteUrlError, site_url


def safe_build(project: Path, config: str, url: str | None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(project)}
    env.pop("SITE_URL", None)
    if url is not None:
        env["SITE_URL"] = url
    return subprocess.run([sys.executable, "-m", "macros.build.safe_build", config], cwd=project, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("bad", ["partners.example.com/playbook/", "/playbook/", "ftp://example.com/",
                                 "https://", "https://example.com/a b/", "https://example.com/?page=1",
                                 'https://partners.example.com/"><script>alert(1)</script>',
                                 '"https://partners.example.com/"', "<https://partners.example.com/>",
                                 "https://partners.example.com/a'b/", "https://partners.example.com/a&b/",
                                 "https://user:secret@partners.example.com/", "https://partners.example.com/\x00/",
                                 "https://partners.example.com/\u202e/", "https://partners.example.com:99999/",
                                 "https://partners.example.com/100%/", "javascript:alert(1)//"])
def test_a_site_url_that_is_not_an_http_address_is_refused(bad: str) -> None:
    with pytest.raises(SiteUrlError) as problem:
        site_url(bad)
    message = str(problem.value)
    assert message.startswith("SITE_URL: expected an absolute http(s) address") and repr(bad) in message
    assert "\n" not in message and not any(c in message.split(": ", 2)[-1] for c in "<>\"")


def test_a_plain_address_passes_as_it_is_written() -> None:
    for good in ("https://partners.example.com/play-book_2/~team/", "http://[::1]:8000/a%20b/", "http://intranet/"):
        assert site_url(good) == good


def test_site_url_gets_its_trailing_slash_and_unset_means_the_local_default() -> None:
    assert site_url("https://partners.example.com/playbook") == "https://partners.example.com/playbook/"
    assert site_url("http://intranet:8080/") == "http://intranet:8080/"
    assert site_url(None) is None and site_url("") is None


def test_make_build_with_a_bad_site_url_stops_with_one_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "site").mkdir()
    (project / "site" / "marker.txt").write_text("last good site")
    run = safe_build(project, "mkdocs.yml", "partners.example.com")
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == [
        "SITE_URL: expected an absolute http(s) address such as https://partners.example.com/playbook/, "
        "found 'partners.example.com': no http:// or https:// at the start"]
    assert (project / "site" / "marker.txt").read_text() == "last good site"


class _SubPath(http.server.SimpleHTTPRequestHandler):
    """Serves the site under each of `prefixes` (e.g. /playbook/) and nothing else."""

    prefixes: tuple[str, ...] = ()

    def translate_path(self, path: str) -> str:
        for prefix in self.prefixes:
            if path.startswith(prefix):
                return super().translate_path("/" + path[len(prefix):])
        return "/nonexistent"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str, str]]:
    """The internal edition built by safe_build with SITE_URL at /playbook/, served there (and, as a
    control, at /elsewhere/, an address it was not built for)."""
    project = copy_project(tmp_path_factory.mktemp("site-url"))
    port = free_port()
    url = f"http://127.0.0.1:{port}/playbook"  # no trailing slash: the build adds it
    run = safe_build(project, "mkdocs.yml", url)
    assert run.returncode == 0, run.stderr
    assert f"for {url}/" in run.stdout
    handler = type("Handler", (_SubPath,), {"prefixes": ("/playbook/", "/elsewhere/")})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port),
                                             functools.partial(handler, directory=str(project / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield project / "site", url + "/", f"http://127.0.0.1:{port}/elsewhere/"
    finally:
        server.shutdown()


def test_canonical_links_and_sitemap_carry_the_address(sub_path_site) -> None:
    root, url, _ = sub_path_site
    trust = (root / "principles" / "trust" / "index.html").read_text()
    assert f'<link rel="canonical" href="{url}principles/trust/">' in trust
    sitemap = (root / "sitemap.xml").read_text()
    assert f"<loc>{url}principles/trust/</loc>" in sitemap and "127.0.0.1:8000" not in sitemap


def stays_on_the_page(page: Page, start: str, tab: str, expected: str) -> bool:
    """Open `start`, click a navigation tab; True when the page was swapped in without a reload."""
    page.goto(start)
    page.evaluate("() => { window.pbSameDocument = true; }")
    page.locator(".md-tabs__link", has_text=tab).first.click()
    page.wait_for_url(expected)
    expect(page.locator("article h1").first).to_be_visible()
    return page.evaluate("() => window.pbSameDocument === true")


@pytest.mark.browser
def test_instant_navigation_links_and_saved_answers_work_at_a_sub_path(page: Page, sub_path_site) -> None:
    _, url, elsewhere = sub_path_site
    page.set_viewport_size({"width": 1300, "height": 900})  # wide enough for Material's tabs
    assert stays_on_the_page(page, url, "Principles", url + "principles/")
    page.locator("article a[href$='trust/']").first.click()
    page.wait_for_url(url + "principles/trust/")
    # Control: the same build served at an address it was not built for reloads on every click.
    assert not stays_on_the_page(page, elsewhere, "Principles", elsewhere + "principles/")

    page.goto(url + "reference/checklists/partner-fit/")
    page.locator("input[name='champion'][value='3']").check()
    expect(page.locator(".pb-live__score")).to_contain_text("Overall score 100%")
    page.reload()
    expect(page.locator("input[name='champion'][value='3']")).to_be_checked()
    guidance = page.locator("a.pb-item__guidance").first
    guidance.click()
    page.wait_for_url(url + "principles/ideal-partner/#who-the-champion")
    expect(page.locator("#who-the-champion")).to_be_visible()
