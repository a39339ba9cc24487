"""Reading a survey form's HTML generically and filling it as a pupil would.

Nothing here knows our templates: it finds the first POST form, then for each radio group picks
one of its values, fills number and text inputs, keeps hidden fields (CSRF token, response id).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
CSRF_FIELD = "csrf_token"


@dataclass
class Form:
    """The fields of one HTML form, grouped by how a pupil answers them."""

    action: str = ""
    hidden: list[tuple[str, str]] = field(default_factory=list)
    radios: dict[str, list[str]] = field(default_factory=dict)
    checkboxes: dict[str, list[str]] = field(default_factory=dict)
    numbers: dict[str, tuple[int, int]] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)
    selects: dict[str, list[str]] = field(default_factory=dict)
    submit: tuple[str, str] | None = None

    @property
    def response_id(self) -> str | None:
        """The client-made response id: a hidden field holding a UUID (not the CSRF token)."""
        for name, value in self.hidden:
            if name != CSRF_FIELD and UUID.match(value):
                return value
        return None


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.form: Form | None = None
        self.done = False
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if self.done:
            return
        if tag == "form" and self.form is None and a.get("method", "get").lower() == "post":
            self.form = Form(action=a.get("action", ""))
        elif self.form is not None:
            self._field(tag, a)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self.form is not None:
            self.done = True
        elif tag == "select":
            self._select = None

    def _field(self, tag: str, a: dict[str, str]) -> None:
        form, name = self.form, a.get("name", "")
        assert form is not None
        kind = a.get("type", "text").lower()
        if tag == "textarea" and name:
            form.texts.append(name)
        elif tag == "select" and name:
            self._select = name
            form.selects[name] = []
        elif tag == "option" and self._select and a.get("value"):
            form.selects[self._select].append(a["value"])
        elif tag == "button" and name and form.submit is None:
            form.submit = (name, a.get("value", ""))
        elif tag != "input" or not name:
            return
        elif kind == "hidden":
            form.hidden.append((name, a.get("value", "")))
        elif kind == "radio":
            form.radios.setdefault(name, []).append(a.get("value", ""))
        elif kind == "checkbox":
            form.checkboxes.setdefault(name, []).append(a.get("value", ""))
        elif kind == "number":
            form.numbers[name] = (int(a.get("min") or 0), int(a.get("max") or 10))
        elif kind in ("text", "search", ""):
            form.texts.append(name)
        elif kind == "submit" and form.submit is None:
            form.submit = (name, a.get("value", ""))


def parse_form(html: str) -> Form:
    """The first POST form on the page; ValueError if there is none."""
    parser = _FormParser()
    parser.feed(html)
    if parser.form is None:
        raise ValueError("the page has no POST form")
    return parser.form


def fill(form: Form, marker: str, rng: random.Random) -> list[tuple[str, str]]:
    """Answers for every question; `marker` goes into the first free-text field, if any."""
    data = list(form.hidden)
    data += [(name, rng.choice(values)) for name, values in form.radios.items()]
    data += [(name, rng.choice(values)) for name, values in form.checkboxes.items()]
    for name, (low, high) in form.numbers.items():
        data.append((name, str(rng.randint(low, min(high, low + 20)))))
    data += [(name, rng.choice(values)) for name, values in form.selects.items() if values]
    data += [(name, marker if i == 0 else "") for i, name in enumerate(form.texts)]
    if form.submit:
        data.append(form.submit)
    return data
