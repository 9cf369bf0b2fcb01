"""Post texts for the sample businesses: community posts and self-promotion.

Community posts talk *with* people (questions, thanks, behind the scenes);
promotional posts talk *at* them (prices, "sale", "buy now", discount codes,
shop links). The craft shop's story is that almost all of its posts are the
second kind; :func:`is_promotional` is how the truth file counts them.
"""

from __future__ import annotations

import re

import numpy as np

__all__ = ["TEXTS", "PROMO", "HASHTAGS", "pick_text", "is_promotional"]

TEXTS: dict[str, list[str]] = {
    "lemonade": [
        "Which flavour should we squeeze next Saturday: strawberry or ginger? Tell us below! 🍋",
        "Thank you to everyone who stopped by the stall today, you made Lucy's week 💛",
        "Behind the scenes: 40 lemons, one squeezer, a very sticky kitchen. What's your summer drink?",
        "Mrs Patel brought us mint from her garden, so today's batch is lemon & mint. Who wants a taste?",
        "Rainy day, so the stall is closed. What should we name our new pink lemonade?",
        "Our first ever customer came back today! What was the best thing you drank this week?",
        "We're at the school fair on Sunday. Who's coming to say hi?",
        "Honest question: more ice or less ice? The stall is divided 😄",
    ],
    "cafe": [
        "Weekend brunch is back: shakshuka, sourdough and a table by the window. Who's joining us?",
        "Meet Sam, our new barista. Say hi and ask about his latte art!",
        "What's your go-to order? Ours is a flat white and a cinnamon bun.",
        "Thank you for 5 years on this corner ☕ Share your favourite memory of the café!",
        "New seasonal cake today: pumpkin & walnut. Tell us what we should bake next.",
        "Quiet Tuesday morning, perfect for reading. What are you reading at the moment?",
        "Our beans now come from a roaster two streets away. Want to know more? Ask us!",
        "Rainy Sunday = hot chocolate day. Marshmallows: yes or no?",
    ],
    "salon": [
        "Before & after: soft copper balayage for autumn. What do you think? 💇",
        "Which look should we try on our model next week: curtain bangs or a sleek bob?",
        "Tip from Priya: rinse with cool water for shinier hair. What's your hair care secret?",
        "Thank you for all the lovely reviews this month, they made our day!",
        "Behind the chair: a day in the life of our junior stylist. Any questions for her?",
        "Curly girls: what products are you loving right now? Share below!",
        "Our cosy corner just got a new coffee machine. Tea or coffee while we style you?",
        "Throwback to our very first client in 2019. Spot the difference?",
    ],
    "bnb": [
        "Sunrise from room 3 this morning 🌅 Who's been to our little bay?",
        "Breakfast question: full English or Rosa's pancakes with local honey?",
        "A guest left us this lovely note. Thank you, Tom & Ana!",
        "Storm watching from the lounge tonight. What's your favourite cosy spot?",
        "We walked the cliff path to the lighthouse today. Best walk around, or do you know a better one?",
        "Spring cleaning done, the garden is in bloom. What should we plant next?",
        "Our dog Biscuit says hello to everyone arriving this weekend 🐾",
        "Local tip: the fish & chip shop on the harbour opens late on Fridays.",
    ],
    "fitness": [
        "5-minute morning mobility routine 🧘 Try it and tell me how it felt!",
        "What's stopping you from training consistently? Honest answers only, I read them all.",
        "Client win: Jo ran her first 5k today! Drop her some love 💪",
        "Myth or fact: you need to train every day to see results? Comment your guess.",
        "Easy high-protein breakfast idea. What's yours?",
        "Rest days matter. How do you spend yours?",
        "Form check: squat depth explained in 30 seconds.",
        "Which workout should I film next: kettlebells or bodyweight?",
    ],
    "craft": [
        "Look what Emma knitted with our merino yarn! What are you making this week?",
        "Behind the scenes: dyeing a new batch of autumn wool.",
    ],
}

PROMO: dict[str, list[str]] = {
    "craft": [
        "SALE! 20% off all knitting kits this weekend with code KNOT20 👉 https://knotandneedle.example/shop",
        "Buy now: hand-dyed merino yarn, only £12.50 a skein. Limited stock! https://knotandneedle.example/yarn",
        "New in: embroidery starter kit £24.99. Order today, free UK delivery over £40 "
        "https://knotandneedle.example/shop/embroidery",
        "Flash sale ⚡ 3 for 2 on all crochet hooks until midnight. Shop now: https://knotandneedle.example/sale",
        "Gift idea 🎁 Our bestselling candle-making kit is back for £18. Buy now before it's gone! "
        "https://knotandneedle.example/gifts",
        "Use code CRAFTY15 for 15% off your first order 🧶 https://knotandneedle.example/shop",
        "Black Friday starts early: up to 40% off everything. Buy now https://knotandneedle.example/sale",
        "Only £9.99: beginner's macramé bundle. Link in bio to buy! https://knotandneedle.example/macrame",
    ],
    "cafe": ["Loyalty cards are here: your 10th coffee is on us. Pick one up at the counter."],
}

HASHTAGS: dict[str, str] = {
    "lemonade": "#lemonade #lemonadestand #summer",
    "cafe": "#cafe #coffee #brunch #local",
    "salon": "#hairsalon #balayage #haircare",
    "bnb": "#bedandbreakfast #seaside #coastalliving",
    "fitness": "#fitness #personaltrainer #homeworkout",
    "craft": "#knitting #crafts #handmade #shopsmall",
}

_PROMO_WORDS = re.compile(
    r"(£\d|\bsale\b|buy now|\bcode\b|https?://\S+/(shop|sale|yarn|gifts)|order today)", re.IGNORECASE
)


def pick_text(rng: np.random.Generator, business: str, *, promo_share: float, captions: bool) -> str:
    """A post text for ``business``: promotional with chance ``promo_share``.

    ``captions`` adds a blank line and hashtags, as Instagram and Facebook
    captions have (quoted newlines in the export).
    """
    promo = PROMO.get(business, [])
    if promo and rng.random() < promo_share:
        text = promo[int(rng.integers(0, len(promo)))]
    else:
        pool = TEXTS[business]
        text = pool[int(rng.integers(0, len(pool)))]
    return f"{text}\n\n{HASHTAGS[business]}" if captions else text


def is_promotional(text: str) -> bool:
    """True for a self-promotional post text (price, sale, buy now, code, shop link).

    Examples
    --------
    >>> is_promotional("Buy now: only £12.50")
    True
    >>> is_promotional("What are you making this week?")
    False
    """
    return bool(_PROMO_WORDS.search(text))
