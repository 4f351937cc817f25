"""Both editions served by real nginx with the shipped configuration (hosting/), checked in Chromium (issue 13).

The internal edition is built for, and served at, a sub-path (/playbook/); the
partner edition at the top of a second port. nginx runs in the foreground,
started by this module with its own prefix, pid file, logs and temporary
folders, and is stopped at the end.
"""
from __future__ import annotations

import gzip
import http.server
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import ROOT, choose, free_port, mkdocs_build

pytestmark = pytest.mark.server  # every test here serves the built editions through nginx

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
RENDER = ROOT / "hosting" / "render_nginx.py"
SIGN_IN = ROOT / "hosting" / "sign-in.conf"
CHECKLIST = "reference/checklists/partner-fit/"


@dataclass
class Served:
    """One edition behind nginx: its address, its built folder and its pages."""

    url: str
    root: Path
    pages: list[str] = field(default_factory=list)  # site paths of the built pages, e.g. "principles/trust/"


def main_conf(prefix: Path, servers: list[Path]) -> str:
    """The http{} around the shipped server blocks, as Debian's /etc/nginx/nginx.conf provides it."""
    temp = prefix / "temp"
    lines = ["daemon off;", "worker_processes 1;", f"pid {prefix / 'nginx.pid'};",
             f"error_log {prefix / 'error.log'} warn;", "events { worker_connections 64; }", "http {",
             "  include /etc/nginx/mime.types;", "  default_type application/octet-stream;", "  access_log off;"]
    if os.geteuid() == 0:
        lines.insert(1, "user root;")  # workers must read the test's private temporary folders
    for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        lines.append(f"  {kind}_temp_path {temp / kind};")
    lines += [f"  include {server};" for server in servers] + ["}"]
    return "\n".join(lines) + "\n"


