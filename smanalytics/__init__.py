"""smanalytics: engagement-quality analytics from the files social platforms export.

Conversation, community, organic growth, consistency and answering customers
matter; follower counts do not. smanalytics measures them offline, from an
account owner's own exports.
"""

from smanalytics.dataset import Dataset
from smanalytics.errors import (
    ExportError,
    ManifestError,
    NotATimeSeriesError,
    ReportError,
    RowError,
    SchemaError,
    SmanalyticsError,
    UnknownFormatError,
)
from smanalytics.growth import SpikeSettings, detect_spikes, growth_summary, spikes_json
from smanalytics.io import load
from smanalytics.io.canonical import write_csv
from smanalytics.metrics import (
    account_summary,
    channel_focus,
    consistency,
    content_mix,
    post_rates,
    responsiveness,
    size_benchmark,
)

__version__ = "0.1.0"

__all__ = [
    "Dataset",
    "account_summary",
    "channel_focus",
    "consistency",
    "content_mix",
    "detect_spikes",
    "growth_summary",
    "post_rates",
    "responsiveness",
    "run_batch",
    "run_report",
    "size_benchmark",
    "spikes_json",
    "SpikeSettings",
    "ExportError",
    "ManifestError",
    "NotATimeSeriesError",
    "ReportError",
    "RowError",
    "SchemaError",
    "SmanalyticsError",
    "UnknownFormatError",
    "load",
    "write_csv",
    "__version__",
]


def __getattr__(name: str):
    # the report entry points load on first use, so that `import smanalytics`
    # (and a report's kernel) does not import the batch machinery
    if name in ("run_batch", "run_report"):
        from smanalytics import report

        return getattr(report, name)
    raise AttributeError(f"module 'smanalytics' has no attribute {name!r}")
