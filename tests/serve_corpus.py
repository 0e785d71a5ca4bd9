"""The corpus the server tests read (no test functions here): the cross-article claim pairs of
crossclaims_articles.py (our own wire-style texts) and two more reports of ours, so that the views
have contradicting and corroborating claims, several countries and outlets to filter by."""

from __future__ import annotations

from crossclaims_articles import ARTICLES, article

QUETTA_POST = article("quetta-post", "2026-03-03", "Frontier Post", (
    "QUETTA - Gunmen killed six policemen at a checkpoint in Quetta on Monday, officials said.\n\n"
    "A senior police officer said the attackers fled towards the mountains.\n"))

QUETTA_LEDGER = article("quetta-ledger", "2026-03-03", "Daily Ledger", (
    "QUETTA - Gunmen shot dead six policemen at a checkpoint in Quetta on Monday, police said.\n\n"
    "The provincial government condemned the attack.\n"))

CORPUS = (*ARTICLES, QUETTA_POST, QUETTA_LEDGER)


def build(url: str) -> None:
    """Code and store the corpus at `url` (a SQLite path or a PostgreSQL URL)."""
    from polemos.batch import ingest
    from polemos.store import Store

    with Store(url) as store:
        ingest(list(CORPUS), store)
