"""Organic growth versus bought follower spikes.

Follower counts alone cannot tell a bought spike from a viral one; exposure
can. :func:`detect_spikes` finds the days an account gained far more followers
than usual and asks whether its exposure (impressions, reach, profile visits,
engagement) explains them. :func:`growth_summary` gives organic growth net of
spikes, :func:`spikes_json` the events as JSON-ready records.
:class:`SpikeSettings` holds every threshold of the detector.
"""

from smanalytics.growth.detect import EVENT_COLUMNS, LABELS, detect_spikes, empty_events
from smanalytics.growth.export import spikes_json
from smanalytics.growth.settings import SpikeSettings
from smanalytics.growth.summary import growth_summary

__all__ = [
    "EVENT_COLUMNS",
    "LABELS",
    "SpikeSettings",
    "detect_spikes",
    "empty_events",
    "growth_summary",
    "spikes_json",
]
