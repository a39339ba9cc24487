"""The officers' CSV download as one zip: the responses (wide and long), the codebook that says
what each column and code means, the comparison, and a note of what was left out.

A zip, because a CSV alone cannot carry its codebook and an officer who opens the responses
without it cannot tell what 9 means. The bare responses CSV stays downloadable too (same URL as
before): Power Query's "From Web" and scripts read a CSV from a URL but not a zip.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

import pandas as pd

from ..questionnaire.schema import Questionnaire
from . import comparison_sheet, exports
from .excel_safe import to_csv
from .free_text import FreeText


def responses_zip(
    responses: pd.DataFrame,
    versions: Sequence[Questionnaire],
    comparison: pd.DataFrame,
    *,
    free_text: bool | FreeText,
    min_base: int,
    notes: Sequence[str] = (),
) -> bytes:
    """responses-wide.csv, responses-long.csv, codebook.csv, comparison.csv and README.txt."""
    files = {
        f"responses-{layout}.csv": exports.responses_csv(
            responses, versions, layout=layout, free_text=free_text, min_base=min_base
        )
        for layout in ("wide", "long")
    }
    files["codebook.csv"] = to_csv(exports.codebook(versions, free_text))
    sheet = comparison_sheet.comparison_sheet(comparison, versions)
    files["comparison.csv"] = to_csv(
        sheet, first_line=comparison_sheet.empty_reason(comparison, min_base)
    )
    left = exports.left_out(responses, min_base)
    rows = exports.disclosable(responses, min_base)
    withheld = exports.withheld_count(rows, versions, free_text)
    said = [
        *notes,
        *([left] if left else []),
        *exports.export_notes(min_base, free_text, withheld=withheld),
    ]
    files["README.txt"] = _readme(said).encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for name, body in files.items():
            bundle.writestr(name, body)
    return out.getvalue()


def _readme(notes: Sequence[str]) -> str:
    lines = [
        "Cohesion survey responses.",
        "",
        "responses-wide.csv: one row per response, one column per question.",
        "responses-long.csv: one row per answer, with the answer in words.",
        "codebook.csv: each question's wording, values and which codes mean no answer.",
        "comparison.csv: before against after for each group, rounded for reading.",
        "",
        "In the wide file a 'don't know' (or 'prefer not to say') answer is a blank in its",
        "question's column, so a spreadsheet's AVERAGE counts only real answers; the",
        "missing_answers column names each one with its code. The long file keeps the code.",
        "",
        *notes,
    ]
    return "\r\n".join(lines) + "\r\n"
