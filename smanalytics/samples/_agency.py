"""The sample agency: its branding in ``clients.yaml``, its logo beside it, a note for each client.

The samples' manifest brands every report with this agency
(:mod:`smanalytics.report.branding`) and gives each client the analyst's
note below (:mod:`smanalytics.report.notes`), so ``make reports`` shows both.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["write_logo", "AGENCY", "NOTES", "LOGO"]

#: The sample agency's block, as the manifest gives it.
AGENCY = {
    "name": "Harbour Social",
    "logo": "agency-logo.png",
    "accent_color": "#0b6e4f",
    "footer": "Harbour Social · hello@harbour-social.example · 01632 960 123",
}

#: The logo's file name, beside the manifest.
LOGO = AGENCY["logo"]

#: What the analyst writes to each sample client (Markdown).
NOTES = {
    "lucys-lemonade": (
        "Lucy, your **behind-the-scenes** posts keep starting the most conversation. This month:\n\n"
        "- one stall photo every Saturday morning;\n"
        "- answer every comment the same day.\n\n"
        "Recipe ideas for summer: [the shared board](https://example.com/lucy-board)."
    ),
    "corner-cafe": (
        "The jump in X followers in March was *not* from your customers: they never comment. "
        "Let's keep putting the hours into Instagram, where people **talk back**."
    ),
    "hair-salon": (
        "You answer *every* comment, and it shows: people keep talking on your posts. "
        "Keep it up, and ask a question in every caption."
    ),
    "seaside-bnb": (
        "Your July video went far beyond your usual audience. Before the next one, read "
        "[what worked](https://example.com/bnb-video) and:\n\n"
        "1. film the room on a sunny morning;\n"
        "2. answer the comments in the first hour."
    ),
    "craft-shop": (
        "Most of your posts are sales posts, and they start little conversation. "
        "**Show the makers and the kits in use**, and keep the offers for one post in four."
    ),
    "fitness-coach": (
        "Maya, TikTok has been silent since June. Either post there weekly again or *say goodbye* "
        "in one last video; a channel left silent looks worse than none."
    ),
}


def write_logo(path: Path) -> Path:
    """Draw the sample agency's logo as a 360 x 96 px PNG (no date or version in the file: reproducible)."""
    from matplotlib.figure import Figure
    from matplotlib.patches import Circle

    fig = Figure(figsize=(3.6, 0.96), dpi=100)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 3.6)
    ax.set_ylim(0, 0.96)
    ax.axis("off")
    ax.add_patch(Circle((0.48, 0.48), 0.4, color=AGENCY["accent_color"]))
    xs = [0.16 + i * 0.032 for i in range(21)]
    for lift in (0.0, 0.16):
        ys = [0.36 + lift + 0.06 * ((-1) ** (i // 5)) * (1 - abs((i % 5) - 2) / 2) for i in range(21)]
        ax.plot(xs, ys, color="white", linewidth=3, solid_capstyle="round")
    ax.text(1.02, 0.48, AGENCY["name"], va="center", ha="left", fontsize=19, weight="bold", color="#17313b")
    fig.savefig(path, format="png", metadata={"Software": None}, transparent=True)
    return path
