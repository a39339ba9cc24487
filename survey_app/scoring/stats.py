"""Pure statistics for PRE/POST survey comparisons (no Flask, no database).

This module is the single import point for the scoring maths; the work is
split across ``paired``, ``unpaired`` and ``proportions`` to keep each file
readable. All intervals are two-sided 95 %, and every difference is
POST minus PRE.
"""

from survey_app.scoring.paired import (
    PairedResult,
    SignedRankResult,
    paired_comparison,
    signed_rank_test,
)
from survey_app.scoring.proportions import (
    Interval,
    ShareResult,
    agreement_share,
    newcombe_interval,
    wilson_interval,
)
from survey_app.scoring.unpaired import (
    MannWhitneyResult,
    UnpairedResult,
    mann_whitney,
    unpaired_comparison,
)

__all__ = [
    "Interval",
    "MannWhitneyResult",
    "PairedResult",
    "ShareResult",
    "SignedRankResult",
    "UnpairedResult",
    "agreement_share",
    "mann_whitney",
    "newcombe_interval",
    "paired_comparison",
    "signed_rank_test",
    "unpaired_comparison",
    "wilson_interval",
]
