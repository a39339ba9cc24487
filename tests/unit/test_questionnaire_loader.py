"""The questionnaire loader: the shipped questionnaires, and broken files named by file and line."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from survey_app.questionnaire import (
    PRIORITIES,
    Questionnaire,
    QuestionnaireError,
    load_file,
    load_folder,
)

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "questionnaires"
SAMPLE = ROOT / "tests" / "data" / "questionnaires" / "sample" / "v1.yaml"

PRE_POST = ["pupils-primary", "pupils-secondary", "adult-participants"]
SHIPPED_IDS = {*PRE_POST, "community-feedback"}


@pytest.fixture(scope="module")
def shipped() -> dict[str, Questionnaire]:
    return {q.id: q for q in load_folder(SHIPPED)}


# --- the shipped questionnaires -------------------------------------------------------------


def test_shipped_folder_loads_with_no_problems(shipped: dict[str, Questionnaire]) -> None:
    assert set(shipped) == SHIPPED_IDS
    for q in shipped.values():
        assert q.version == 1
        assert q.languages[0] == "en"  # written in English; the rest are translation files
        assert set(q.languages) == {"en", *q.translations}
        assert q.thank_you and q.thank_you["en"].strip()
        assert len(q.content_hash) == 64


@pytest.mark.parametrize("qid", PRE_POST)
def test_pre_post_questionnaire_phases_and_length(
    shipped: dict[str, Questionnaire], qid: str
) -> None:
    q = shipped[qid]
    assert q.phases == ("pre", "post")
    for phase in q.phases:
        assert 10 <= len(q.items_for(phase)) <= 20, phase
    for item in q.items:
        if item.scored:
            assert set(item.phases) == {"pre", "post"}, item.id


@pytest.mark.parametrize("qid", PRE_POST)
def test_pre_post_questionnaire_has_a_reverse_coded_item(
    shipped: dict[str, Questionnaire], qid: str
) -> None:
    q = shipped[qid]
    reversed_items = [item for item in q.items if item.reverse]
    assert reversed_items
    assert all(item.scored and item.scale for item in reversed_items)
    assert any("nervous" in item.text["en"].lower() for item in reversed_items)


@pytest.mark.parametrize("qid", PRE_POST)
def test_pre_post_questionnaire_offers_dont_know(
    shipped: dict[str, Questionnaire], qid: str
) -> None:
    q = shipped[qid]
    sets = [q.response_set_of(item) for item in q.items if item.scored]
    with_dont_know = [rs for rs in sets if rs is not None and rs.dont_know is not None]
    assert with_dont_know
    for rs in with_dont_know:
        assert rs.dont_know in rs.values
        assert rs.dont_know not in rs.scored_values


@pytest.mark.parametrize("qid", PRE_POST)
def test_pre_post_questionnaire_asks_what_you_will_do_differently_after(
    shipped: dict[str, Questionnaire], qid: str
) -> None:
    item = shipped[qid].item("do_differently")
    assert item.type == "text"
    assert item.phases == ("post",)
    assert item.optional
    assert item.text["en"] == "What will you do differently?"


@pytest.mark.parametrize("qid", PRE_POST)
def test_pre_post_questionnaire_scales_cover_every_priority(
    shipped: dict[str, Questionnaire], qid: str
) -> None:
    q = shipped[qid]
    assert {scale.priority for scale in q.scales.values()} == set(PRIORITIES)
    for name in q.scales:
        assert 2 <= len(q.scale_items(name)) <= 4, name


def test_primary_uses_smiley_faces_always_with_words(shipped: dict[str, Questionnaire]) -> None:
    q = shipped["pupils-primary"]
    assert q.audience == "primary"
    scored = [item for item in q.items if item.scored]
    assert scored and all(item.type == "smiley" for item in scored)
    for item in scored:
        rs = q.response_set_of(item)
        assert rs is not None and rs.kind == "smiley"
        assert rs.dont_know is not None
        for option in rs.options:
            assert all(option.label.get(lang, "").strip() for lang in q.languages)
            if option.value not in rs.missing_values:
                assert option.face is not None, option


def test_community_feedback_is_a_single_phase_stakeholder_form(
    shipped: dict[str, Questionnaire],
) -> None:
    q = shipped["community-feedback"]
    assert q.audience == "stakeholder"
    assert q.single_phase
    assert {item.type for item in q.items} >= {"single_choice", "multiple_choice", "text"}


IDENTIFYING = re.compile(
    r"\b(your name|name of|date of birth|birthday|address|postcode|e-?mail|phone)\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize("qid", sorted(SHIPPED_IDS))
def test_no_question_asks_for_identifying_details(
    shipped: dict[str, Questionnaire], qid: str
) -> None:
    for item in shipped[qid].items:
        assert not IDENTIFYING.search(item.text["en"]), item.id


def test_a_shared_item_id_means_the_same_measure(shipped: dict[str, Questionnaire]) -> None:
    seen: dict[str, tuple[str, object]] = {}
    for q in shipped.values():
        for item in q.items:
            rs = q.response_set_of(item)
            measure = (
                item.type,
                item.text["en"],
                item.reverse,
                rs and (rs.kind, [(o.value, o.label["en"]) for o in rs.options], rs.dont_know),
            )
            if item.id in seen:
                assert seen[item.id][1] == measure, (item.id, seen[item.id][0], q.id)
            else:
                seen[item.id] = (q.id, measure)


# --- broken files ---------------------------------------------------------------------------


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line on which the n-th occurrence of needle starts."""
    at = -1
    for _ in range(occurrence):
        at = text.index(needle, at + 1)
    return text.count("\n", 0, at) + 1


