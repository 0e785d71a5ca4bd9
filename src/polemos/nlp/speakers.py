"""Who speaks: a cue's subject read into a `Speaker`, and later references tied back to it.

A document's speakers are kept in a `SpeakerBook` in reading order, so "he added" finds the last
person it can refer to (by gender and number), "the broadcaster" or "the state outlet" the last
media speaker, "the official" the last speaker described as an official, and "Aweis" or "the RTA"
the speaker first written "information minister Daud Aweis" or "Radio Television of Afghanistan
(RTA)". Role words, titles, media names and anonymity phrases come from data/says/; the party a
phrase names (country, sector, canonical name) comes from the actors step when it is present.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..attribution import Attribution, Role
from ..records import Party, Speaker, replace

PartyOf = Callable[[Doc, Token | Span], Party | None]

# Pronoun -> (gender, plural, person): grammar, not knowledge of the world.
PRONOUNS: dict[str, tuple[str | None, bool, bool | None]] = {
    "he": ("m", False, True),
    "she": ("f", False, True),
    "they": (None, True, None),
    "it": (None, False, False),
    "we": (None, True, None),
}
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
WINDOW = 3  # sentences a pronoun looks back for a named subject
_RELATIVE = frozenset({"who", "that", "which"})
_INDEFINITE = frozenset({"someone", "somebody", "some", "others", "many", "one", "several", "few", "anyone", "nobody"})
_CLAUSES = frozenset({"relcl", "acl", "advcl", "conj", "cc"})
_CONNECTORS = frozenset({"of", "for", "the", "and", "-", "al", "el", "bin"})
_DEFINITE = frozenset({"the", "this", "that"})
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "PTY"})
_ARMED_SECTORS = frozenset({"REB", "INS", "SEP", "TER"})


@dataclass
class Referent:
    """A speaker already met in the document, with what later references can match on."""

    speaker: Speaker
    words: frozenset[str]
    kind: str
    person: bool
    plural: bool
    gender: str | None
    aliases: frozenset[str] = field(default_factory=frozenset)


def _phrase(head: Token) -> list[Token]:
    """The speaker's noun phrase without its clauses: "An aid worker in the area, who asked ..." -> "An aid worker in the area"."""
    dropped: set[int] = set()
    for token in head.subtree:
        if token is not head and token.dep_ in _CLAUSES and token.i not in dropped:
            dropped.update(t.i for t in token.subtree)
    kept = [t for t in head.subtree if t.i not in dropped]
    while kept and (kept[-1].is_punct and kept[-1].text not in {")"}):
        kept.pop()
    while kept and kept[0].is_punct:
        kept.pop(0)
    return kept


