"""Sample exports of six fictional micro-businesses, with the stories hidden in them.

:func:`generate` writes, for each business, the files its owner would download
from X, Meta Business Suite (Facebook and Instagram) and TikTok Studio, in the
platforms' own layouts, plus the canonical CSVs no platform exports (a follower
log, a time log and, for the salon, the comments); a ``clients.yaml`` manifest;
a README; and ``truth.json``, the known stories per client that the workshop
and the tests check against:

==================  ==========================  =====================================
client              platforms                   story
==================  ==========================  =====================================
lucys-lemonade      Instagram, Facebook         small (a few hundred followers) but
                                                excellent conversation
corner-cafe         X, Instagram                bought 2,000 X followers over two days
hair-salon          Instagram, Facebook         answers every customer comment
seaside-bnb         Instagram, Facebook         one viral Instagram reel
craft-shop          Facebook, Instagram         mostly self-promotion, few comments
fitness-coach       Instagram, TikTok, X        abandoned its TikTok in June 2026
==================  ==========================  =====================================

Everything is seeded and written without timestamps, locale or dict-order
dependence, so ``python -m smanalytics.samples [OUT]`` regenerates the shipped
``data/samples/`` byte for byte.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from smanalytics.samples._agency import AGENCY, LOGO, NOTES, write_logo
from smanalytics.samples._clients import CLIENTS, END
from smanalytics.samples._docs import manifest_text, readme_text

__all__ = ["generate", "DEFAULT_SEED", "CLIENT_IDS"]

#: The seed of the shipped samples.
DEFAULT_SEED = 20261031

#: The sample clients' ids (their folder names), in manifest order.
CLIENT_IDS: tuple[str, ...] = tuple(c.id for c in CLIENTS)


def generate(out_dir: str | Path, *, seed: int = DEFAULT_SEED) -> dict:
    """Write the sample exports into ``out_dir`` and return the known stories.

    Parameters
    ----------
    out_dir
        Folder to write into; one sub-folder per client is created (and its
        previous files removed), plus ``clients.yaml``, ``agency-logo.png``, ``README.md`` and
        ``truth.json``.
    seed
        Seed of the random generator; each client draws from its own stream
        ``(seed, client number)``, so one client's data does not depend on
        another's.

    Returns
    -------
    dict
        The truth, as written to ``truth.json``: ``seed``, ``end`` and per
        client its ``name``, ``accounts`` and ``events`` (each with ``kind``,
        ``platform``, ``account``, ``start``, ``end``, ``size`` and details).

    Examples
    --------
    >>> import tempfile
    >>> truth = generate(tempfile.mkdtemp())
    >>> event = truth["clients"]["corner-cafe"]["events"][0]
    >>> event["kind"], event["platform"], event["start"], event["end"], event["size"]
    ('bought_followers', 'x', '2026-03-14', '2026-03-15', 2000)
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    truth: dict = {"seed": seed, "end": END.date().isoformat(), "clients": {}}
    for number, client in enumerate(CLIENTS):
        folder = out / client.id
        folder.mkdir(exist_ok=True)
        for old in folder.iterdir():
            if old.is_file():
                old.unlink()
        rng = np.random.default_rng([seed, number])
        story = client.build(folder, rng)
        truth["clients"][client.id] = {
            "name": client.name,
            "what": client.what,
            "hours_per_week": client.hours_per_week,
            "files": sorted(p.name for p in folder.iterdir()),
            **story,
        }
    _write_text(out / "truth.json", json.dumps(truth, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    write_logo(out / LOGO)
    _write_text(out / "clients.yaml", manifest_text(CLIENTS, agency=AGENCY, notes=NOTES))
    _write_text(out / "README.md", readme_text(truth))
    return truth


def _write_text(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8"))
