"""Engagement-quality metrics: pure functions over the canonical tables.

Conversation, amplification and applause per follower (Avinash Kaushik's
rates), engagement by reach and impressions, paid versus organic, the
conversation expected at an account's size, consistency, responsiveness,
content mix and channel focus, the best time to post, and whether a figure
rose or fell from one period to another. Nothing here reads files or draws: a canonical
DataFrame in, a new DataFrame out, the input untouched.
"""

from smanalytics.metrics.changes import compare_figures, usual_changes
from smanalytics.metrics.channels import channel_focus
from smanalytics.metrics.consistency import consistency, silences, weekly_posts
from smanalytics.metrics.content_mix import CURATED_TYPES, DEFAULT_RULES, classify_posts, content_mix
from smanalytics.metrics.export import summary_json, summary_table
from smanalytics.metrics.followers import latest_followers, post_audience
from smanalytics.metrics.rates import PER_FOLLOWERS, RATES, per_1k, post_rates
from smanalytics.metrics.real_followers import real_follower_rates
from smanalytics.metrics.reference import reference_lines, size_reference
from smanalytics.metrics.responsiveness import responsiveness
from smanalytics.metrics.size import fit_size_line, size_benchmark
from smanalytics.metrics.summary import RATE_NAMES, account_summary
from smanalytics.metrics.timing import best_times, post_times

__all__ = [
    "CURATED_TYPES",
    "DEFAULT_RULES",
    "PER_FOLLOWERS",
    "RATES",
    "RATE_NAMES",
    "account_summary",
    "best_times",
    "channel_focus",
    "classify_posts",
    "compare_figures",
    "consistency",
    "content_mix",
    "fit_size_line",
    "latest_followers",
    "per_1k",
    "post_audience",
    "post_rates",
    "post_times",
    "real_follower_rates",
    "reference_lines",
    "responsiveness",
    "silences",
    "size_benchmark",
    "size_reference",
    "summary_json",
    "summary_table",
    "usual_changes",
    "weekly_posts",
]
