"""Pages read the way a browser reads them: parsed HTML, not substrings of the source.

A substring test passes on text inside a comment, an attribute or a script, and fails on a
harmless change of quotes or whitespace; these helpers look at elements and their visible text.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag


def parse(page: object) -> Tag:
    """A parsed page, from a test client's response or from HTML text."""
    if isinstance(page, Tag):
        return page
    html = page if isinstance(page, str) else page.get_data(as_text=True)  # type: ignore[attr-defined]
    return BeautifulSoup(html, "html.parser")


def one(page: object, selector: str) -> Tag:
    """The single element the CSS selector finds; fails the test when there are none or many."""
    found = parse(page).select(selector)
    assert len(found) == 1, f"{selector!r} matched {len(found)} elements"
    return found[0]


def text(page: object, selector: str = "body") -> str:
    """The visible words inside the elements the selector finds, whitespace folded."""
    soup = parse(page)
    for hidden in soup.select("script, style, template"):
        hidden.decompose()
    return " ".join(" ".join(el.get_text(" ").split()) for el in soup.select(selector))


def input_value(page: object, name: str) -> str:
    """The value of the one form input with this name."""
    value = one(page, f'input[name="{name}"]').get("value")
    assert isinstance(value, str), f"input {name!r} has no value"
    return value


def links(page: object, selector: str = "a") -> list[tuple[str, str]]:
    """(href, visible text) of each link the selector finds."""
    return [
        (str(a.get("href", "")), " ".join(a.get_text(" ").split()))
        for a in parse(page).select(selector)
    ]


def text_of(page: object, selector: str) -> list[str]:
    """The visible words of each element the selector finds, one string per element."""
    return [" ".join(el.get_text(" ").split()) for el in parse(page).select(selector)]
