"""The paper form of a session's phase, for when the tablets fail altogether: what to print,
taken from the session and its questionnaire version, drawn by paper_pdf.py.

The printed questions carry the import template's column names, in the template's order
(`template_columns`), so typing a pile of forms into the template is one row per sheet, left to
right. The words are the version file's own (its first language): the form a child reads on
paper is the same as the one on the screen.
"""

from __future__ import annotations

from ..models import SurveySession
from ..questionnaire.registry import Registry
from ..questionnaire.schema import Item, Questionnaire
from ..respond.match_code import MONTH_OPTIONS, SIBLING_OPTIONS
from ..sessions.service import SessionError
from .import_csv import FIXED, questionnaire_of, template_columns
from .paper_pdf import PaperDetails, PaperOption, PaperQuestion, render_paper

PHASE_WORDS = {"pre": "BEFORE", "post": "AFTER", "single": "FEEDBACK"}
# The shared-device code's three questions as the pupil's form words them
# (respond/match_code.py and templates/respond/_code.html; tests/integration/test_paper_form.py
# checks that the two still agree).
CODE_HEADING = "Your code"
CODE_INTRO = (
    "We never ask for your name. Your answers to these 3 questions make a code, so we can put "
    "your answers from before and after the session together. Give the same answers both times."
)
CODE_QUESTIONS = (
    ("First letter of a parent's or carer's first name",
     "For example, S for Sam. Think of the same person both times."),
    ("Month you were born", ""),
    ("How many older brothers and sisters do you have?",
     "Count only brothers and sisters who are older than you."),
)  # fmt: skip


def paper_pdf(session: SurveySession, registry: Registry, phase: str) -> bytes:
    """The A4 PDF of one respondent's paper form for a phase; SessionError for a phase the
    session does not have."""
    return render_paper(paper_details(session, registry, phase))


def paper_details(session: SurveySession, registry: Registry, phase: str) -> PaperDetails:
    """Everything the form prints, with the columns in the import template's order."""
    phases = [link.phase for link in session.links]
    if phase not in phases:
        raise SessionError(f"session {session.id} has no {phase} phase (it has: "
                           f"{', '.join(phases)})")  # fmt: skip
    try:
        questionnaire = questionnaire_of(session, registry)
    except KeyError:
        version = session.questionnaire_version
        raise SessionError(
            f"session {session.id} uses {version.questionnaire_id} "
            f"v{version.version}, which is not loaded here"
        ) from None
    items = {item.id: item for item in questionnaire.items_for(phase)}
    columns = [name for name in template_columns(session, registry) if name in items]
    lang = questionnaire.languages[0]
    version = session.questionnaire_version
    return PaperDetails(
        session_id=session.id,
        phase=phase,
        phase_word=PHASE_WORDS.get(phase, phase.upper()),
        heading=" · ".join(p for p in (session.organisation.name, session.group_label) if p),
        session_date=session.session_date,
        title=questionnaire.title.get(lang, ""),
        intro=questionnaire.intro.get(lang, ""),
        code_questions=_code_questions() if session.shared_devices else (),
        questions=tuple(_question(questionnaire, items[name], lang) for name in columns),
        fixed_columns=FIXED,
        code_heading=CODE_HEADING,
        code_intro=CODE_INTRO,
        footer=f"{version.questionnaire_id} v{version.version}",
    )


def paper_filename(session: SurveySession, phase: str) -> str:
    return f"paper-{session.id}-{phase}.pdf"


def _question(questionnaire: Questionnaire, item: Item, lang: str) -> PaperQuestion:
    response_set = questionnaire.response_set_of(item)
    options: tuple[PaperOption, ...] = ()
    if response_set is not None:
        missing = response_set.missing_values
        options = tuple(
            PaperOption(o.value, o.label.get(lang, ""), apart=o.value in missing)
            for o in response_set.options
        )
    kind = {"multiple_choice": "many", "number": "number", "text": "text"}.get(item.type, "one")
    limits = ""
    if kind == "number" and item.min is not None and item.max is not None:
        limits = f"{item.min} to {item.max}"
    return PaperQuestion(
        column=item.id,
        text=item.text.get(lang, ""),
        hint=(item.hint or {}).get(lang, "") or limits,
        kind=kind,
        options=options,
        optional=item.optional,
    )


def _code_questions() -> tuple[PaperQuestion, ...]:
    (letter, letter_hint), (month, _), (siblings, siblings_hint) = CODE_QUESTIONS
    months = tuple(PaperOption(o.value, o.label["en"]) for o in MONTH_OPTIONS)
    older = tuple(PaperOption(o.value, o.label["en"]) for o in SIBLING_OPTIONS)
    # One `respondent` cell holds all three, typed as the stored code: letter-month-count.
    return (
        PaperQuestion("respondent (letter)", letter, letter_hint, "letter", ()),
        PaperQuestion("respondent (month)", month, "", "one", months),
        PaperQuestion("respondent (count)", siblings, siblings_hint, "one", older),
    )
