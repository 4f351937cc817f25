"""The scoring rule. overrides/assets/javascripts/kit/scoring.js implements the same rule; a browser test compares them.

An item's value is its answer divided by the largest answer value (yes = 1,
no = 0). "Not applicable" and unanswered items are left out. A score is
sum(weight * value) / sum(weight) as a whole percentage rounded half up,
or None when nothing counts.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from macros.content.model import Band, Checklist

Answer = int | str | None  # a scale value, "na", or None for unanswered


@dataclass(frozen=True)
class Result:
    overall: int | None
    sections: dict[str, int | None]
    band: Band | None


def percent(numerator: float, denominator: float) -> int | None:
    if denominator <= 0:
        return None
    return math.floor(numerator / denominator * 100 + 0.5)


def band_for(checklist: Checklist, score: int | None) -> Band | None:
    if score is None:
        return None
    return next((b for b in checklist.bands if b.min <= score <= b.max), None)


def score(checklist: Checklist, answers: Mapping[str, Answer]) -> Result:
    top = checklist.max_value
    total_num = total_den = 0.0
    sections: dict[str, int | None] = {}
    for section in checklist.sections:
        num = den = 0.0
        for item in section.items:
            answer = answers.get(item.id)
            if isinstance(answer, bool) or not isinstance(answer, int):
                continue
            num += item.weight * (answer / top)
            den += item.weight
        sections[section.id] = percent(num, den)
        total_num += num
        total_den += den
    overall = percent(total_num, total_den)
    return Result(overall, sections, band_for(checklist, overall))