def render(site: Path, port: int, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """The server block for `site` on `port`, for the host name 127.0.0.1 (so that any other name is unknown)."""
    return subprocess.run([sys.executable, str(RENDER), str(site), "--listen", f"127.0.0.1:{port}",
                           "--server-name", "127.0.0.1", "-o", str(out), *extra],
                          capture_output=True, text=True, timeout=30)


def built_pages(root: Path) -> list[str]:
    return sorted(p.parent.relative_to(root).as_posix() + "/" if p.name == "index.html" else
                  p.relative_to(root).as_posix() for p in root.rglob("*.html"))


def wait_for(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"nginx stopped at start:\n{log.read_text() if log.exists() else ''}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    pytest.fail("nginx did not start listening within 10 s")


class _SignIn(http.server.BaseHTTPRequestHandler):
    """Stands in for oauth2-proxy: a session is the cookie `_oauth2_proxy=valid`."""

    def do_GET(self) -> None:  # noqa: N802
        if self.path.startswith("/oauth2/auth"):
            signed_in = "_oauth2_proxy=valid" in (self.headers.get("Cookie") or "")
            self.send_response(202 if signed_in else 401)
            self.end_headers()
        else:
            body = f"SIGN-IN PAGE, back to {self.headers.get('X-Auth-Request-Redirect')}".encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def serve_sign_in() -> http.server.ThreadingHTTPServer:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _SignIn)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def hosted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Served]]:
    """{"internal": at /playbook/, "public": at /, "signed": internal behind sign-in}, through one nginx."""
    if not Path(NGINX).exists():
        pytest.fail("nginx is not installed: run 'sudo apt-get install nginx-light' (make test does it as root)")
    base = tmp_path_factory.mktemp("hosting")
    prefix = base / "nginx"
    (prefix / "temp").mkdir(parents=True)
    (prefix / "html").mkdir()  # nginx's own start page, where Debian's package puts it (under its prefix)
    (prefix / "html" / "index.html").write_text("<h1>Welcome to nginx!</h1>")
    editions = {"internal": ("mkdocs.yml", "/playbook/"), "public": ("mkdocs-public.yml", "/")}
    served: dict[str, Served] = {}
    servers: list[Path] = []
    for edition, (config, path) in editions.items():
        port = free_port()
        url = f"http://127.0.0.1:{port}{path}"
        root = base / edition / "site"
        result = mkdocs_build(ROOT / config, root, site_url=url)
        assert result.returncode == 0, f"build of {config} failed:\n{result.stderr}"
        conf = prefix / f"{edition}.conf"
        done = render(root, port, conf)
        assert done.returncode == 0, done.stderr
        servers.append(conf)
        served[edition] = Served(url, root, built_pages(root))
    # The internal edition once more, behind the shipped sign-in snippet and a stand-in for oauth2-proxy.
    proxy = serve_sign_in()
    snippet = prefix / "sign-in.conf"
    snippet.write_text(SIGN_IN.read_text().replace("127.0.0.1:4180", f"127.0.0.1:{proxy.server_port}"))
    port = free_port()
    internal = served["internal"]
    done = render(internal.root, port, prefix / "signed.conf", "--path", "/playbook/", "--include", str(snippet))
    assert done.returncode == 0, done.stderr
    servers.append(prefix / "signed.conf")
    served["signed"] = Served(f"http://127.0.0.1:{port}/playbook/", internal.root, internal.pages)
    conf = prefix / "nginx.conf"
    conf.write_text(main_conf(prefix, servers), encoding="utf-8")
    check = subprocess.run([NGINX, "-t", "-p", str(prefix), "-c", str(conf)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(conf)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for edition in served.values():
            wait_for(int(edition.url.split(":")[2].split("/")[0]), process, prefix / "error.log")
        yield served
    finally:
        proxy.shutdown()
        process.send_signal(signal.SIGQUIT)  # graceful stop of the master and its worker
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# -- Headers, as any HTTP client sees them ---------------------------------------
def fetch(url: str, host: str | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip", **({"Host": host} if host else {})})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def directives(csp: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in csp.split(";")) if part}


def test_headers_compression_and_caching(hosted: dict[str, Served]) -> None:
    internal = hosted["internal"]
    status, headers, body = fetch(internal.url + CHECKLIST)
    assert status == 200
    assert headers.get("content-encoding") == "gzip" and b"pb-checklist" in gzip.decompress(body)
    assert headers["cache-control"] == "no-cache"
    csp = directives(headers["content-security-policy"])
    assert csp["default-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"] and csp["object-src"] == ["'none'"]
    scripts = csp["script-src"]
    assert scripts[0] == "'self'" and all(s.startswith("'sha256-") for s in scripts[1:]) and len(scripts) > 1
    assert "unsafe" not in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert "noindex" in headers["x-robots-tag"]
    assert headers["permissions-policy"] == "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
    assert "strict-transport-security" not in headers  # only with --hsts, for a host served over HTTPS
    hashed = [p for p in (internal.root / "assets").rglob("*.min.js") if re.search(r"\.[0-9a-f]{8}\.min\.js$", p.name)]
    assert hashed, "Material's fingerprinted bundle was not found"
    status, headers, _ = fetch(internal.url + hashed[0].relative_to(internal.root).as_posix())
    assert status == 200 and headers["cache-control"] == "public, max-age=31536000, immutable"
    assert headers["content-encoding"] == "gzip" and headers["x-content-type-options"] == "nosniff"
    status, headers, _ = fetch(internal.url + "assets/javascripts/playbook.js")  # not fingerprinted
    assert status == 200 and headers["cache-control"] == "no-cache" and headers["content-encoding"] == "gzip"
    status, headers, body = fetch(internal.url + "search/search_index.json")
    assert status == 200 and headers["content-encoding"] == "gzip" and json.loads(gzip.decompress(body))["docs"]
    # The partner edition: the same protection, and no noindex.
    status, headers, _ = fetch(hosted["public"].url)
    assert status == 200 and "x-robots-tag" not in headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"]


def test_missing_address_gets_the_404_page_and_headers_file_is_not_served(hosted: dict[str, Served]) -> None:
    for edition in (hosted["internal"], hosted["public"]):
        for missing in ("no/such/page/", "_headers"):
            status, headers, body = fetch(edition.url + missing)
            assert status == 404, missing
            page = gzip.decompress(body) if headers.get("content-encoding") == "gzip" else body
            assert b"md-content" in page and b"404" in page
            assert "content-security-policy" in headers
    bare = hosted["internal"].url.rstrip("/")
    request = urllib.request.Request(bare, method="HEAD")
    opener = urllib.request.build_opener(type("NoRedirect", (urllib.request.HTTPRedirectHandler,),
                                              {"redirect_request": lambda *a, **k: None}))
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(request, timeout=10)
    assert redirect.value.code == 301 and redirect.value.headers["Location"] == "/playbook/"


def test_hsts_only_when_asked_and_no_header_twice(tmp_path: Path, hosted: dict[str, Served]) -> None:
    site = hosted["public"].root
    plain = render(site, 8080, tmp_path / "plain.conf")
    hsts = render(site, 8080, tmp_path / "hsts.conf", "--hsts")
    assert plain.returncode == 0 and hsts.returncode == 0, plain.stderr + hsts.stderr
    plain_text, hsts_text = (tmp_path / "plain.conf").read_text(), (tmp_path / "hsts.conf").read_text()
    assert "Strict-Transport-Security" not in plain_text
    assert hsts_text.count('add_header Strict-Transport-Security "max-age=31536000" always;') == \
        hsts_text.count("add_header Content-Security-Policy") >= 3  # every location that sends headers
    assert hsts_text.count("Permissions-Policy") == hsts_text.count("Content-Security-Policy")


def test_unknown_hosts_and_paths_get_the_editions_own_404_page_never_nginxs(hosted: dict[str, Served]) -> None:
    origin = {name: edition.url.split("/playbook/")[0].rstrip("/") + "/" for name, edition in hosted.items()}
    cases = [("internal", origin["internal"] + "no/such/page/", "unknown.example"),  # another host name
             ("internal", origin["internal"] + "playbook/", "unknown.example"),
             ("internal", origin["internal"], None),  # outside the edition's path: not nginx's start page
             ("internal", origin["internal"] + "index.html", None),
             ("internal", hosted["internal"].url + "assets/", None),  # a folder without a page: not 403
             ("public", hosted["public"].url, "unknown.example"),
             ("public", hosted["public"].url + "assets/javascripts/", "127.0.0.1"),
             ("public", hosted["public"].url + "search/", "unknown.example:8080")]
    for name, url, host in cases:
        status, headers, body = fetch(url, host)
        page = gzip.decompress(body) if headers.get("content-encoding") == "gzip" else body
        assert status == 404, (url, host, status)
        assert b"md-content" in page and b"404 - Not found" in page and b"nginx" not in page, (url, host, page[:200])
        assert "content-security-policy" in headers, (url, host)
        expected = (hosted[name].root / "404.html").read_bytes()
        assert page == expected, f"{url} (Host: {host}) is not the {name} edition's 404 page"
    # Behind the sign-in, an unknown host name needs a session too (the 404 page lists internal pages).
    for url, host in ((hosted["signed"].url, "unknown.example"), (hosted["signed"].url.replace("/playbook/", "/"), None)):
        status, _, body = fetch(url, host)
        assert status == 403 and body.startswith(b"SIGN-IN PAGE"), (url, host, status)


# -- In Chromium -------------------------------------------------------------------
REPORT = """document.addEventListener('securitypolicyviolation', e =>
  window.__pbViolation([e.violatedDirective, e.blockedURI, e.sourceFile, e.lineNumber].join(' ')));"""


def watched(browser: Browser, tabs: int = 1, **options: object) -> list[Page]:
    """Pages in one new context, recording CSP violations, console errors and page errors in `page.problems`."""
    context = browser.new_context(**options)
    problems: list[str] = []
    context.expose_function("__pbViolation", lambda text: problems.append("CSP: " + text))
    context.add_init_script(REPORT)
    pages = []
    for _ in range(tabs):
        page = context.new_page()
        page.problems = problems  # type: ignore[attr-defined]
        page.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(f"error: {e}"))
        pages.append(page)
    return pages


@pytest.mark.browser
def test_no_csp_violation_on_any_page(browser: Browser, hosted: dict[str, Served]) -> None:
    """Every built page of both editions, a few tabs at a time."""
    for edition in (hosted["internal"], hosted["public"]):
        tabs = watched(browser, tabs=4)
        assert len(edition.pages) > 10
        for start in range(0, len(edition.pages), len(tabs)):
            batch = list(zip(tabs, edition.pages[start:start + len(tabs)]))
            statuses = [(tab, path, tab.goto(edition.url + path, wait_until="commit")) for tab, path in batch]
            for tab, path, response in statuses:
                tab.wait_for_load_state("load")
                tab.evaluate("new Promise(r => setTimeout(r, 0))")  # violation reports are queued as tasks
                assert response is not None and response.status in (200, 404), path
            assert tabs[0].problems == [], f"{edition.url}: {tabs[0].problems}"  # type: ignore[attr-defined]
        tabs[0].context.close()


@pytest.mark.browser
def test_search_and_instant_navigation_under_the_policy(browser: Browser, hosted: dict[str, Served]) -> None:
    internal = hosted["internal"]
    page, = watched(browser)
    hosts: set[str] = set()
    page.on("request", lambda r: hosts.add(r.url.split("/")[2]) if r.url.startswith("http") else None)
    page.goto(internal.url)
    page.evaluate("window.__pbMarker = 'same document'")
    page.locator(".md-tabs__link", has_text="Principles").click()
    page.wait_for_url("**/playbook/principles/")
    assert page.evaluate("window.__pbMarker") == "same document", "instant navigation did not run"
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("champion")
    # The search worker loaded, read the index and answered.
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"^\d+ matching documents?$"))
    assert page.locator(".md-search-result__item").count() > 0
    assert page.problems == [], page.problems  # type: ignore[attr-defined]
    assert hosts == {internal.url.split("/")[2]}, f"requests left the site: {hosts}"
    page.context.close()


