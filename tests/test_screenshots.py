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


def size_of(path: Path) -> tuple[int, int]:
    """The size `make screenshots` gives a picture: a sheet of A4 for the printed checklist, else its device's."""
    return screenshots.SHEET if path.name == screenshots.PRINTED else screenshots.SIZES[path.name.split("-")[1]]


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", head[16:24])


def test_screenshots_are_taken_from_the_built_site(browser, public_site, tmp_path: Path) -> None:
    files = screenshots.capture(browser, public_site.url, tmp_path)
    assert sorted(p.name for p in files) == sorted(
        [f"assessment-{d}-{s}.png" for d in screenshots.SIZES for s in ("light", "dark")] + [screenshots.PRINTED])
    for path in files:
        assert png_size(path) == size_of(path)
        assert 10_000 < path.stat().st_size < 400_000
    light, dark = (tmp_path / "assessment-phone-light.png").read_bytes(), (tmp_path / "assessment-phone-dark.png").read_bytes()
    assert light != dark


def test_the_docs_show_the_committed_screenshots() -> None:
    committed = sorted(p for p in (ROOT / "docs" / "assets" / "screenshots").glob("*.png")
                       if not p.name.startswith("step-"))  # the step bar's pictures: test below
    assert len(committed) == 5
    total = 0
    for path in committed:
        assert png_size(path) == size_of(path)
        total += path.stat().st_size
    assert total < 750_000, "keep the pictures small"
    assessment = {p.name for p in committed} - {screenshots.PRINTED}
    for page in PAGES:
        shown = set(re.findall(r"assets/screenshots/([\w-]+\.png)#only-(?:light|dark)", (ROOT / page).read_text()))
        assert shown == assessment, page
    paper = (ROOT / "docs" / "how-to" / "publish-partner-edition.md").read_text()
    assert f"assets/screenshots/{screenshots.PRINTED}" in paper  # the how-to that explains the PDFs


def test_a_picture_is_never_taken_of_the_internal_edition(browser, site, tmp_path: Path) -> None:
    """The docs' pictures show the partner edition only: capture stops at the internal one and writes nothing."""
    with pytest.raises(screenshots.WrongEdition, match="not the partner edition"):
        screenshots.capture(browser, site.url, tmp_path)
    assert not list(tmp_path.glob("*.png"))


def test_printed_checklist_is_taken_from_the_print_page_of_the_partner_edition(browser, site, tmp_path: Path) -> None:
    with pytest.raises(screenshots.WrongEdition):
        screenshots.capture_printed(browser, site.url, tmp_path)
    assert not list(tmp_path.glob("*.png"))


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
