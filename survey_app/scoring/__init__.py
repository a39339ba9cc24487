"""Scoring layer: pure statistics for PRE/POST survey comparisons."""

from survey_app.scoring.compare import compare, compare_all
from survey_app.scoring.stats import (
    Interval,
    PairedResult,
    ShareResult,
    UnpairedResult,
    agreement_share,
    newcombe_interval,
    paired_comparison,
    unpaired_comparison,
    wilson_interval,
)

__all__ = [
    "Interval",
    "PairedResult",
    "ShareResult",
    "UnpairedResult",
    "agreement_share",
    "compare",
    "compare_all",
    "newcombe_interval",
    "paired_comparison",
    "unpaired_comparison",
    "wilson_interval",
]
