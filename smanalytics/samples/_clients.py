"""The six sample businesses, in manifest order, with the builder that writes each one's exports."""

from __future__ import annotations

from smanalytics.samples._common import END, Client
from smanalytics.samples._growth import bnb, cafe, fitness
from smanalytics.samples._talk import craft, lemonade, salon

__all__ = ["END", "CLIENTS", "Client"]

CLIENTS: tuple[Client, ...] = (
    Client(
        "lucys-lemonade", "Lucy's Lemonade", 2, "a lemonade stall run by a 12-year-old and her dad", lemonade
    ),
    Client("corner-cafe", "The Corner Café", 3, "a neighbourhood café, busiest at weekends", cafe),
    Client("hair-salon", "Shear Delight Salon", 3.5, "a two-chair hair salon", salon),
    Client("seaside-bnb", "Seaside B&B", 2.5, "a four-room bed & breakfast by the sea", bnb),
    Client("craft-shop", "Knot & Needle Craft Shop", 5, "a yarn and craft-kit shop with a web shop", craft),
    Client("fitness-coach", "Coach Maya Fitness", 5.5, "a personal trainer with online classes", fitness),
)
