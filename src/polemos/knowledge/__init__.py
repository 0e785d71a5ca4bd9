"""What polemos knows about actors, read from data files; no spaCy here."""

from .actors import Agent, Entry, KnowledgeBase, load_knowledge, user_files
from .cameo import load_cameo_actors, load_cameo_agents, party_from_code, split_code

__all__ = [
    "Agent",
    "Entry",
    "KnowledgeBase",
    "load_cameo_actors",
    "load_cameo_agents",
    "load_knowledge",
    "party_from_code",
    "split_code",
    "user_files",
]