@pytest.mark.browser
def test_answer_save_export_import_and_compare_under_the_policy(browser: Browser, hosted: dict[str, Served],
                                                                tmp_path: Path) -> None:
    url = hosted["internal"].url + CHECKLIST
    (us,), (them,) = watched(browser, accept_downloads=True), watched(browser, accept_downloads=True)
    for page in (us, them):
        page.goto(url)
        expect(page.locator(".pb-live__score")).to_be_visible()
    us.locator("input[name='champion'][value='3']").check()
    us.locator("input[name='champion-authority'][value='0']").check()
    expect(us.locator(".pb-live__score")).to_have_text("Overall score 67%: Promising")
    us.reload()  # saved in the browser
    expect(us.locator("input[name='champion'][value='3']")).to_be_checked()
    with us.expect_download() as info:
        choose(us, "Export", "Export JSON")
    ours = tmp_path / "ours.json"
    info.value.save_as(ours)
    assert json.loads(ours.read_text())["answers"] == {"champion": 3, "champion-authority": 0}
    them.set_input_files("#pb-import-partner-fit", str(ours))
    expect(them.locator(".pb-status")).to_contain_text("Imported 2 answers.")
    expect(them.locator("input[name='champion'][value='3']")).to_be_checked()
    them.locator("input[name='champion-authority'][value='3']").check()
    them.locator(".pb-compare > summary").click()  # its contents (compare.js) load under the policy when it opens
    them.set_input_files("#pb-other-partner-fit", str(ours))
    agenda = them.locator(".pb-agenda li")
    expect(agenda).to_have_count(1)
    expect(agenda.first).to_contain_text("Gap of 100 points")
    for page in (us, them):
        assert page.problems == [], page.problems  # type: ignore[attr-defined]
        page.context.close()


