"""``SpikeSettings``: one frozen record of the detector's thresholds, each documented once."""

from __future__ import annotations

import dataclasses
import inspect
import re

import pandas as pd
import pytest

from smanalytics.growth import SpikeSettings, detect_spikes
from smanalytics.growth.classify import classify


def test_every_field_is_documented_with_its_default():
    documented = dict(re.findall(r"^(\w+) : \w+, default (\S+)$", inspect.getdoc(SpikeSettings), re.M))
    fields = {f.name: f.default for f in dataclasses.fields(SpikeSettings)}
    assert set(documented) == set(fields)
    for name, default in fields.items():
        assert float(documented[name]) == default, name


def test_settings_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        SpikeSettings().z_peak = 3.0


def test_detect_spikes_takes_settings_or_named_overrides_and_nothing_else():
    parameters = inspect.signature(detect_spikes).parameters
    assert list(parameters) == ["daily", "posts", "settings", "overrides"]
    assert parameters["settings"].default == SpikeSettings()


def test_a_named_override_is_the_same_as_a_changed_settings_object(daily_of):
    # 30 excess follows on ~10,800 followers (0.28%) are under the default 0.5% floor
    daily = daily_of(changes={"follows": {80: 40}})
    assert detect_spikes(daily).empty
    by_name = detect_spikes(daily, min_share=0.002)
    by_object = detect_spikes(daily, settings=SpikeSettings(min_share=0.002))
    pd.testing.assert_frame_equal(by_name, by_object)
    assert by_name["excess_follows"].tolist() == [30]
    # an override changes the settings passed, not only the defaults
    assert detect_spikes(daily, settings=SpikeSettings(min_share=0.002), min_excess=31).empty


def test_an_unknown_setting_is_refused_by_name():
    with pytest.raises(TypeError, match="unknown setting 'z_pek'; SpikeSettings has: z_peak, z_shoulder"):
        detect_spikes(pd.DataFrame(), z_pek=5)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"z_peak": 0}, "SpikeSettings.z_peak must be positive, got 0"),
        ({"baseline_window": 28}, "must be odd"),
        ({"bought_ratio": 1.2}, "organic_ratio <= drip_ratio <= bought_ratio <= strong_ratio"),
        ({"min_share": "1%"}, "SpikeSettings.min_share must be a number, got '1%'"),
    ],
)
def test_settings_that_cannot_work_are_refused(changes, message):
    with pytest.raises((ValueError, TypeError), match=message):
        SpikeSettings(**changes)


def test_confidence_weights_come_from_the_settings():
    # ratio 500 / 20 = 25 >= 4 x strong (20): strength 1; one sign: fast (1 day; 400 is no package size)
    kwargs = dict(observed=500, expected=20, excess=400, days=1, retention=float("nan"))
    default = classify(**kwargs, engagement_change=float("nan"))
    assert (default.confidence, default.signs) == (0.9, ("fast",))  # 0.6 + 0.25 + 0.05
    custom = SpikeSettings(bought_confidence=0.5, bought_confidence_span=0.2, sign_weight=0.1)
    assert classify(**kwargs, engagement_change=float("nan"), settings=custom).confidence == 0.8
