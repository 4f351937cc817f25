"""`make screenshots`: pictures of an assessment for the docs, taken from the built site.

Builds the partner edition (so a picture never shows anything internal, and the same files
suit both editions), serves it on 127.0.0.1, opens the partner fit checklist with the
tutorial's answers for Harbor Systems in Debian's Chromium, and saves four PNGs to
docs/assets/screenshots/: desktop (1280x900) and phone (390x844), light and dark; then a step
page of the partner programme with its bar (`capture_step`, desktop, light and dark). The docs
show the one matching the reader's colour scheme (Material's `#only-light` / `#only-dark`).
A fifth, `printed-checklist.png`, is the partner fit checklist as the PDF prints it: the
print page laid out for print at the width of an A4 sheet, one sheet high.

Every picture is checked to come from the partner edition (its banner) before it is saved.
"""
from __future__ import annotations

import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "assets" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}
# A4 at 96 pixels per inch (210 x 297 mm), the print page's margins included.
SHEET = (794, 1123)
PRINTED = "printed-checklist.png"
PARTNER_BANNER = ".pb-edition--public"


class WrongEdition(RuntimeError):
    """A picture was about to be taken of a page that is not the partner edition."""


def check_edition(page) -> None:  # type: ignore[no-untyped-def]
    """Pictures in the docs show the partner edition only: a partner never sees an internal page or menu."""
    if page.locator(PARTNER_BANNER).count() == 0:
        raise WrongEdition(f"{page.url}: not the partner edition (no {PARTNER_BANNER} banner): "
                           "screenshots are taken of the partner edition only")
# The tutorial's example: Harbor Systems, part way through the partner fit checklist.
ANSWERS = {"version": 1, "answers": {"champion": 3, "our-champion": 2, "champion-authority": 1, "written-criteria": 2,
                                      "complementary": 3, "not-the-big-name": 2, "their-reason": 1},
           "notes": {"champion-authority": "Confirm budget authority with her manager"}}


def capture(browser, base_url: str, out: Path) -> list[Path]:
    """Four screenshots of the partner fit checklist served at `base_url`; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    seed = f"localStorage.setItem('pb:checklist:partner-fit', {json.dumps(json.dumps(ANSWERS))})"
    written = []
    for device, (width, height) in SIZES.items():
        for scheme in ("light", "dark"):
            context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme,
                                          device_scale_factor=1, reduced_motion="reduce")
            page = context.new_page()
            page.add_init_script(seed)
            page.goto(base_url + "reference/checklists/partner-fit/")
            page.locator(".pb-bar").wait_for()
            check_edition(page)
            # The item with a note at the top of the window: answers, a note, the summary bar below.
            page.locator(".pb-item[data-pb-item='champion-authority']").evaluate(
                "item => window.scrollTo(0, item.getBoundingClientRect().top + scrollY - 80)")
            page.wait_for_timeout(300)  # the header settles after the scroll
            path = out / f"assessment-{device}-{scheme}.png"
            page.screenshot(path=str(path))
            written.append(path)
            context.close()
    written.append(capture_printed(browser, base_url, out))
    return written


# A step page followed from the partner programme (issue 23): its bar, with the step before it done. The partner
# edition's programme, so the picture shows nothing internal in either edition's onboarding page.
STEP_PAGE = "principles/win-win/?programme=partner"
STEP_TICKS = {"done": ["trust"], "at": {"trust": "2026-12-01T09:00:00Z"}}


def capture_step(browser, base_url: str, out: Path) -> list[Path]:
    """A step page with its programme bar, desktop, light and dark; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    seed = f"localStorage.setItem('pb:path:partner', {json.dumps(json.dumps(STEP_TICKS))})"
    written = []
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 1280, "height": 640}, color_scheme=scheme,
                                      device_scale_factor=1, reduced_motion="reduce")
        page = context.new_page()
        page.add_init_script(seed)
        page.goto(base_url + STEP_PAGE)
        check_edition(page)
        page.locator(".pb-steps__bar").wait_for()
        page.wait_for_timeout(300)
        path = out / f"step-desktop-{scheme}.png"
        page.screenshot(path=str(path))
        written.append(path)
        context.close()
    return written


def capture_printed(browser, base_url: str, out: Path) -> Path:  # type: ignore[no-untyped-def]
    """The partner fit checklist as printed: the print page with print styles at A4 width, from the checklist's title."""
    width, height = SHEET
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1,
                                  reduced_motion="reduce")
    try:
        page = context.new_page()
        page.emulate_media(media="print", color_scheme="light")
        page.goto(base_url + "print_page/")
        check_edition(page)
        title = page.locator("#reference-checklists-partner-fit h1").first
        title.wait_for()
        # The boxes start a little way down the checklist: show its title, summary and first section.
        top = title.evaluate("h => h.getBoundingClientRect().top + scrollY") - 40
        path = out / PRINTED
        page.screenshot(path=str(path), clip={"x": 0, "y": top, "width": width, "height": height}, full_page=True)
        return path
    finally:
        context.close()


def main() -> int:
    from playwright.sync_api import sync_playwright

    # Bound first, so the site can be built for the address it is served at; quiet about each request.
    quiet = type("Quiet", (http.server.SimpleHTTPRequestHandler,), {"log_message": lambda self, *args: None})
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(quiet, directory=str(site)))
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        wrapper = ROOT / f".screenshots-{os.getpid()}.yml"
        wrapper.write_text(f"INHERIT: mkdocs-public.yml\nsite_dir: {site}\nsite_url: {url}\n", encoding="utf-8")
        try:
            build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(wrapper)],
                                   cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "true"})
        finally:
            wrapper.unlink(missing_ok=True)
        if build.returncode:
            server.server_close()
            print("screenshots: the partner edition did not build; nothing was changed.", file=sys.stderr)
            return build.returncode
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for path in capture(browser, url, OUT) + capture_step(browser, url, OUT):
                    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KB)")
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
