"""The Content-Security-Policy a build writes (macros/build/csp.py) and the nginx block made from it (hosting/)."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, mkdocs_build
from macros.build.csp import HEADERS_FILE, Scan, policy, runs, security_headers, sha256

spec = importlib.util.spec_from_file_location("render_nginx", ROOT / "hosting" / "render_nginx.py")
assert spec is not None and spec.loader is not None
render_nginx = importlib.util.module_from_spec(spec)
spec.loader.exec_module(render_nginx)


def test_hash_is_the_one_browsers_compute() -> None:
    # The example of the CSP Level 3 specification.
    assert sha256("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    assert sha256("a\r\nb") == sha256("a\nb")  # HTML parsing turns CRLF into LF before hashing


@pytest.mark.parametrize(("attrs", "executed"), [
    ("", True), (' type="text/javascript"', True), (" type=module", True), (" TYPE='Text/JavaScript'", True),
    (' id="__config" type="application/json"', False), (' type="application/ld+json"', False),
    (' src="x.js"', False), (' data-type="x"', True), (' type=""', True), (' type="importmap"', True),
])
def test_which_scripts_run(attrs: str, executed: bool) -> None:
    assert runs(attrs) is executed


def test_scan_hashes_running_scripts_and_styles_only() -> None:
    scan = Scan()
    scan.add("a.html", b'<script>one()</script><script type="application/json">{"a": 1}</script>'
                       b'<script src="x.js"></script><STYLE>p{color:red}</STYLE><p>Caf\xc3\xa9</p>'
                       b"<!-- <a onclick=x()> --><pre>&lt;a onclick=x()&gt;</pre><SCRIPT>Two()\r\n</SCRIPT>")
    assert scan.scripts == {sha256("one()"), sha256("Two()\n")} and scan.styles == {sha256("p{color:red}")}
    assert scan.problems == [] and scan.style_attributes == []
    csp = policy(scan)
    assert f"script-src 'self' {' '.join(sorted(scan.scripts))};" in csp
    assert "unsafe" not in csp and "default-src 'self'" in csp and "frame-ancestors 'none'" in csp


def test_script_in_attributes_is_a_problem_named_by_file() -> None:
    scan = Scan()
    scan.add("how-to/x/index.html", b'<button onclick="go()">Go</button><a href="javascript:go()">x</a>'
                                    b"<script>var s = '<b onclick=1>'</script><svg/OnLoad=go()></svg>")
    assert len(scan.problems) == 3 and "OnLoad=" in scan.problems[2]
    assert scan.problems[0].startswith("how-to/x/index.html: the attribute onclick=")
    assert "javascript: URL" in scan.problems[1]


def test_the_word_javascript_in_text_is_not_a_problem() -> None:
    scan = Scan()
    scan.add("a.html", b"<p>Never write a <code>javascript:</code> link.</p><a href = ' JavaScript:go()'>x</a>")
    assert len(scan.problems) == 1 and "javascript: URL" in scan.problems[0]


def test_style_attribute_relaxes_only_style_attributes() -> None:
    scan = Scan()
    scan.add("p.html", b'<span style="color: red">x</span>')
    csp = policy(scan)
    assert "style-src-attr 'unsafe-inline'" in csp and "script-src 'self';" in csp
    assert scan.style_attributes == ["p.html"]


def test_the_scan_notes_each_page_holding_a_comment_and_the_build_refuses_the_first() -> None:
    """The built pages are read once, by this scan; the last step of the build refuses a comment it noted."""
    from mkdocs.exceptions import PluginError
    from macros.build import hooks
    scan = Scan()
    for name in ("a-b/index.html", "a/b/index.html", "c.html"):
        scan.add(name, b"<p>x</p>" + (b"<!-- a note -->" if name != "c.html" else b""))
    assert scan.comments == ["a-b/index.html", "a/b/index.html"]
    hooks._commented[:] = [scan.comments]
    with pytest.raises(PluginError, match=r"^a/b/index.html: expected no HTML comment"):  # sorted folder by folder
        hooks._never_publish({"site_dir": "site"})


SKIPPED = ("build again; if this message comes back, check that mkdocs.yml lists macros/build/hooks.py under "
           "'hooks:' as the project's copy does, or ask whoever looks after the playbook's build")


def test_the_comment_check_refuses_a_build_whose_pages_were_not_scanned() -> None:
    """Said in an author's words: what happened, that nothing was published, and what to do."""
    from mkdocs.exceptions import PluginError
    from macros.build import hooks
    hooks._commented.clear()
    with pytest.raises(PluginError) as caught:
        hooks._never_publish({"site_dir": "site"})
    assert str(caught.value) == (
        "mkdocs.yml: expected every built page to be checked for HTML comments (notes for authors) before anything is "
        "published, found that this build skipped that check, so nothing was published: " + SKIPPED)


