"""The best-time heatmap: inspect the artists, not the pixels."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from smanalytics.errors import SchemaError  # noqa: E402
from smanalytics.metrics import best_times  # noqa: E402
from smanalytics.plots.timing import plot_best_times  # noqa: E402
from tests.metrics.test_best_times import cafe, posts_at  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_weekdays_across_parts_of_the_day_down_with_ratios_and_post_counts():
    fig, ax = plt.subplots()
    assert plot_best_times(best_times(cafe()), ax=ax, title="Instagram") is ax
    (image,) = ax.images
    grid = image.get_array()
    assert grid.shape == (4, 7)  # morning, afternoon, evening, night x Monday..Sunday
    assert grid[0, 5] == 2.0 and grid[2, 0] == pytest.approx(2 / 3)  # Saturday morning, Monday evening
    assert grid.mask[1, 1]  # Tuesday afternoon: 2 posts, too few to colour
    assert sorted(t.get_text() for t in ax.texts) == ["0.7x\n6 posts", "2 posts", "2.0x\n6 posts"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "Morning\n06–12h"
    assert ax.get_title(loc="left") == "Instagram"


def test_an_account_with_days_only_is_one_row():
    posts = posts_at(["2026-03-07T00:00"] * 5, [1, 2, 3, 4, 5], platform="x")
    ax = plot_best_times(best_times(posts), platform="x")
    assert ax.images[0].get_array().shape == (1, 7)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["any time"]


def test_several_accounts_need_one_picked():
    both = best_times(pd.concat([cafe(), posts_at(["2026-03-07T00:00"], [1], platform="x")]))
    with pytest.raises(SchemaError, match="pick one"):
        plot_best_times(both)
