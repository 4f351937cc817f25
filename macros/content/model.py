"""The checklist model: what the loader returns once a file is valid."""
from __future__ import annotations

from dataclasses import dataclass, field

AUDIENCES = ("internal", "public")
ANSWER_KINDS = ("yes-no", "scale")
ABOUT = ("partnership", "person")  # what a checklist assesses; the first is the default
# Whom an item is about, read from its reader's side: the partnership as a whole (the default), the reader's own
# company, or the other company. An item about one side names its mirror, the item asking the same about the other.
SIDES = ("both", "ours", "theirs")


@dataclass(frozen=True)
class TextLink:
    """A link in an author's text that is not another site's address (`[label](principles/trust.md#fair-price)`):
    where it is written, for checks against docs/ and the partner edition (macros/content/text_links.py)."""

    target: str
    field: str  # the text's field: summary, intro, text, advice (a programme's summary, a step's outcome)
    line: int | None
    part: str  # what the text belongs to: checklist, section, item, band (programme, step)
    part_id: str | None = None  # that section's, item's or step's id, or the band's label


@dataclass(frozen=True)
class ScalePoint:
    value: int
    label: str


@dataclass(frozen=True)
class Band:
    min: int
    max: int
    label: str
    advice: str


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    guidance: str
    weight: float = 1
    audience: str | None = None
    line: int | None = None  # the item's first line in its file
    guidance_line: int | None = None  # the line of its `guidance:` field
    side: str = "both"  # one of SIDES
    mirror: str | None = None  # for `ours`/`theirs`: the id of the item asking the same about the other side
    replaces: tuple[str, ...] = ()  # ids this item had in earlier versions: their answers move to it
    replaces_line: int | None = None  # the line of its `replaces:` field

    @property
    def guidance_page(self) -> str:
        return self.guidance.partition("#")[0]

    @property
    def guidance_anchor(self) -> str:
        return self.guidance.partition("#")[2]


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    items: tuple[Item, ...]
    intro: str = ""
    audience: str | None = None


@dataclass(frozen=True)
class Checklist:
    id: str
    title: str
    version: int
    summary: str
    sections: tuple[Section, ...]
    bands: tuple[Band, ...]
    answers: str = "yes-no"
    scale: tuple[ScalePoint, ...] = ()
    audience: str | None = None
    source: str = ""
    review_every: int | None = None  # days between reviews (the portfolio marks due and overdue)
    about: str = "partnership"  # "person": answers are the reader's own, never a partnership's
    links: tuple[TextLink, ...] = ()  # links to pages of docs/ in its texts (only the edition's parts, once filtered)

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for section in self.sections for item in section.items)

    @property
    def points(self) -> tuple[ScalePoint, ...]:
        """The answer choices, Not applicable aside."""
        if self.answers == "scale":
            return self.scale
        return (ScalePoint(1, "Yes"), ScalePoint(0, "No"))

    @property
    def max_value(self) -> int:
        return max(point.value for point in self.points)


@dataclass(frozen=True)
class Catalog:
    """Every valid checklist of a build, by id."""

    checklists: dict[str, Checklist] = field(default_factory=dict)

    def __getitem__(self, checklist_id: str) -> Checklist:
        return self.checklists[checklist_id]

    def __contains__(self, checklist_id: object) -> bool:
        return checklist_id in self.checklists

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.checklists.values())

    def __len__(self) -> int:
        return len(self.checklists)