def test_the_file_check_refuses_a_partner_build_without_its_list_of_files(monkeypatch: pytest.MonkeyPatch,
                                                                          tmp_path: Path) -> None:
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError
    from macros.build import hooks
    monkeypatch.setattr(hooks.site, "current", SimpleNamespace(edition="public", manifest=None))
    monkeypatch.setattr(hooks, "_files", [])
    with pytest.raises(PluginError) as caught:
        hooks._check_manifest({"site_dir": str(tmp_path)})
    assert str(caught.value) == (
        "mkdocs.yml: expected the partner edition's list of the files it may hold to be made before any file is "
        "copied, found that this build skipped that step, so nothing was published: " + SKIPPED)


def test_robots_header_for_the_internal_edition_only() -> None:
    assert ("X-Robots-Tag", "noindex, nofollow") in security_headers("x", "internal")
    assert all(name != "X-Robots-Tag" for name, _ in security_headers("x", "public"))


def test_build_with_an_inline_handler_fails_naming_the_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "principles" / "trust.md"
    page.write_text(page.read_text() + '\n<button onclick="alert(1)">Hello</button>\n')
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "site", cwd=project)
    assert result.returncode != 0
    assert "principles/trust/index.html: the attribute onclick=" in result.stderr
    assert "Traceback" not in result.stderr


def test_every_build_writes_headers_for_its_edition(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "principles" / "trust.md"
    page.write_text(page.read_text() + "\n<script>window.pbAuthorScript = 1</script>\n")
    result = mkdocs_build(project / "mkdocs-public.yml", tmp_path / "site", cwd=project)
    assert result.returncode == 0, result.stderr
    headers = dict(render_nginx.read_headers((tmp_path / "site" / HEADERS_FILE).read_text()))
    assert sha256("window.pbAuthorScript = 1") in headers["Content-Security-Policy"]
    assert "X-Robots-Tag" not in headers and headers["X-Content-Type-Options"] == "nosniff"
    text = (tmp_path / "site" / HEADERS_FILE).read_text()
    assert "/assets/javascripts/bundle." in text and "immutable" in text


# -- hosting/render_nginx.py ---------------------------------------------------------
HEADERS = [("Content-Security-Policy", "default-src 'self'"), ("X-Content-Type-Options", "nosniff")]


def test_render_fills_in_path_root_and_headers() -> None:
    text = render_nginx.render(HEADERS, path="/playbook/", root="/srv/playbook/site/")
    assert "location /playbook/ {" in text and "alias /srv/playbook/site/;" in text
    assert "location = /playbook { return 301 /playbook/; }" in text
    assert text.count('add_header Content-Security-Policy "default-src \'self\'" always;') == 2
    assert "@" not in text.replace("@SITE", "")  # no placeholder left
    top = render_nginx.render(HEADERS, path="/", root="/srv/site")
    assert "location / {" in top and "return 301" not in top and "include" not in top
    signed = render_nginx.render(HEADERS, path="/", root="/srv/site", includes=("/etc/nginx/snippets/a.conf",))
    assert "    server_name _;\n    include /etc/nginx/snippets/a.conf;\n" in signed


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"path": "playbook/"}, "--path: expected a URL path"),
    ({"path": "/a b/"}, "--path: expected a URL path"),
    ({"root": "srv/site"}, "--root: expected an absolute folder"),
    ({"root": "/srv/site;evil"}, "--root: expected an absolute folder"),
    ({"server_name": "a;b"}, "--server-name"),
    ({"includes": ("x.conf",)}, "--include: expected an absolute file path"),
    ({"headers": [*HEADERS, ("X", 'a"b')]}, "nginx cannot carry"),
    ({"headers": [*HEADERS, ("X", 'a$host')]}, "nginx cannot carry"),
    ({"headers": [("X-Content-Type-Options", "nosniff")]}, "no Content-Security-Policy"),
])
def test_render_refuses_bad_input_with_a_reason(kwargs: dict, message: str) -> None:
    arguments = {"path": "/", "root": "/srv/site", **kwargs}
    headers = arguments.pop("headers", HEADERS)
    with pytest.raises(render_nginx.RenderError, match=message):
        render_nginx.render(headers, **arguments)


def test_render_command_checks_the_built_path(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    command = [sys.executable, str(ROOT / "hosting" / "render_nginx.py"), str(site)]
    missing = subprocess.run(command, capture_output=True, text=True)
    assert missing.returncode == 2 and "_headers: not found; build the edition first" in missing.stderr
    (site / "_headers").write_text("/*\n  Content-Security-Policy: default-src 'self'\n")
    (site / "sitemap.xml").write_text("<urlset><url><loc>https://example.com/playbook/</loc></url></urlset>")
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0 and "location /playbook/ {" in done.stdout
    wrong = subprocess.run([*command, "--path", "/other/"], capture_output=True, text=True)
    assert wrong.returncode == 2 and "differs from the path the edition was built for (/playbook/)" in wrong.stderr
