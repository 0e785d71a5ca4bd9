"""The names polemos codes with: PLOVER roots and modes, ACLED sub-event types, factuality.

One place for the vocabularies that the label schema, the learned steps and the exports share
(docs/event-codebook.md explains each).
"""

from __future__ import annotations

ROOTS = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
MODES: dict[str, tuple[str, ...]] = {
    "ASSAULT": ("abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms", "explosives",
                "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control", "unconventional"),
    "COERCE": ("seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
               "misinformation", "cyber"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"),
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "THREATEN": ("restrict", "arrest", "relations", "expel", "territory", "violence"),
    "REQUEST": ("assist", "change", "yield", "meet"),
    "REJECT": ("assist", "change", "yield", "meet"),
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
}
ACLED_SUBTYPES: dict[str, str] = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Air/drone strike": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Chemical weapon": "Explosions/Remote violence",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Sexual violence": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
}
FACTUALITY = ("asserted", "negated", "hypothetical", "habitual", "denied", "restated")

# A proposal the learned judge doubts is an event at all: kept among the unasserted events (a
# sentence-level coder can still read it), never live. Not a label: annotators say "no event".
DOUBTFUL = "doubtful"

# The events an analyst counts: every other factuality is kept in the output, never live.
LIVE = "asserted"

# The ACLED sub-event types an event of each root can take (docs/event-codebook.md §4).
ROOT_ACLED: dict[str, tuple[str, ...]] = {
    "ASSAULT": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory", "Air/drone strike",
                "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Suicide bomb", "Grenade",
                "Chemical weapon", "Attack", "Abduction/forced disappearance", "Sexual violence", "Mob violence",
                "Excessive force against protesters", "Violent demonstration", "Looting/property destruction"),
    "COERCE": ("Arrests", "Disrupted weapons use", "Looting/property destruction", "Protest with intervention",
               "Non-state actor overtakes territory", "Government regains territory", "Change to group/activity", "Other"),
    "PROTEST": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters",
                "Violent demonstration", "Mob violence"),
    "AGREE": ("Agreement",),
    "RETREAT": ("Non-violent transfer of territory", "Change to group/activity", "Agreement", "Other"),
    "MOBILIZE": ("Change to group/activity", "Headquarters or base established", "Other"),
}

# The CAMEO root an event takes when the learned typer gives it another PLOVER root than its trigger.
ROOT_CAMEO: dict[str, str] = {
    "AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06", "AID": "07", "CONCEDE": "08",
    "RETREAT": "08", "REQUEST": "10", "ACCUSE": "11", "REJECT": "12", "THREATEN": "13", "PROTEST": "14",
    "MOBILIZE": "15", "SANCTION": "16", "COERCE": "17", "ASSAULT": "19",
}
