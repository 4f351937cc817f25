"""Macro calls in pages: found, and checked before any page renders.

A `{{ checklist("id") }}` on a page without `render_macros: true` would show
as raw text; one with curly quotes would stop Jinja with a message about the
wrong line. Both are reported here in an author's words, with the real line
of the Markdown file. Code (fenced blocks and `inline code`) is left alone:
an example of a call is not a call.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

import jinja2
from jinja2 import nodes

from macros.content.anchors import DocsIndex
from macros.content.errors import ChecklistError

MACRO_CALL = re.compile(r"""\{\{-?\s*checklist\(\s*(["'])(?P<id>[^"']*)\1\s*\)\s*-?\}\}""")
PATH_CALL = re.compile(r"""\{\{-?\s*onboarding\(\s*(["'])(?P<id>[^"']*)\1\s*\)\s*-?\}\}""")
NO_ARGUMENT_CALLS = ("checklist_index", "guidance_index", "portfolio")
ANY_CALL = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
NAMED = re.compile(r"\b(checklist|onboarding|checklist_index|guidance_index|portfolio)\s*\(")
CURLY = "\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb"
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)  # not shown to readers
_INLINE_CODE = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.DOTALL)


def prose(markdown: str) -> str:
    """The Markdown with code and HTML comments blanked out, line numbers kept."""
    out, fence = [], None
    for line in markdown.split("\n"):
        opener = _FENCE.match(line)
        if fence is None and opener:
            fence = opener.group(1)
            out.append("")
        elif fence is not None:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
            out.append("")
        else:
            out.append(line)
    text = "\n".join(out)
    blank = lambda m: re.sub(r"[^\n]", " ", m.group(0))  # noqa: E731
    return _COMMENT.sub(blank, _INLINE_CODE.sub(blank, text))


def calls(markdown: str, *, in_code: bool = False) -> Iterator[tuple[int, str]]:
    """(line within `markdown`, text) of every `{{ ... }}` or `{% ... %}`; outside code unless `in_code`.

    On a page that renders macros, Jinja runs calls inside code blocks too, so they count there.
    """
    text = markdown if in_code else prose(markdown)
    for match in ANY_CALL.finditer(text):
        yield text.count("\n", 0, match.start()) + 1, match.group(0)


def _shape(call: str) -> str | None:
    """What is wrong with a call to one of our macros, or None when it is well formed."""
    name = NAMED.search(call)
    if name is None:
        return None
    if any(c in call for c in CURLY):
        return "straight quotes (\") around the id: curly quotes, as word processors type them, do not work"
    if name.group(1) in NO_ARGUMENT_CALLS:
        return None if re.fullmatch(rf"\{{\{{-?\s*{name.group(1)}\(\s*\)\s*-?\}}\}}", call) else \
            f"a call written exactly {{{{ {name.group(1)}() }}}}"
    pattern = MACRO_CALL if name.group(1) == "checklist" else PATH_CALL
    if pattern.fullmatch(call):
        return None
    return f"a call written exactly like {{{{ {name.group(1)}(\"the-id\") }}}}, with the id in quotes"


def check_pages(docs: DocsIndex, jinja: jinja2.Environment) -> list[ChecklistError]:
    """Every macro call that would be shown raw, or that Jinja cannot read, with its file line."""
    problems: list[ChecklistError] = []
    for page, body in sorted(docs.stray_calls.items()):
        for line, call in calls(body):
            if NAMED.search(call):
                problems.append(ChecklistError(
                    f"docs/{page}", "'render_macros: true' in the front matter of a page that calls a macro",
                    f"{call.strip()} on a page without it, which would show the call as text (add "
                    "'render_macros: true' between the --- lines at the top of the page)",
                    line=docs.body_lines.get(page, 1) + line - 1))
    for page, body in sorted(docs.macro_bodies.items()):
        first = docs.body_lines.get(page, 1)
        shaped, found = False, []
        for line, call in calls(body, in_code=True):
            found.append(call)
            wrong = _shape(call)
            if wrong:
                shaped = True
                problems.append(ChecklistError(f"docs/{page}", wrong, call.strip(), line=first + line - 1))
        if shaped:
            continue  # Jinja would only repeat the same mistake in its own words
        if _only_plain_calls(body, found, jinja):
            continue  # nothing but well-formed calls to our macros: Jinja can read it (most pages)
        try:
            jinja.parse(body)
        except jinja2.TemplateSyntaxError as error:
            problems.append(ChecklistError(
                f"docs/{page}", "a macro call or Jinja expression that can be read",
                f"{error.message} (wrap text that contains {{{{ or {{% in {{% raw %}} ... {{% endraw %}})",
                line=first + (error.lineno or 1) - 1))
    return problems


# Jinja statements that bring in the text of another file (mkdocs-macros reads them from docs/).
PULLS_IN = {nodes.Include: "include", nodes.Import: "import", nodes.FromImport: "from", nodes.Extends: "extends"}


def pulled_in(docs: DocsIndex, jinja: jinja2.Environment, pages: set[str]) -> list[ChecklistError]:
    """Every `{% include %}`, `{% import %}`, `{% from %}` or `{% extends %}` on the pages in `pages`.

    For the partner edition's pages: such a statement pulls another file of docs/ into the page as it renders,
    and that file was never chosen for partners (an internal page, a draft, a snippet: none can say
    `audience: public` for text placed inside another page), so it stops the partner build wherever it stands,
    `{% if %}` blocks included. A page Jinja cannot read is reported by `check_pages`.
    """
    problems = []
    for page in sorted(pages & docs.macro_bodies.keys()):
        body = docs.macro_bodies[page]
        if not any(word in body for word in PULLS_IN.values()):
            continue  # most pages: nothing to parse
        try:
            tree = jinja.parse(body)
        except jinja2.TemplateSyntaxError:
            continue
        for node in tree.find_all(tuple(PULLS_IN)):
            name = node.template.value if isinstance(node.template, nodes.Const) else None
            written = f'{{% {PULLS_IN[type(node)]} "{name}" %}}' if isinstance(name, str) else \
                f"{{% {PULLS_IN[type(node)]} %}}"
            problems.append(ChecklistError(
                f"docs/{page}", "only the page's own text on a page partners get (a file that {% include %}, "
                "{% import %} or {% extends %} pulls in has no 'audience: public' of its own)",
                f"{written}: nothing was published (copy into this page the passage partners may read; one for "
                "colleagues goes in an '!!! internal' passage)",
                line=docs.body_lines.get(page, 1) + node.lineno - 1))
    return problems


def _only_plain_calls(body: str, found: list[str], jinja: jinja2.Environment) -> bool:
    """True when every Jinja delimiter in `body` belongs to one of `found`, each a call to one of our macros."""
    delimiters = (jinja.variable_start_string, jinja.block_start_string, jinja.comment_start_string,
                  jinja.variable_end_string, jinja.block_end_string, jinja.comment_end_string)
    counts = sum(body.count(d) for d in delimiters)
    return all(NAMED.search(call) and call.startswith("{{") for call in found) and counts == 2 * len(found)


def generated_pages(docs: DocsIndex) -> set[str]:
    """Pages that call checklist_index(), guidance_index() or portfolio(): any checklist or heading can change them."""
    return {page for page, body in docs.macro_bodies.items()
            if any(f"{name}(" in body for name in NO_ARGUMENT_CALLS)}


def ids_called(docs: DocsIndex, pattern: re.Pattern[str] = MACRO_CALL) -> dict[str, list[str]]:
    """{id: [pages calling the macro with it]} for pages that render macros."""
    found: dict[str, list[str]] = {}
    for page, body in docs.macro_bodies.items():
        for match in pattern.finditer(body):
            found.setdefault(match.group("id"), []).append(page)
    return found


_HTML_CODE = re.compile(r"<(pre|code)\b.*?</\1>", re.DOTALL | re.IGNORECASE)


def unrendered_call(html: str) -> str | None:
    """A `{{ ... }}` or `{% ... %}` left as text in rendered HTML, outside code; None when there is none."""
    match = ANY_CALL.search(_COMMENT.sub("", _HTML_CODE.sub("", html)))
    return None if match is None else match.group(0)
