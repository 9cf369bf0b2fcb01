import smanalytics


def test_everything_in_all_exists():
    missing = [name for name in smanalytics.__all__ if not hasattr(smanalytics, name)]
    assert missing == []
