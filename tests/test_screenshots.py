"""`make screenshots`: real pictures of an assessment, used by the tutorial and the how-to (issue 10, item 8)."""
from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest

from macros.publish import screenshots

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
PAGES = ["docs/tutorial/first-assessment.md", "docs/how-to/assess-a-partner.md"]


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", head[16:24])


def test_screenshots_are_taken_from_the_built_site(browser, public_site, tmp_path: Path) -> None:
    files = screenshots.capture(browser, public_site.url, tmp_path)
    assert sorted(p.name for p in files) == sorted(
        f"assessment-{d}-{s}.png" for d in screenshots.SIZES for s in ("light", "dark"))
    for path in files:
        device = path.name.split("-")[1]
        assert png_size(path) == screenshots.SIZES[device]
        assert 10_000 < path.stat().st_size < 400_000
    light, dark = (tmp_path / "assessment-phone-light.png").read_bytes(), (tmp_path / "assessment-phone-dark.png").read_bytes()
    assert light != dark


def test_the_docs_show_the_committed_screenshots() -> None:
    committed = sorted((ROOT / "docs" / "assets" / "screenshots").glob("assessment-*.png"))
    assert len(committed) == 4
    total = 0
    for path in committed:
        assert png_size(path) == screenshots.SIZES[path.name.split("-")[1]]
        total += path.stat().st_size
    assert total < 600_000, "keep the pictures small"
    for page in PAGES:
        shown = set(re.findall(r"assets/screenshots/([\w-]+\.png)#only-(?:light|dark)", (ROOT / page).read_text()))
        assert shown == {p.name for p in committed}, page


def test_a_step_page_is_pictured_from_the_partner_edition(browser, public_site, tmp_path: Path) -> None:
    """The step bar's pictures (issue 23): made by `make screenshots`, committed, shown where programmes are explained."""
    files = screenshots.capture_step(browser, public_site.url, tmp_path)
    assert sorted(p.name for p in files) == ["step-desktop-dark.png", "step-desktop-light.png"]
    for path in files:
        assert png_size(path) == (1280, 640) and 10_000 < path.stat().st_size < 300_000
        committed = ROOT / "docs" / "assets" / "screenshots" / path.name
        assert png_size(committed) == (1280, 640)
    shown = set(re.findall(r"assets/screenshots/(step-[\w-]+\.png)#only-(?:light|dark)",
                           (ROOT / "docs" / "onboarding" / "index.md").read_text()))
    assert shown == {p.name for p in files}