def _name_runs(tokens: list[Token], kb: Attribution) -> list[list[Token]]:
    """Runs of proper-noun tokens ("Radio Television of Afghanistan", "Al-Fateh Qurashi"), titles and role words excluded."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    for t in tokens:
        role = kb.roles.get(t.lower_)
        named = t.text[:1].isupper() and (t.pos_ == "PROPN" or t.tag_ == "NNP" or (t.is_upper and len(t) > 1))
        # "Radio Television of Afghanistan", "Rapid Support Forces": body words can be part of a name
        proper = named and (role is None or (not role.person and role.kind != "title" and t.is_title))
        joined = current and t.lower_ in _CONNECTORS and not (t.lower_ == "-" and t.whitespace_)
        if proper:
            current.append(t)
        elif joined:
            current.append(t)
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    cleaned = []
    for run in runs:
        while run and run[-1].lower_ in _CONNECTORS:
            run = run[:-1]
        while run and run[0].lower_ in _CONNECTORS:
            run = run[1:]
        if run:
            cleaned.append(run)
    return cleaned


def _specific(party: Party) -> bool:
    """A party that is someone (Hamas, Pakistan), not only a sector ("state media", "rebels")."""
    return party.country is not None or (party.id is not None and party.id != party.sector)


def _text(tokens: list[Token]) -> str:
    doc = tokens[0].doc
    return doc[tokens[0].i : tokens[-1].i + 1].text


class SpeakerBook:
    """The speakers of one document, in reading order."""

    def __init__(self, doc: Doc, kb: Attribution, party_of: PartyOf | None = None) -> None:
        self.doc = doc
        self.kb = kb
        self.party_of = party_of
        self.referents: list[Referent] = []
        self.ents = {t.i: ent.label_ for ent in doc.ents for t in ent}
        self.known: set[int] = set()  # tokens the gazetteer named (demonyms, countries, groups)
        self.named: dict[int, Party] = {}  # token -> the party of the gazetteer name it is in
        for span in doc.spans.get("polemos_gazetteer", []):
            self.known.update(range(span.start, span.end))
            if span._.party is not None:
                for t in span:
                    self.named[t.i] = span._.party
            for t in span:
                self.ents.setdefault(t.i, span.label_)

    # -- reading one phrase -------------------------------------------------------------------
    def _roles(self, tokens: list[Token]) -> list[tuple[Token, Role]]:
        found = []
        for t in tokens:
            role = self.kb.roles.get(t.lower_) or self.kb.roles.get(t.lemma_.lower())
            if role is not None and role.kind != "title":
                found.append((t, role))
        return found

    def _anonymity(self, head: Token) -> bool:
        sentence = head.sent.text.lower()
        return any(phrase in sentence for phrase in self.kb.anonymity)

    def _media(self, words: set[str], lowered: str, roles: list[tuple[Token, Role]]) -> str | None:
        outlet = next((kind for name, kind in self.kb.outlets.items() if f" {name} " in f" {lowered} "), None)
        is_media = outlet is not None or any(r.kind == "media" for _, r in roles) or any(p in lowered for p in self.kb.media_phrases)
        if not is_media:
            return None
        if outlet == "state" or words & self.kb.state_markers or any(w.endswith("-run") for w in words):
            return "state media"
        return "independent media"

    def read(self, head: Token) -> Referent:
        """A new speaker from the phrase headed by `head`."""
        kb = self.kb
        tokens = _phrase(head)
        if not tokens:
            tokens = [head]
        text = _text(tokens)
        lowered = text.lower()
        words = {t.lower_ for t in tokens} | {t.lemma_.lower() for t in tokens}
        roles = self._roles(tokens)
        head_role = next((r for t, r in roles if t is head), None)
        runs = _name_runs(tokens, kb)
        own = next((run for run in runs if head in run), None)
        if own is None:
            appos = [c for c in head.children if c.dep_ == "appos"]
            own = next((run for run in runs for a in appos if a in run and a.pos_ == "PROPN"), None)
        if own is None and (head_role is None or not head_role.person):
            # "the state-run Global New Light of Myanmar newspaper", "the state news agency SUNA": a body's name
            own = next((run for run in runs if run[-1].i == head.i - 1 and any(t.is_title for t in run)), None) or next(
                (run for run in runs if run[0].i == head.i + 1), None
            )
            if own is None:  # the parser may hang "SUNA" outside the phrase it names
                after = []
                for t in self.doc[head.i + 1 : head.i + 5]:
                    if t.pos_ != "PROPN" or not t.text[:1].isupper() or t.is_sent_start:
                        break
                    after.append(t)
                own = after or None
        if own is None and head_role is not None and head_role.person:
            # "The governor of Norte de Santander, William Villamizar": the name set off by a comma
            own = next(
                (run for run in reversed(runs) if len(run) >= 2 and run[0].i > 0 and self.doc[run[0].i - 1].text == ","),
                None,
            )
        acronym = next((run[0].text for run in runs if len(run) == 1 and run[0].is_upper and run is not own and run[0].i > 0 and self.doc[run[0].i - 1].text == "("), None)
        others = [run for run in runs if run is not own and (acronym is None or run[0].text != acronym)]
        person_role = next((r for _, r in roles if r.person), None)
        body_role = next((r for _, r in roles if not r.person), None)
        label = self.ents.get(own[-1].i) if own else None
        party = self.named.get(head.i) or (self.party_of(self.doc, head) if self.party_of else None)
        if party is not None and not _specific(party):
            party = None  # "the military", "the broadcaster": a sector with no one behind it names nobody
        if own is not None:
            if person_role is not None and (head_role is None or head_role.person):
                person = True
            elif label == "PERSON":
                person = True
            elif body_role is not None or label in {"ORG", "GPE", "NORP", "FAC"} or (party and party.sector):
                person = False
            else:
                person = len(own) >= 2 and all(t.is_title for t in own if t.lower_ not in _CONNECTORS)
        else:
            role = head_role or person_role or body_role
            person = role.person if role is not None else head.tag_ in {"NNS", "NN"} and self._anonymity(head)
        name_tokens = own
        name = _text(name_tokens) if name_tokens else None
        if name is None and party is not None and not person and party.name:
            name = party.name
        plural = head.tag_ in {"NNS", "NNPS"} or "Plur" in head.morph.get("Number")
        role_word = next((t for t, r in roles if r.person and (head_role is None or t is head or not head_role.person)), None)
        role_text = None
        if role_word is not None:
            chain, start = {role_word.i}, role_word.i
            for t in reversed(list(self.doc[head.left_edge.i : role_word.i])):
                named = t.i in self.known or self.ents.get(t.i) in {"NORP", "GPE"} or any(t in run for run in runs)
                if t.head.i in chain and t.dep_ in {"compound", "amod", "nmod"} and (
                    not named or t.is_title and role_word.is_title and not t.is_upper
                ):
                    chain.add(t.i)
                    start = t.i
                else:
                    break
            role_text = self.doc[start : role_word.i + 1].text.lower()
        affiliation = None
        country = None
        own_ids = {t.i for t in own} if own else set()
        modifier = next(
            (self.named[t.i] for t in tokens if t.i in self.named and t.i not in own_ids and _specific(self.named[t.i])),
            None,
        )
        if person and modifier is not None and (modifier.sector or not (party and party.sector)):
            party = modifier  # "RSF spokesman X": the group named beside the role, not the role's guess
        affiliation_party = party
        if party is not None and (not person or party.name != name):
            affiliation = party.name if party.name != name else None
            country = party.country
        if affiliation is None and others:
            affiliation = _text(others[0])
            if self.party_of is not None:
                found = self.party_of(self.doc, others[0][-1])
                if found is not None and _specific(found):
                    affiliation_party = found
                if affiliation_party is not None:
                    affiliation = affiliation_party.name or affiliation
                    country = country or affiliation_party.country
        sector = (affiliation_party.sector or "") if affiliation_party else ""
        for t in tokens:  # "RSF spokesman", "senior Hamas official", "... (JNIM)": the group a phrase names
            named = self.named.get(t.i)
            if named is not None and named.sector and _specific(named):
                sector += named.sector
        codes = {sector[i : i + 3] for i in range(0, len(sector), 3)}
        kinds = {r.kind for _, r in roles}
        media = self._media(words, lowered, roles)
        if media is None and "MED" in codes and not person:
            media = "state media" if codes & _STATE_SECTORS else "independent media"
        anonymous = person and name is None and "armed" not in kinds
        if media is not None and not (person_role and person_role.kind != "media"):
            source_type = media
        elif "armed" in kinds or codes & _ARMED_SECTORS:
            source_type = "armed group"
        elif "spokesperson" in kinds:
            source_type = "spokesperson"
        elif "witness" in kinds:
            source_type = "witness"
        elif "ngo" in kinds and not kinds & {"official", "source"}:
            source_type = "other"
        elif (
            kinds & {"official", "source", "institution"}
            or codes & _STATE_SECTORS
            or (not person and (label == "GPE" or (party is not None and party.country and not party.sector)))
        ):
            source_type = "anonymous official" if anonymous else "official"
        else:
            source_type = "other"
        gender = next((r.gender for _, r in roles if r.gender), None)
        for t in tokens:
            title = kb.roles.get(t.lower_)
            if title is not None and title.kind == "title" and title.gender:
                gender = title.gender
        aliases: set[str] = set()
        if name:
            aliases.add(name.lower())
            if person and name_tokens:
                aliases.add(name_tokens[-1].lower_)
        if acronym:
            aliases.add(acronym.lower())
        speaker = Speaker(
            text=text,
            name=name,
            role=role_text,
            affiliation=affiliation,
            country=country,
            anonymous=anonymous,
            source_type=source_type,  # type: ignore[arg-type]
        )
        kind = "media" if media else (head_role.kind if head_role else (person_role or body_role).kind if (person_role or body_role) else "other")
        return Referent(speaker, frozenset(words), kind, person, plural, gender, frozenset(aliases))

    # -- references -----------------------------------------------------------------------------
    def _pronoun(self, word: str) -> Referent | None:
        gender, plural, person = PRONOUNS[word]
        for ref in reversed(self.referents):
            if person is True and (not ref.person or ref.plural or (ref.gender and gender and ref.gender != gender)):
                continue
            if person is False and (ref.person or ref.plural):
                continue
            if person is None and not (ref.plural or not ref.person):
                continue
            if gender and ref.gender is None:
                ref.gender = gender
            return ref
        return None

    def _described(self, head: Token, fresh: Referent) -> Referent | None:
        """A definite description ("the official", "the broadcaster", "the RTA") of a speaker met before."""
        for ref in reversed(self.referents):
            if fresh.speaker.name and fresh.speaker.name.lower() in ref.aliases:
                return ref
            if fresh.speaker.name and " " not in fresh.speaker.name and fresh.aliases & ref.aliases:
                return ref  # "Aweis", "ISPR": a short name of someone met before (a full name is a new person)
        definite = any(c.lower_ in _DEFINITE for c in head.children if c.dep_ == "det")
        if not definite or fresh.speaker.name:
            return None
        for ref in reversed(self.referents):
            if head.lemma_.lower() in ref.words or head.lower_ in ref.words:
                return ref
            if fresh.kind == "media" and ref.kind == "media":
                return ref
        return None

    def speaker_for(self, head: Token) -> Speaker | None:
        """The speaker a subject (or "according to" object) names, adding it to the book when new."""
        word = head.lower_
        if word == "one" and any(c.dep_ == "prep" and any(g.lower_ == "them" for g in c.children) for c in head.children):
            word = "they"
        if word in _RELATIVE and head.head.dep_ == "relcl" and head.head.head is not head.head:
            return self.speaker_for(head.head.head)  # "Smith, who said ...": the noun the clause is about
        if word in PRONOUNS:
            ref = self._pronoun(word) or self._named_before(head, word)
            return ref.speaker if ref else self._unresolved(head)
        if head.pos_ == "PRON":
            return self._unresolved(head)
        fresh = self.read(head)
        known = self._described(head, fresh)
        if known is not None:
            self.referents.remove(known)
            self.referents.append(known)
            return known.speaker
        self.referents.append(fresh)
        return fresh.speaker

    def _named_before(self, head: Token, word: str) -> Referent | None:
        """A pronoun no speaker before it can be: the nearest earlier named subject it can be
        ("Minister X visited the front. 'Our lines hold,' he said"), at most WINDOW sentences back.
        `word` is the pronoun as read ("one of them" reads as "they"), not always the head's text."""
        gender, plural, person = PRONOUNS[word]
        sentence = head.sent
        for _ in range(WINDOW + 1):
            for token in reversed([t for t in sentence if t.i < head.i]):
                if token.dep_ not in _SUBJECTS or token.pos_ != "PROPN":
                    continue
                ref = self.read(token)
                if person is True and (not ref.person or ref.plural or (ref.gender and gender and ref.gender != gender)):
                    continue
                if person is False and (ref.person or ref.plural):
                    continue
                if person is None and ref.person and not ref.plural:
                    continue
                if gender and ref.gender is None:
                    ref.gender = gender
                self.referents.append(ref)
                return ref
            if sentence.start == 0:
                return None
            sentence = self.doc[sentence.start - 1].sent
        return None

    def _unresolved(self, head: Token) -> Speaker:
        """A pronoun nobody before it can be ("She says ..." opening an article, "I", "some"):
        still the speaker of what follows, named as written; an indefinite one withholds a name."""
        word = head.lower_
        indefinite = word in _INDEFINITE
        return Speaker(
            text=head.text,
            name=None,
            role=None,
            affiliation=None,
            country=None,
            anonymous=indefinite,
            source_type="other",
        )

    def at(self, speaker: Speaker, head: Token) -> Speaker:
        """The speaker as named at this mention: the words headed by `head` ("he", "a senior
        official who declined to be named") with their offsets, the rest from whom they resolve to."""
        tokens = [head] if head.lower_ in PRONOUNS or head.pos_ == "PRON" else _phrase(head) or [head]
        words = self.doc[tokens[0].i : tokens[-1].i + 1]
        return replace(speaker, start=words.start_char, end=words.end_char, mention=words.text)

    def last(self) -> Speaker | None:
        return self.referents[-1].speaker if self.referents else None
