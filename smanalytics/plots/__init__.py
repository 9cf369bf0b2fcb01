"""Matplotlib figures for business owners. Every function takes ``ax=`` and returns its Axes.

Engagement plots live in :mod:`smanalytics.plots.engagement`, follower-growth
plots in :mod:`smanalytics.plots.growth`.
"""
