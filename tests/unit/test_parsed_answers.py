"""Stored answers parsed in one go, without ever shifting one response's answers to another."""

from __future__ import annotations

import json

import pytest

from survey_app.reports.data import parsed_answers


def test_json_texts_dicts_and_nulls_each_become_a_dict():
    assert parsed_answers(['{"a": 1}', "null", '{"b": "x, y"}']) == [{"a": 1}, {}, {"b": "x, y"}]
    assert parsed_answers([{"a": 1}, None, '{"b": 2}']) == [{"a": 1}, {}, {"b": 2}]
    assert parsed_answers([]) == []


def test_a_value_that_is_not_one_json_value_never_shifts_the_rest():
    # Joined, '{"a": 1}, {"a": 2}' would make three objects of two rows: refused, row by row.
    with pytest.raises(json.JSONDecodeError):
        parsed_answers(['{"a": 1}, {"a": 2}', '{"b": 3}'])
    with pytest.raises(json.JSONDecodeError):
        parsed_answers(['{"a": 1}', ""])
