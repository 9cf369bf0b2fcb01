# ruff: noqa: E501  (rows of export tables, kept one record per line)
"""Write agency-tool exports as their documentation describes them (no real copy was found).

Run ``python tests/data/agency/make_agency.py OUT_DIR`` to write them for a look;
the tests build them in a temporary folder with :func:`build`. The layouts and
their sources are in :mod:`smanalytics.io.agency_tools`; the rows are made up,
small enough to add up by hand in the tests.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

SPROUT_POSTS = [
    # column order as Sprout's Post Performance CSV; 43 columns
    ["Date", "Post ID", "Network", "Post Type", "Content Type", "Profile", "Sent by", "Link", "Post",
     "Linked Content", "Impressions", "Organic Impressions", "Paid Impressions", "Reach", "Organic Reach",
     "Paid Reach", "Potential Reach", "Engagement Rate (per Impression)", "Engagements", "Reactions", "Likes",
     "Love Reactions", "Haha Reactions", "Wow Reactions", "Sad Reactions", "Angry Reactions", "Comments",
     "Shares", "Saves", "Post Link Clicks", "Other Post Clicks", "Post Clicks (All)", "Post Media Clicks",
     "Negative Feedback", "Video Views", "Organic Video Views", "Paid Video Views", "Partial Video Views",
     "Organic Partial Video Views", "Paid Partial Video Views", "Full Video Views", "Organic Full Video Views",
     "Paid Full Video Views"],
    ["03/02/2026 9:15 am", "1029384756_556677", "Facebook", "Post", "Photo", "Lucy's Lemonade", "Lucy",
     "https://www.facebook.com/1029384756/posts/556677", "Fresh batch today!", "", "1,240", "1,240", "0",
     "980", "980", "0", "", "4.03%", "50", "31", "28", "3", "0", "0", "0", "0", "9", "4", "", "6", "0", "6",
     "0", "0", "", "", "", "", "", "", "", "", ""],
    ["03/04/2026 5:40 pm", "1029384756_556699", "Facebook", "Post", "Video", "Lucy's Lemonade", "Lucy",
     "https://www.facebook.com/1029384756/posts/556699", "How we squeeze", "", "3,100", "2,100", "1,000",
     "2,500", "1,700", "800", "", "3.10%", "96", "60", "55", "5", "0", "0", "0", "0", "12", "10", "", "14",
     "0", "14", "0", "1", "1,800", "1,200", "600", "", "", "", "", "", ""],
    ["03/05/2026 12:00 pm", "17890011223344", "Instagram", "Post", "Photo", "lucyslemonade", "Lucy",
     "https://www.instagram.com/p/Cabc123/", "Sunny day, lemon day", "", "860", "860", "0", "700", "700", "0",
     "", "8.14%", "70", "", "52", "", "", "", "", "", "11", "", "7", "", "", "", "", "", "", "", "", "", "",
     "", "", "", ""],
    ["03/06/2026 8:05 am", "1765432109876543210", "Twitter", "Tweet", "Text", "LucysLemonade", "Lucy",
     "https://twitter.com/LucysLemonade/status/1765432109876543210", "Open till 6 today", "", "410", "410", "0",
     "", "", "", "", "2.93%", "12", "", "7", "", "", "", "", "", "2", "1", "", "2", "", "", "", "", "", "",
     "", "", "", "", "", "", ""],
]  # fmt: skip

SPROUT_FACEBOOK_PAGES = [
    ["Date", "Facebook Page", "Total Fans", "Net Page Likes", "Page Likes", "Organic Page Likes",
     "Paid Page Likes", "Page Unlikes", "Published Posts", "Impressions", "Organic Impressions",
     "Paid Impressions", "Reach", "Organic Reach", "Paid Reach", "Engagements", "Reactions", "Likes",
     "Love Reactions", "Haha Reactions", "Wow Reactions", "Sad Reactions", "Angry Reactions", "Comments",
     "Shares", "Post Link Clicks", "Other Post Clicks", "Page Actions", "Engagement Rate (per Impression)",
     "Negative Feedback", "Video Views"],
    ["03-01-2026", "Lucy's Lemonade", "1,204", "3", "4", "4", "0", "1", "0", "310", "310", "0", "250", "250",
     "0", "12", "8", "7", "1", "0", "0", "0", "0", "2", "1", "1", "0", "0", "3.87%", "0", "40"],
    ["03-02-2026", "Lucy's Lemonade", "1,209", "5", "6", "5", "1", "1", "1", "1,650", "1,650", "0", "1,100",
     "1,100", "0", "61", "35", "31", "4", "0", "0", "0", "0", "10", "5", "6", "5", "0", "3.70%", "0", "120"],
]  # fmt: skip

SPROUT_INSTAGRAM_PROFILES = [
    ["Date", "Instagram Profile", "Followers", "Net Follower Growth", "Followers Gained", "Followers Lost",
     "Following", "Net Following Growth", "Published Posts & Stories", "Impressions", "Reach", "Engagements",
     "Likes", "Comments", "Saves", "Story Replies", "Profile Actions", "Engagement Rate (per Impression)"],
    ["03-05-2026", "lucyslemonade", "829", "6", "8", "2", "150", "0", "2", "1,020", "760", "74", "55", "12",
     "7", "0", "9", "7.25%"],
]  # fmt: skip

SPROUT_TWITTER_PROFILES = [
    ["Date", "Twitter Profile", "Followers", "Net Follower Growth", "Following", "Net Following Growth",
     "Published Posts", "Impressions", "Video Views", "Engagements", "Likes", "@Replies", "Retweets",
     "Post Link Clicks", "Other Post Clicks", "Other Engagements", "Engagement Rate (per Impression)"],
    ["03-06-2026", "LucysLemonade", "412", "-1", "90", "0", "1", "530", "0", "14", "7", "2", "1", "2", "1",
     "1", "2.64%"],
]  # fmt: skip

BUFFER_FACEBOOK = [
    ["Date", "Post", "Link", "Post Type", "Post Reach", "Post Impressions", "Reactions", "Comments", "Shares",
     "Post Clicks", "Engagement Rate"],
    ["2026-03-02 09:15", "Fresh batch today!", "https://www.facebook.com/1029384756/posts/556677", "image",
     "980", "1240", "31", "9", "4", "6", "4.03%"],
    ["2026-03-04 17:40", "How we squeeze", "https://www.facebook.com/1029384756/posts/556699", "video", "2500",
     "3100", "60", "12", "10", "14", "3.10%"],
]  # fmt: skip

METRICOOL_INSTAGRAM = [
    ["Date", "Type", "Text", "Link", "Likes", "Comments", "Saved", "Reach", "Impressions", "Interactions",
     "Engagement"],
    ["2026-03-05 12:00", "IMAGE", "Sunny day, lemon day", "https://www.instagram.com/p/Cabc123/", "52", "11", "7",
     "700", "860", "70", "10.0"],
    ["2026-03-07 18:30", "REEL", "Pouring the first glass", "https://www.instagram.com/reel/Cdef456/", "140", "23",
     "19", "2100", "2600", "182", "8.67"],
]  # fmt: skip

LATER_INSTAGRAM = [
    ["Posted At", "Caption", "Type", "Link", "Impressions", "Reach", "Likes", "Comments", "Saves", "Engagement",
     "Engagement Rate"],
    ["2026-03-05 12:00:00", "Sunny day, lemon day", "Image", "https://www.instagram.com/p/Cabc123/", "860", "700",
     "52", "11", "7", "70", "8.1%"],
]  # fmt: skip

FILES = {
    "sprout_posts": ("Post Performance (Lucy's Lemonade) March 1, 2026 - March 7, 2026.csv", SPROUT_POSTS),
    "sprout_facebook_pages": ("Facebook Pages-03-01-2026-03-02-2026.csv", SPROUT_FACEBOOK_PAGES),
    "sprout_instagram_profiles": ("Instagram Business Profiles-03-05-2026.csv", SPROUT_INSTAGRAM_PROFILES),
    "sprout_twitter_profiles": ("Twitter Profiles-03-06-2026.csv", SPROUT_TWITTER_PROFILES),
    "buffer_facebook": ("lucys-lemonade-facebook-posts.csv", BUFFER_FACEBOOK),
    "metricool_instagram": ("metricool-lucyslemonade-instagram-posts.csv", METRICOOL_INSTAGRAM),
    "later_instagram": ("later-lucyslemonade-post-performance.csv", LATER_INSTAGRAM),
}


def build(out: Path) -> dict[str, Path]:
    """Write every file into ``out``; return name -> path."""
    out.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, (filename, rows) in FILES.items():
        path = out / filename
        with open(path, "w", newline="", encoding="utf-8") as fh:
            csv.writer(fh).writerows(rows)
        paths[name] = path
    return paths


if __name__ == "__main__":
    for name, path in build(Path(sys.argv[1] if len(sys.argv) > 1 else "agency-exports")).items():
        print(f"{name}: {path}")
