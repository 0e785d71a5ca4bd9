"""polemos: news reports about armed conflict and diplomacy in, source-attributed events out."""

__version__ = "0.1.0"

from .coder import Coder
from .records import (
    Acled,
    Actor,
    Analysis,
    Article,
    Claim,
    ClaimRelation,
    DateMention,
    Document,
    Event,
    EventDate,
    Fatalities,
    Location,
    Mention,
    Party,
    PartyCount,
    PlaceMention,
    Quote,
    Rejection,
    Span,
    Speaker,
)

__all__ = [
    "Acled", "Actor", "Analysis", "Article", "Claim", "ClaimRelation", "Coder", "DateMention", "Document",
    "Event", "EventDate", "Fatalities", "Location", "Mention", "Party", "PartyCount", "PlaceMention", "Quote",
    "Rejection", "Span", "Speaker", "__version__",
]
