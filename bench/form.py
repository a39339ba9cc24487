"""Reading a survey form's HTML generically and filling it as a pupil would.

Nothing here knows our templates: it finds the first POST form, then for each radio group picks
one of its values, fills number and text inputs, keeps hidden fields (CSRF token, response id).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import urljoin

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
    default_seen: bool = False

    def post_path(self, page_path: str) -> str:
        """Where the browser sends this form from `page_path`: the action resolved against the
        page (ours is the relative `?lang=xx`, which is no request path on its own)."""
        return urljoin(page_path, self.action) if self.action else page_path

    @property
    def response_id(self) -> str | None:
        """The client-made response id: a hidden field holding a UUID (not the CSRF token)."""
        for name, value in self.hidden:
            if name != CSRF_FIELD and UUID.match(value):
                return value
        return None


TAG = re.compile(r"<(/?)(form|input|textarea|select|option|button)\b([^>]*)>", re.I)
ATTR = re.compile(r"""([a-zA-Z_:][-\w:.]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")


def parse_form(html: str) -> Form:
    """The first POST form on the page; ValueError if there is none.

    A regular expression over the tags, not an HTML parser: the load generator shares the CPU
    with the server it measures, and a full parse of a 15 KB page costs more than the server's
    work for the ceiling's page.
    """
    form: Form | None = None
    select: str | None = None
    for match in TAG.finditer(html):
        closing, tag, attrs = match[1], match[2].lower(), _attrs(match[3])
        if form is None:
            if tag == "form" and not closing and attrs.get("method", "get").lower() == "post":
                form = Form(action=attrs.get("action", ""))
        elif closing:
            if tag == "form":
                break
            select = None if tag == "select" else select
        else:
            select = _field(form, tag, attrs, select)
    if form is None:
        raise ValueError("the page has no POST form")
    return form


def _attrs(text: str) -> dict[str, str]:
    found = {}
    for name, value in ATTR.findall(text):
        found[name.lower()] = unescape(value[1:-1] if value[:1] in "\"'" else value)
    return found


def _field(form: Form, tag: str, a: dict[str, str], select: str | None) -> str | None:
    """Record one field; returns the name of the <select> being read, if any."""
    name, kind = a.get("name", ""), a.get("type", "text").lower()
    if tag == "textarea" and name:
        form.texts.append(name)
    elif tag == "select" and name:
        form.selects[name] = []
        return name
    elif tag == "option" and select and a.get("value"):
        form.selects[select].append(a["value"])
    elif tag == "button" and a.get("type", "submit").lower() == "submit":
        _default_button(form, name, a.get("value", ""))
    elif tag != "input" or not name:
        pass
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
    elif kind == "submit":
        _default_button(form, name, a.get("value", ""))
    return select


def _default_button(form: Form, name: str, value: str) -> None:
    """Enter, like a pupil's tap on the form's first submit button (the one browsers press on
    Enter), named or not: a later named button (a language switcher's) is never pressed."""
    if not form.default_seen:
        form.default_seen = True
        form.submit = (name, value) if name else None


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
