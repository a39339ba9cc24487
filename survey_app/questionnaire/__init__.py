"""Questionnaires as code: versioned YAML files parsed into frozen, validated objects."""

from .loader import content_hash, load_file, load_folder, questionnaire_files
from .problems import Problem, QuestionnaireError
from .registry import Registry
from .schema import PRIORITIES, Item, Questionnaire, ResponseSet, Scale

__all__ = [
    "PRIORITIES",
    "Item",
    "Problem",
    "Questionnaire",
    "QuestionnaireError",
    "Registry",
    "ResponseSet",
    "Scale",
    "content_hash",
    "load_file",
    "load_folder",
    "questionnaire_files",
]
