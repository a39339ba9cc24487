"""The pupil page's templates read nothing but what respond/page.py hands them.

The blank form is rendered once and kept (ADR 0005): a template that reached for a per-request
value on its own (`request`, `g`, a `csp_nonce()` global, the reading direction from a cookie)
would freeze the first pupil's value into every later pupil's page. So every name the pupil
page's templates read must be a key of `PageInputs.template_context()` (and so part of the cache
key), one of the few per-request values `render_form` and `thanks_page` put in themselves, or
one of Jinja's own pure helpers.
"""

from __future__ import annotations

from jinja2 import Environment, meta
from jinja2.defaults import DEFAULT_NAMESPACE

from survey_app.questionnaire.startup import registry_of
from survey_app.respond.links import find_link, survey_for
from survey_app.respond.page import PageInputs
from survey_app.sessions.service import link_for
from tests.integration.respond_helpers import new_session

PAGES = ("respond/form.html", "respond/thanks.html")
# Filled in per request by render_form / thanks_page; on the blank form they are placeholders.
PER_REQUEST = {"form", "errors", "has_errors", "notice", "token", "next_url"}
LOOP_NAMES = {"item", "field"}  # form.html's loop hands these to each item's partial
# The catalogue's functions: set by Flask-Babel, in the page's language (respond/page.py).
CATALOGUE = {"gettext", "ngettext"}


def templates_of(env: Environment, names: tuple[str, ...]) -> set[str]:
    """These templates and every template they extend, include or import."""
    todo, seen = list(names), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for ref in meta.find_referenced_templates(env.parse(env.loader.get_source(env, name)[0])):
            # A computed name is the item partial chosen by type: every partial may be used.
            todo += [ref] if ref else env.list_templates(filter_func=_is_item_partial)
    return seen


def strangers(env: Environment, sources: dict[str, str], allowed: set[str]) -> dict[str, set]:
    """Per template, the names it reads that are none of `allowed` nor Jinja's own helpers."""
    found = {}
    for name, source in sources.items():
        names = meta.find_undeclared_variables(env.parse(source)) - allowed - set(DEFAULT_NAMESPACE)
        if names:
            found[name] = names
    return found


def bare_environment(app) -> Environment:
    """The app's templates and template extensions without its globals. Jinja does not report a
    name that is a global as undeclared, and Flask's globals (`request`, `g`, `session`...) are
    exactly the per-request values this test looks for."""
    env = Environment(
        loader=app.jinja_env.loader,
        extensions=[type(ext) for ext in app.jinja_env.extensions.values()],
    )
    env.filters.update(app.jinja_env.filters)  # names a template may use, so it parses
    env.tests.update(app.jinja_env.tests)
    return env


def _is_item_partial(name: str) -> bool:
    return name.startswith("respond/items/")


def _allowed(app) -> set[str]:
    session = new_session(app)
    survey = survey_for(find_link(link_for(session, "pre").token), registry_of(app), None)
    return set(PageInputs.of(survey).template_context()) | PER_REQUEST | LOOP_NAMES | CATALOGUE


def test_the_pupil_templates_read_only_the_page_inputs(app):
    env = bare_environment(app)
    names = templates_of(env, PAGES)
    assert {"respond/base.html", "respond/items/smiley.html", "respond/_code.html"} <= names
    sources = {name: env.loader.get_source(env, name)[0] for name in names}
    assert strangers(env, sources, _allowed(app)) == {}, (
        "a pupil template reads a value that is not in respond/page.PageInputs: add it there, "
        "so the pre-rendered blank form is keyed by it"
    )


def test_a_template_reaching_for_a_request_value_is_caught(app):
    env = bare_environment(app)
    planted = {
        "nonce.html": '<script nonce="{{ csp_nonce() }}"></script>',
        "dir.html": '<html dir="{{ request.cookies.dir }}">{{ g.voice }}',
    }
    assert strangers(env, planted, _allowed(app)) == {
        "nonce.html": {"csp_nonce"},
        "dir.html": {"request", "g"},
    }
