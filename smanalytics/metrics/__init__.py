"""Engagement-quality metrics: pure functions over the canonical tables.

Conversation, amplification and applause per follower (Avinash Kaushik's
rates), engagement by reach and impressions, paid versus organic, the
conversation expected at an account's size, consistency, responsiveness,
content mix and channel focus. Nothing here reads files or draws: a canonical
DataFrame in, a new DataFrame out, the input untouched.
"""

from smanalytics.metrics.export import summary_json, summary_table
from smanalytics.metrics.followers import latest_followers, post_audience
from smanalytics.metrics.rates import RATES, post_rates
from smanalytics.metrics.summary import RATE_NAMES, account_summary

__all__ = [
    "RATES",
    "RATE_NAMES",
    "account_summary",
    "latest_followers",
    "post_audience",
    "post_rates",
    "summary_json",
    "summary_table",
]