@pytest.mark.browser
def test_404_page_renders_with_its_styles(browser: Browser, hosted: dict[str, Served]) -> None:
    page, = watched(browser)
    response = page.goto(hosted["internal"].url + "no/such/page/")
    assert response is not None and response.status == 404
    expect(page.locator("h1")).to_have_text("404 - Not found")
    # The theme's stylesheet loaded from the sub-path: the header is laid out, not raw HTML.
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky"
    # Chromium logs the page's own 404 status; nothing else may go wrong.
    others = [p for p in page.problems if "status of 404" not in p]  # type: ignore[attr-defined]
    assert others == [] and len(page.problems) == 1, page.problems  # type: ignore[attr-defined]
    page.context.close()


@pytest.mark.browser
def test_csp_check_reports_an_inline_script_the_build_did_not_hash(browser: Browser,
                                                                    hosted: dict[str, Served]) -> None:
    """The check above can fail: a page with one unhashed inline script is blocked and reported."""
    internal = hosted["internal"]
    probe = internal.root / "pb-csp-probe" / "index.html"
    probe.parent.mkdir()
    html = (internal.root / "index.html").read_text(encoding="utf-8")
    probe.write_text(html.replace("</body>", "<script>window.__pbInjected = 1</script></body>"), encoding="utf-8")
    page, = watched(browser)
    try:
        page.goto(internal.url + "pb-csp-probe/")
        page.wait_for_function("() => document.readyState === 'complete'")
        page.evaluate("new Promise(r => setTimeout(r, 100))")
        assert page.evaluate("window.__pbInjected") is None, "the unhashed script ran"
        assert any(p.startswith("CSP: script-src") for p in page.problems), page.problems  # type: ignore[attr-defined]
    finally:
        page.context.close()
        shutil.rmtree(probe.parent)


def test_sign_in_snippet_guards_every_address(hosted: dict[str, Served]) -> None:
    """hosting/sign-in.conf: no page, asset or 404 without a session; everything as before with one."""
    signed = hosted["signed"]
    bundle = next(p for p in (signed.root / "assets" / "javascripts").glob("bundle.*.min.js"))
    addresses = ["", CHECKLIST, "search/search_index.json", "no/such/page/",
                 bundle.relative_to(signed.root).as_posix()]
    for address in addresses:
        status, _, body = fetch(signed.url + address)
        assert status == 403 and body.startswith(b"SIGN-IN PAGE, back to /playbook/" + address.encode()), address
        request = urllib.request.Request(signed.url + address, headers={"Cookie": "_oauth2_proxy=valid"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                status, headers = response.status, response.headers
        except urllib.error.HTTPError as error:
            status, headers = error.code, error.headers
        assert status == (404 if address.startswith("no/") else 200), address
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    # Only nginx may ask: from outside, the check is not found (and its 404 page needs a session too).
    assert fetch(signed.url.replace("/playbook/", "/oauth2/auth"))[0] in (401, 404)
