"""A step page's programmes: the data a step's page carries so its bar can say "Step n of N" without fetching.

The build adds `programmes_here(...)`'s element to each page that is a step of a programme of the edition
being built (macros/build/hooks.py), with a loader (steps.js) that brings in the component drawing the bar
(onboarding.js, the same component as the programme page's) when the reader follows one of them. Only the edition's own programmes are passed in, so a page never
names a programme its edition leaves out.
"""
from __future__ import annotations

import html
import json
from collections.abc import Callable, Mapping
from typing import Any

from macros.content.onboarding import Path_
from macros.render.onboarding import SCRIPTS as PATH_SCRIPTS, in_programme

# Loaded by step pages only: a tiny loader that brings in onboarding.js for a reader following the programme.
SCRIPTS = ("assets/javascripts/steps.js",)


def step_data(paths: Mapping[str, Path_], shown: Mapping[str, str], page: str,
              link: Callable[[str], str]) -> list[dict[str, Any]]:
    """Each programme in `paths` with a step on docs page `page`, in the order of `paths`.

    `shown` maps a programme id to the page that shows it (a programme no page shows has no page to go
    back to, and is left out); `link` turns a docs path (`page.md#anchor`) into a link from `page`.
    `here` lists the positions of the steps on this page (one page may hold several steps).
    """
    found = []
    for path in paths.values():
        here = [n for n, step in enumerate(path.steps) if step.page.partition("#")[0] == page]
        if not here or path.id not in shown:
            continue
        found.append({"id": path.id, "title": path.title, "url": link(shown[path.id]),
                      "steps": [{"id": s.id, "title": s.title, "url": in_programme(link(s.page), path.id)}
                                for s in path.steps],
                      "here": here})
    return found


def programmes_here(programmes: list[dict[str, Any]], asset: Callable[[str], str]) -> str:
    """The hidden element onboarding.js reads (nothing when the page is no step), then the loader (steps.js).

    The element names onboarding.js (`data-pb-src`), which steps.js loads only for a reader who follows one of
    the page's programmes: a checklist that is a step stays within its JavaScript budget.
    """
    if not programmes:
        return ""
    data = html.escape(json.dumps({"programmes": programmes}, ensure_ascii=False, separators=(",", ":")))
    scripts = "".join(f'<script defer src="{html.escape(asset(script))}"></script>' for script in SCRIPTS)
    return (f'<div class="pb-steps" data-pb-steps data-pb-data="{data}" '
            f'data-pb-src="{html.escape(asset(PATH_SCRIPTS[0]))}" hidden></div>{scripts}')