def replace_once(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# Each case: (folder id, mutated text, expected line, fragments the message must contain).
Case = tuple[str, str, int, list[str]]


def unknown_scale(src: str, tmp: Path) -> Case:
    text = replace_once(src, "    scale: belonging\n", "    scale: belongin\n")
    return (
        "sample",
        text,
        line_of(text, "scale: belongin\n"),
        [
            "items[1].scale",
            "unknown scale 'belongin'",
            "did you mean 'belonging'",
        ],
    )


def duplicate_item_id(src: str, tmp: Path) -> Case:
    text = replace_once(src, "  - id: belong_city\n", "  - id: belong_area\n")
    return (
        "sample",
        text,
        line_of(text, "- id: belong_area", occurrence=2),
        [
            "items[2].id",
            "duplicate item id 'belong_area' (also items[1])",
        ],
    )


def missing_translation(src: str, tmp: Path) -> Case:
    welsh = ", cy: Rwy'n teimlo fy mod i'n perthyn yn y ddinas hon."
    text = replace_once(src, welsh, "")
    return (
        "sample",
        text,
        line_of(text, "{en: I feel I belong in this city.}"),
        [
            "items[2].text",
            "no 'cy' text, but 'cy' is a declared language",
        ],
    )


def dont_know_outside_values(src: str, tmp: Path) -> Case:
    text = replace_once(src, "    dont_know: 9\n", "    dont_know: 8\n")
    return (
        "sample",
        text,
        line_of(text, "dont_know: 8"),
        [
            "response_sets.agree5.dont_know",
            "8 is not one of its values",
        ],
    )


def anchor_and_alias(src: str, tmp: Path) -> Case:
    text = replace_once(src, "phases: [pre, post]", "phases: &both [pre, post]")
    text = replace_once(text, "phases: [pre]", "phases: *both")
    return "sample", text, line_of(text, "&both"), ["anchors and aliases are not allowed"]


def alias_alone(src: str, tmp: Path) -> Case:
    text = replace_once(src, "phases: [pre]", "phases: *both")
    return "sample", text, line_of(text, "*both"), ["anchors and aliases are not allowed"]


def python_tag(src: str, tmp: Path) -> Case:
    command = json.dumps(f"touch {tmp / 'MARKER'}")
    evil = f"note: !!python/object/apply:os.system [{command}]\n"
    text = replace_once(src, "version: 1\n", "version: 1\n" + evil)
    return "sample", text, line_of(text, "note: !!python"), ["YAML tags are not allowed"]


def nested_too_deep(src: str, tmp: Path) -> Case:
    # 2 KB that would otherwise end in a RecursionError traceback (issue 12)
    text = replace_once(src, "version: 1\n", "version: 1\nnote: " + "[" * 1000 + "]" * 1000 + "\n")
    return "sample", text, line_of(text, "note: ["), ["nested more than 20 levels deep"]


def merge_key(src: str, tmp: Path) -> Case:
    text = replace_once(
        src, "  - id: friends_count\n", "  - id: friends_count\n    <<: {scale: x}\n"
    )
    return "sample", text, line_of(text, "<<:"), ["merge keys (<<) are not allowed"]


def impossible_date(src: str, tmp: Path) -> Case:
    text = replace_once(src, "version: 1\n", "version: 1\nnote: 2025-02-30\n")
    return "sample", text, line_of(text, "2025-02-30"), ["cannot read '2025-02-30'"]


def retention_of_no_days(src: str, tmp: Path) -> Case:
    text = replace_once(src, "version: 1\n", "version: 1\nretention_days: 0\n")
    return "sample", text, line_of(text, "retention_days"), ["retention_days: input should be"]


def too_big(src: str, tmp: Path) -> Case:
    text = src + "# " + "x" * (256 * 1024) + "\n"
    return "sample", text, 1, ["the limit is 262,144"]


def malformed_yaml(src: str, tmp: Path) -> Case:
    text = replace_once(src, "  cy: Arolwg enghreifftiol\n", "  cy: Arolwg: enghreifftiol\n")
    return (
        "sample",
        text,
        line_of(text, "Arolwg: "),
        [
            "malformed YAML",
            "mapping values are not allowed here",
        ],
    )


def unknown_key(src: str, tmp: Path) -> Case:
    text = replace_once(src, "  - id: friends_count\n", "  - id: friends_count\n    colour: blue\n")
    return "sample", text, line_of(text, "colour: blue"), ["items[6].colour: unknown key"]


def id_not_matching_folder(src: str, tmp: Path) -> Case:
    return "other", src, line_of(src, "id: sample"), ["id 'sample' must match its folder 'other'"]


def content_hash_in_file(src: str, tmp: Path) -> Case:
    text = replace_once(src, "version: 1\n", "version: 1\ncontent_hash: abc\n")
    return "sample", text, line_of(text, "content_hash: abc"), ["content_hash: unknown key"]


def phase_listed_twice(src: str, tmp: Path) -> Case:
    text = replace_once(src, "phases: [pre]", "phases: [pre, pre]")
    return "sample", text, line_of(text, "[pre, pre]"), ["items[6].phases", "listed twice"]


def unquoted_no_label(src: str, tmp: Path) -> Case:
    text = replace_once(src, "label: {en: Never, cy: Byth}", "label: {en: No, cy: Byth}")
    return "sample", text, line_of(text, "{en: No, cy"), ["put it in quotes"]


def scale_mixing_kinds(src: str, tmp: Path) -> Case:
    text = replace_once(src, "    response_set: often4\n", "    response_set: agree5\n")
    return "sample", text, line_of(text, "  mixing:\n"), ["scales.mixing", "differ in kind"]


BROKEN: list[Callable[[str, Path], Case]] = [
    scale_mixing_kinds,
    content_hash_in_file,
    phase_listed_twice,
    unquoted_no_label,
    unknown_scale,
    duplicate_item_id,
    missing_translation,
    dont_know_outside_values,
    anchor_and_alias,
    alias_alone,
    python_tag,
    nested_too_deep,
    merge_key,
    impossible_date,
    retention_of_no_days,
    too_big,
    malformed_yaml,
    unknown_key,
    id_not_matching_folder,
]


def write_broken(
    tmp_path: Path, mutate: Callable[[str, Path], Case]
) -> tuple[Path, int, list[str]]:
    folder, text, line, fragments = mutate(SAMPLE.read_text(encoding="utf-8"), tmp_path)
    path = tmp_path / "questionnaires" / folder / "v1.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return path, line, fragments


def assert_named_problem(
    exc: QuestionnaireError, path: Path, line: int, fragments: list[str]
) -> None:
    message = str(exc)
    assert "Traceback" not in message
    assert message.strip()
    shape = re.compile(rf"^{re.escape(str(path))}:\d+: ")
    for text_line in message.splitlines():
        assert shape.match(text_line), text_line
    matching = [p for p in exc.problems if all(f in str(p) for f in fragments)]
    assert matching, message
    assert matching[0].line == line, message
    assert f"{path}:{line}: " in message


def test_sample_file_is_valid() -> None:
    q = load_file(SAMPLE)
    assert q.id == "sample"


@pytest.mark.parametrize("mutate", BROKEN, ids=[m.__name__ for m in BROKEN])
def test_broken_file_names_file_and_line(
    tmp_path: Path, mutate: Callable[[str, Path], Case]
) -> None:
    path, line, fragments = write_broken(tmp_path, mutate)
    with pytest.raises(QuestionnaireError) as caught:
        load_file(path)
    assert_named_problem(caught.value, path, line, fragments)
    assert not (tmp_path / "MARKER").exists()


@pytest.mark.parametrize("mutate", BROKEN, ids=[m.__name__ for m in BROKEN])
def test_broken_file_stops_the_whole_folder(
    tmp_path: Path, mutate: Callable[[str, Path], Case]
) -> None:
    path, line, fragments = write_broken(tmp_path, mutate)
    with pytest.raises(QuestionnaireError) as caught:
        load_folder(tmp_path / "questionnaires")
    assert_named_problem(caught.value, path, line, fragments)
    assert not (tmp_path / "MARKER").exists()


def test_folder_reports_problems_of_every_file(tmp_path: Path) -> None:
    first, first_line, _ = write_broken(tmp_path, unknown_scale)
    second, second_line, _ = write_broken(tmp_path, id_not_matching_folder)
    with pytest.raises(QuestionnaireError) as caught:
        load_folder(tmp_path / "questionnaires")
    lines = str(caught.value).splitlines()
    assert any(line.startswith(f"{first}:{first_line}: ") for line in lines)
    assert any(line.startswith(f"{second}:{second_line}: ") for line in lines)


def test_the_format_reference_example_loads(tmp_path: Path) -> None:
    doc = (ROOT / "docs" / "questionnaire-format.md").read_text(encoding="utf-8")
    section = doc.split("## Complete example", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "example" / "v1.yaml"
    path.parent.mkdir()
    path.write_text(example, encoding="utf-8")
    q = load_file(path)
    assert {item.type for item in q.items} == {
        "single_choice",
        "agreement",
        "frequency",
        "smiley",
        "multiple_choice",
        "text",
        "number",
    }
    assert {scale.priority for scale in q.scales.values()} >= {"mixing", "belonging"}
