"""Where: place mentions geocoded in the article's context, and the place that governs each event.

Candidates are the gazetteer's place spans, the statistical NER's GPE/LOC/FAC entities and
capitalised proper nouns after a locative preposition ("near Kabul") that the place index knows.
A name used as an actor is not a place: the subject or possessor of a clause ("Kabul wants…",
"Pakistan's army") unless a locative preposition governs it, a demonym, a name inside an
organisation's name. All names of the article are resolved together (polemos.geo.Geocoder), with
the dateline's country as context.

Each event gets the place of the locative phrase attached to its trigger or to the clause above it
("talks in Istanbul", "agreed to a ceasefire in Doha", "airstrikes near Kabul"), else the
sentence's place. "Near the border with X" is the border on the side of the party the event
belongs to (its actor's country, else the dateline's): a country-precision location.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..geo.gazetteer import Place
from ..geo.geocoder import Geocoder, Toponym, generic_words, geocoder, listed_at, qualifier_at
from ..records import Event, Location, PlaceMention, replace
from .extensions import get_list, register_extensions
from .reading import GAZETTEER_GROUP
from .screening import WordScreen, both, pos_flags, positions

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Prepositions that put what follows on the map; "from" and "with" name origins and partners.
LOCATIVE = {"in", "at", "near", "outside", "inside", "across", "along", "around", "into", "on", "within",
            "throughout", "off", "over", "towards", "toward", "beyond", "across", "through", "nearby", "behind"}
RECOGNISING = LOCATIVE | {"from", "to", "between", "of", "via"}
BORDER_WORDS = {"border", "frontier", "boundary", "borderland", "borders"}
ACTOR_DEPS = {"nsubj", "nsubjpass", "poss", "agent", "csubj"}
# Dependencies that start a new clause: a place inside one belongs to that clause's events.
CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "conj", "ROOT"}
SENTENCE_PLACE = 3
# A place the sentence names without tying it to any clause ("overran Mosul" mis-parsed, "neighbourhoods
# of Taiz"): still where the sentence's events happened unless a closer phrase says otherwise.
NAMED_IN_SENTENCE = 4
# How many sentences back an event with no place of its own looks for the place of the report.
CONTEXT_SENTENCES = 3
# Events whose patient may be a place: what is shelled, struck, besieged or seized is where it happened.
PATIENT_PLACE_TYPES = {"ASSAULT", "COERCE"}
DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
              "north-east", "north-west", "south-east", "south-west"}
_REMEMBERED_NAMES = 100_000  # names whose index answer is kept between documents (a bound on memory)
_RECOGNISING_WORD = WordScreen("LOWER", lambda word: word in RECOGNISING)
_CAPITALISED = WordScreen("ORTH", lambda word: word[:1].isupper())
_BORDER_WORD = WordScreen("LEMMA", lambda lemma: lemma.lower() in BORDER_WORDS)


@dataclass(frozen=True, slots=True)
class _Found:
    """A resolved place in the text, with the token that carries it in the parse."""

    span: Span
    place: Place
    mention: PlaceMention


@Language.factory(
    "polemos_where",
    requires=["doc.sents", "token.dep", "token.pos"],
    assigns=["doc._.places", "doc._.event_locations", "doc._.context_locations"],
)
def make_where(nlp: Language, name: str) -> "WhereFinder":
    register_extensions()
    return WhereFinder(geocoder())


class WhereFinder:
    def __init__(self, coder: Geocoder) -> None:
        self.geocoder = coder
        self.index = coder.index
        self._frame_cache: tuple[str, list[str]] | None = None
        self._regional: dict[str, bool] = {}

    def __call__(self, doc: Doc) -> Doc:
        self._frame_cache = None
        found = self.places(doc)
        doc._.places = [f.mention for f in found]
        doc._.event_locations = located = self.locate_events(doc, found)
        doc._.context_locations = self.context_locations(doc, found, located)
        return doc

    # --- recognition and resolution ------------------------------------------------------------

    def candidate_spans(self, doc: Doc) -> list[Span]:
        metonyms = {(m.start, m.end) for m in get_list(doc, "mentions") if m.source == "metonym"}
        spans: list[Span] = []
        if GAZETTEER_GROUP in doc.spans:
            spans.extend(s for s in doc.spans[GAZETTEER_GROUP] if s.label_ in ("GPE", "LOC"))
        spans.extend(e for e in doc.ents if e.label_ in PLACE_LABELS)
        spans.extend(self._after_prepositions(doc))
        spans.extend(self._known_regions(doc))
        blocked = [t for s in list(doc.ents) + list(doc.spans.get(GAZETTEER_GROUP, []))
                   if s.label_ in ("ORG", "NORP", "PERSON") and (t := _trim(s)) is not None]
        chosen: list[Span] = []
        taken: set[int] = set()
        for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
            span = _trim(span)
            if span is None or taken.intersection(range(span.start, span.end)):
                continue
            if (span.start_char, span.end_char) in metonyms or _inside(span, blocked) or self._is_actor(span):
                continue
            if span.text.lower().rstrip(".") in not_places():
                continue
            if not self.index.knows(span.text) and self.index.variant(span.text) is None:
                continue
            if _acronym(span) and not any(_initials_of(p, span.text) for p in self.index.lookup(span.text)):
                continue  # "the APC", "NATO": an organisation's initials, not the Hungarian town of Apc
            chosen.append(span)
            taken.update(range(span.start, span.end))
        return sorted(chosen, key=lambda s: s.start)

    def _after_prepositions(self, doc: Doc) -> list[Span]:
        """Capitalised proper nouns right after "in", "near", "outside the", "in rural" … that the index knows."""
        named = _named_tokens(doc)
        n = len(doc)
        spans = []
        for k in positions(both(_RECOGNISING_WORD.flags(doc), pos_flags(doc, "ADP", "SCONJ"))):
            i = k + 1
            if i < n and doc[i].lower_ == "the":
                i += 1
            while i < n and doc[i].pos_ == "ADJ" and doc[i].is_lower and i - k <= 3:
                i += 1  # "in rural Tibu", "near the northern Kharkiv": a describing word before the name
            j = _run_end(doc, named, i)
            if j > i:
                spans.append(Span(doc, i, j, label="GPE"))
        return spans

    def _known_regions(self, doc: Doc) -> list[Span]:
        """Proper-noun runs that name a country, province, region or border anywhere ("the Durand Line")."""
        named = _named_tokens(doc)
        spans = []
        i = 0
        n = len(doc)
        while i < n:
            if not named[i]:
                i += 1
                continue
            j = _run_end(doc, named, i)
            for start in range(i, j):  # longest known name (up to 4 words) inside the run
                if doc[start].lower_ in CONNECTORS:
                    continue
                for end in range(min(j, start + 4), start, -1):
                    if doc[end - 1].lower_ in CONNECTORS:
                        continue
                    if end - start < j - i and (len(doc[start:end].text) <= 3 or doc[start:end].text.lower() in generic_words()):
                        continue  # "Pa" in "Nam Lin Pa" is no Pennsylvania, "East" in "East Gojjam" no region
                    if self._names_region(doc[start:end].text):
                        spans.append(Span(doc, start, end, label="LOC"))
                        break
            i = j
        return spans

    def _names_region(self, text: str) -> bool:
        """Whether some place of this name is more than a town or a county (kept per name: the index is fixed)."""
        known = self._regional.get(text)
        if known is None:
            if len(self._regional) >= _REMEMBERED_NAMES:
                self._regional.clear()
            known = self._regional[text] = any(p.kind not in ("city", "admin2") for p in self.index.lookup(text))
        return known

    @staticmethod
    def _is_actor(span: Span) -> bool:
        """A name as subject or possessor, with no locative preposition over it, is an actor."""
        root = span.root
        if root.pos_ == "ADJ":  # "Afghan", "Pakistani": demonyms describe, they do not locate
            return True
        if _owns_place(root):
            return False  # "Kabul's Dasht-e-Barchi area", "Jharkhand's Ramgarh district": a place in a place
        if root.dep_ in ACTOR_DEPS or (root.dep_ == "conj" and root.head.dep_ in ACTOR_DEPS):
            return True
        return root.tag_ == "POS" or (root.i + 1 < len(root.doc) and root.doc[root.i + 1].tag_ == "POS")

    def places(self, doc: Doc) -> list[_Found]:
        spans = self.candidate_spans(doc)
        if not spans:
            return []
        toponyms = [Toponym(s.text, s.start_char, s.end_char, self._qualifier(s), _listed(s)) for s in spans]
        results = self.geocoder.resolve(toponyms, countries=self._frame(doc))
        found = []
        for span, toponym, result in zip(spans, toponyms, results):
            if result is None:
                continue
            p = self._within_qualifier(result.place, toponym.qualifier)
            mention = PlaceMention(text=span.text, start=span.start_char, end=span.end_char, name=p.name,
                                   country=p.country, lat=p.lat, lon=p.lon, geonames_id=p.geonames_id,
                                   precision=p.precision)  # type: ignore[arg-type]
            found.append(_Found(span, p, mention))
        return found

    def _within_qualifier(self, place: Place, qualifier: str | None) -> Place:
        """ "Kani township, Sagaing region" where the index knows no Kani in Myanmar: the region the
        text puts it in, rather than a namesake abroad."""
        if qualifier is None:
            return place
        areas = [q for q in self.index.lookup(qualifier) if q.kind in ("country", "admin1", "region")]
        if not areas or any(place.country in q.countries for q in areas):
            return place
        return max(areas, key=lambda q: q.population or 0)

    def _qualifier(self, span: Span) -> str | None:
        """ "Paris, Texas": read from the few tokens after the name (Doc.text is costly to build)."""
        doc = span.doc
        end = span.end
        if end < len(doc) and doc[end].lower_ in KIND_WORDS:
            end += 1  # "Kani township, Sagaing region"
        if end >= len(doc) or doc[end].text != ",":
            return None
        return qualifier_at(doc[end : min(len(doc), end + 5)].text_with_ws, 0, self.index)

    def _frame(self, doc: Doc) -> list[str]:
        """The dateline's country frames the article's names."""
        dateline = doc._.dateline
        if not dateline:
            return []
        if self._frame_cache is None or self._frame_cache[0] != dateline:
            place = self.geocoder.resolve_one(str(dateline).title())
            self._frame_cache = (dateline, [place.country] if place and place.country else [])
        return list(self._frame_cache[1])

    # --- events ------------------------------------------------------------------------------

    def locate_events(self, doc: Doc, found: list[_Found]) -> dict[str, Location]:
        events: list[Event] = get_list(doc, "events")
        if not events:
            return {}
        borders = self._borders(doc, found, events)
        national = self._national_places(doc, found)
        options = {}
        parties = _party_tokens(doc)
        for event in events:
            trigger = _trigger_token(doc, event)
            if trigger is not None:
                options[event.id] = self._options(trigger, found, {**national, **borders.get(event.id, {})}, parties,
                                                  patient=event.type in PATIENT_PLACE_TYPES)
        # A phrase that hangs from one event's trigger or clause is that event's, not its neighbours'.
        claimed = {(eid, o[2]) for eid, opts in options.items() for o in opts if o[0] < SENTENCE_PLACE}
        located: dict[str, Location] = {}
        for eid, opts in options.items():
            usable = [o for o in opts if o[0] < SENTENCE_PLACE
                      or not any((other, o[2]) in claimed for other in options if other != eid)]
            if usable:
                located[eid] = _finest(usable)
        self._share_with_conjuncts(doc, events, located)
        return located

    def context_locations(self, doc: Doc, found: list[_Found], located: dict[str, Location]) -> dict[str, Location]:
        """Where an event happened when its own sentence names no place: the report's place. ACLED and
        UCDP code every event with a location; a wire story names the town once ("Police later cleared
        the road" after "protesters blocked a highway near Cusco"). A place of its sentence that another
        event's phrase holds, else the nearest place named in the few sentences before, else the article's principal country (its dateline's, else the country its
        places name most), marked `source="context"` so a reader can tell it was not read off the sentence."""
        events: list[Event] = get_list(doc, "events")
        missing = [e for e in events if e.id not in located]
        if not missing:
            return {}
        sentence_of = {s.start: n for n, s in enumerate(doc.sents)}
        starts = sorted(sentence_of)

        def index(token_i: int) -> int:
            return sentence_of[starts[bisect.bisect_right(starts, token_i) - 1]]

        placed = [(index(f.span.start), f) for f in found if f.place.kind != "country"]
        principal = self._principal(doc, found)
        result: dict[str, Location] = {}
        for event in missing:
            trigger = _trigger_token(doc, event)
            if trigger is None:
                continue
            here = index(trigger.i)
            # the sentence's own places first (one another event claimed), nearest to the trigger; then the sentences before
            earlier = [(n, f) for n, f in placed if here - CONTEXT_SENTENCES <= n <= here]
            if earlier:
                nearest = max(earlier, key=lambda x: (x[0], -abs(x[1].span.start - trigger.i) if x[0] == here else x[1].span.start))
                result[event.id] = replace(_location(nearest[1]), source="context")
            elif principal is not None:
                result[event.id] = principal
            else:
                country = self._parties_country(doc, event)
                if country is not None:
                    result[event.id] = country
        return result

    def _parties_country(self, doc: Doc, event: Event) -> Location | None:
        """An article that names no place at all: the country of the side the act is done in (the
        target's for an attack or a coercion, the actor's otherwise), else the country its actors
        belong to most."""
        sides = (event.target, event.actor) if event.type in PATIENT_PLACE_TYPES else (event.actor, event.target)
        countries = [p.country for p in sides if p is not None and p.country]
        if not countries:
            counts = Counter(m.party.country for m in get_list(doc, "mentions") if m.party is not None and m.party.country)
            countries = [c for c, _ in counts.most_common(1)]
        return self._country_context(countries[0]) if countries else None

    def _principal(self, doc: Doc, found: list[_Found]) -> Location | None:
        frame = self._frame(doc)
        counts = Counter(f.place.country for f in found if f.place.country)
        for country in frame:
            counts[country] += 2
        if not counts:
            return None
        country = max(counts, key=lambda c: (counts[c], -min((f.span.start for f in found if f.place.country == c), default=0)))
        return self._country_context(country)

    def _country_context(self, code: str) -> Location | None:
        """A country as the report's place: country precision, marked as read from the context."""
        home = self.index.country(code)
        if home is None:
            return None
        return Location(text=home.name, name=home.name, country=home.country, lat=home.lat, lon=home.lon,
                        geonames_id=home.geonames_id, precision="country", source="context")

    @staticmethod
    def _share_with_conjuncts(doc: Doc, events: list[Event], located: dict[str, Location]) -> None:
        """ "Struck positions east of X and destroyed two vehicles": a verb coordinated with an
        event's trigger, with no place of its own, happened where that event did."""
        by_token = {}
        for event in events:
            trigger = _trigger_token(doc, event)
            if trigger is not None and event.id in located:
                by_token.setdefault(trigger.i, located[event.id])
        for event in events:
            trigger = _trigger_token(doc, event)
            if (event.id not in located and trigger is not None and trigger.dep_ == "conj"
                    and trigger.pos_ == "VERB" and trigger.head.i in by_token):
                located[event.id] = by_token[trigger.head.i]

    def _options(self, trigger: Token, found: list[_Found], borders: dict[int, Location],
                 parties: set[int], patient: bool = False) -> list[tuple[int, int, int, Location]]:
        """(attachment rank, distance, token, location) for each locative phrase of the trigger's
        sentence, and for a place the trigger acts on ("shelled X", "the siege of X") when `patient`."""
        sent = trigger.sent
        options: list[tuple[int, int, int, Location]] = []
        for f in found:
            if not (sent.start <= f.span.start < sent.end):
                continue
            if patient and _is_patient(f.span.root, trigger):
                options.append((0, abs(f.span.start - trigger.i), f.span.start, _location(f)))
                continue
            prep = _locative_head(f.span.root)
            if prep is not None:
                rank = _attachment(trigger, prep.head)
                if rank == 2 and prep.head.i in parties and not _acted_on(prep.head, trigger) and not _is_facility(prep.head):
                    rank = SENTENCE_PLACE  # "the government in Kabul" names a party, not a scene
                options.append((rank, abs(f.span.start - trigger.i), f.span.start, _location(f)))
            elif f.place.kind != "country":  # a bare country name is more often a party than a scene
                options.append((NAMED_IN_SENTENCE, abs(f.span.start - trigger.i), f.span.start, _location(f)))
        for token_i, location in borders.items():
            prep = _locative_head(trigger.doc[token_i])
            if prep is not None and sent.start <= token_i < sent.end:
                options.append((_attachment(trigger, prep.head), abs(token_i - trigger.i), token_i, location))
        return options

    def _national_places(self, doc: Doc, found: list[_Found]) -> dict[int, Location]:
        """ "In the southern Lebanese village of X" where the index knows no X: still in Lebanon. A
        place noun with a national adjective and no resolved name gives that country, at country
        precision (a resolved name of the same country is finer and wins)."""
        named = {t.i for f in found for t in f.span}
        nouns = place_nouns()
        result: dict[int, Location] = {}
        for token in doc:
            if token.pos_ != "NOUN" or token.lemma_.lower() not in nouns or any(c.i in named for c in token.subtree):
                continue
            for child in token.children:
                if child.dep_ != "amod" or not child.text[:1].isupper():
                    continue
                place = self.index.demonym(child.text)
                home = self.index.country(place.country) if place is not None and place.country else None
                if home is not None and place.kind == "country":
                    result[token.i] = Location(text=doc[token.left_edge.i : token.i + 1].text, name=home.name,
                                               country=home.country, lat=home.lat, lon=home.lon,
                                               geonames_id=home.geonames_id, precision="country")
                    break
        return result

    def _borders(self, doc: Doc, found: list[_Found], events: list[Event]) -> dict[str, dict[int, Location]]:
        """Per event: "the border with X" read from the side of the event's party."""
        by_token = {t.i: f for f in found for t in f.span}
        frame = self._frame(doc)
        counts = Counter(f.place.country for f in found if f.place.kind == "country")
        last_pair: tuple[str, ...] = ()
        result: dict[str, dict[int, Location]] = {e.id: {} for e in events}
        for k in positions(both(_BORDER_WORD.flags(doc), pos_flags(doc, "NOUN"))):
            token = doc[k]
            named = [by_token[c.i] for p in token.children if p.dep_ == "prep" and p.lower_ in ("with", "between", "of")
                     for c in p.subtree if c.i in by_token]
            countries = tuple(dict.fromkeys(f.place.country for f in named if f.place.country))
            if not countries and _governs_place(token, by_token):
                continue  # "the border town of Chaman" is that town
            pair = countries or last_pair
            if not pair:
                continue
            last_pair = pair if len(pair) > 1 or not last_pair else last_pair
            text = doc[token.left_edge.i : token.right_edge.i + 1].text
            for event in events:
                trigger = _trigger_token(doc, event)
                if trigger is None or trigger.sent.start != token.sent.start:
                    continue
                side = self._side(event, pair, frame, counts)
                result[event.id][token.i] = self._border_location(text, pair, side)
        return result

    @staticmethod
    def _side(event: Event, pair: tuple[str, ...], frame: list[str], counts: Counter) -> str | None:
        actor = event.actor.country if event.actor else None
        if len(pair) == 1:  # "the border with Afghanistan": the other side
            for country in (actor, *frame, *(c for c, _ in counts.most_common())):
                if country and country != pair[0]:
                    return country
            return None
        for country in (actor, *frame):
            if country in pair:
                return country
        return None

    def _border_location(self, text: str, pair: tuple[str, ...], side: str | None) -> Location:
        countries = set(pair) | ({side} if side else set())
        border = self.index.border(countries)
        home = self.index.country(side) if side else None
        point = border or home
        names = [self.index.country(c).name for c in sorted(countries) if self.index.country(c)]  # type: ignore[union-attr]
        name = border.name if border else "–".join(names) + " border"
        if home is not None:
            name += f" ({home.name} side)"
        return Location(text=text, name=name, country=side, lat=point.lat if point else None,
                        lon=point.lon if point else None, geonames_id=None,
                        precision="country" if side else "region")


_PRECISION_RANK = {"country": 0, "region": 1, "admin1": 1, "admin2": 2}
# Singular kind words written after a name ("Belgorod region", "Mahas district"): the name is an area.
AREA_WORDS = {"region", "province", "oblast", "state", "district", "governorate", "department", "prefecture",
              "county", "municipality", "raion", "rayon"}
# Kind words that may stand between a name and the region written after it ("Kani township, Sagaing").
KIND_WORDS = frozenset(AREA_WORDS | {"township", "town", "city", "village"})


def _finest(options: list[tuple[int, int, int, Location]]) -> Location:
    """The best-attached phrase, unless another phrase of the event's clause names a finer place in
    the same country ("In Mexico, gunmen killed six people at a bar in Salamanca"): analysts code the
    most precise place the text gives."""
    best = min(options, key=lambda o: (o[0], o[1]))
    chosen = best[3]
    finer = [o for o in options if o[0] < SENTENCE_PLACE and o[3].country and o[3].country == chosen.country
             and _PRECISION_RANK.get(o[3].precision or "", 3) > _PRECISION_RANK.get(chosen.precision or "", 3)]
    if best[0] < SENTENCE_PLACE and finer:
        return max(finer, key=lambda o: (_PRECISION_RANK.get(o[3].precision or "", 3), -o[0], -o[1]))[3]
    return chosen


def _listed(span: Span) -> str | None:
    """ "counties" when the name stands in a list closed by a plural kind word ("Becker, Clay and
    Wilkin counties"); read only where a list can go on, from the next 15 tokens. A singular kind
    word right after the name ("Belgorod region") says the same of that one name."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in AREA_WORDS:
        return doc[span.end].lower_
    if span.end >= len(doc) or (doc[span.end].lower_ not in (",", "and", "or", "&") and doc[span.end].tag_ != "NNS"):
        return None
    return listed_at(doc[span.end : min(len(doc), span.end + 15)].text_with_ws, 0)


def _trim(span: Span) -> Span | None:
    """Drop a leading "the" and a trailing possessive; keep the name."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ == "the" or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    return Span(doc, start, end, label=span.label) if end > start else None


# Lower-case particles inside a place name ("Valle del Cauca", "Norte de Santander", "Dar es Salaam").
CONNECTORS = {"de", "del", "la", "las", "los", "el", "al", "es", "ad", "ed", "du", "des", "da", "do", "dos"}


def _run_end(doc: Doc, named: list[bool], i: int) -> int:
    """End of the run of name words from `i`, across at most two particles that a name word follows."""
    n = len(doc)
    j = i
    while j < n:
        if named[j]:
            j += 1
            continue
        k = j
        while k < n and k - j < 2 and doc[k].lower_ in CONNECTORS and doc[k].is_lower:
            k += 1
        if k > j and k < n and named[k] and j > i:
            j = k
            continue
        break
    return j


def _named_tokens(doc: Doc) -> list[bool]:
    """Per token: a capitalised proper noun (what a place name is made of)."""
    return both(pos_flags(doc, "PROPN"), _CAPITALISED.flags(doc))


def _inside(span: Span, blockers: list[Span]) -> bool:
    return any(b.start <= span.start and span.end <= b.end and (b.end - b.start) > (span.end - span.start) for b in blockers)


@lru_cache(maxsize=1)
def place_nouns() -> frozenset[str]:
    """Nouns whose "of X" locates X (data/places/place_nouns.txt)."""
    path = resources.files("polemos") / "data" / "places" / "place_nouns.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def not_places() -> frozenset[str]:
    """Words gazetteers list as places that news uses otherwise (data/places/not_places.txt)."""
    path = resources.files("polemos") / "data" / "places" / "not_places.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def _stand_in(token: Token) -> Token:
    """The word that carries a name's role in the parse: through compounds and appositions, and
    from "X" up to the noun of "the city of X" / "the outskirts of X" / "east of X"."""
    nouns = place_nouns()
    for _ in range(6):
        if token.dep_ in ("compound", "amod", "nmod", "appos", "conj") and token.head is not token:
            token = token.head
        elif (token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head is not token.head
              and token.head.head.lemma_.lower() in nouns):
            token = token.head.head
        elif _owns_place(token):
            token = token.head
        else:
            break
    return token


def _acronym(span: Span) -> bool:
    """A name written as capital initials ("APC", "NWC"): places so written are countries and states
    ("US", "UAE", "NY"), not towns."""
    text = span.text.replace(".", "")
    return len(span) == 1 and 2 <= len(text) <= 5 and text.isalpha() and text.isupper()


def _initials_of(place: Place, text: str) -> bool:
    """Places written as initials: countries, states and regions ("UAE", "NSW", "DC"), and big
    cities known by them ("NYC"); not a town whose name happens to be spelled so ("Apc", "Nato")."""
    if place.kind in ("country", "admin1", "region", "continent"):
        return True
    return place.name.lower() != text.lower() and (place.population or 0) >= 1_000_000


def _is_facility(token: Token) -> bool:
    """ "A market in Maiduguri": a building people are in stands for them as a target, but the place
    around it is still the scene (agents.tsv, kind facility)."""
    from ..knowledge.actors import load_knowledge
    from .phrases import agent_at

    hit = agent_at(load_knowledge(), token)
    return hit is not None and hit[0].kind == "facility"


def _owns_place(token: Token) -> bool:
    """The possessor of a place noun ("Peshawar's Sarband area", "Srinagar's old city")."""
    return token.dep_ == "poss" and token.head is not token and token.head.lemma_.lower() in _owned_place_nouns()


@lru_cache(maxsize=1)
def _owned_place_nouns() -> frozenset[str]:
    return place_nouns() | AREA_WORDS


def _locative_head(token: Token) -> Token | None:
    """The locative preposition a name hangs from ("near" in "near the border"), through compounds,
    "the town of X" and "east of X" (the direction word then stands as the preposition)."""
    token = _stand_in(token)
    if token.dep_ == "pobj" and token.head.lower_ in LOCATIVE:
        return token.head
    if token.lower_ in DIRECTIONS and token.dep_ in ("advmod", "npadvmod", "prep", "amod"):
        return token
    return None


def _is_patient(token: Token, trigger: Token) -> bool:
    """The place the trigger acts on: its object ("shelled the city of X"), or the "of" phrase of a
    nominal trigger ("the shelling of X")."""
    token = _stand_in(token)
    if token.dep_ == "dobj" and token.head == trigger:
        return True
    return token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head == trigger and trigger.pos_ == "NOUN"


def _acted_on(token: Token, trigger: Token) -> bool:
    """The people the trigger acts on ("killed 20 villagers in X"): where they were is where it happened."""
    return token.head == trigger and token.dep_ in ("dobj", "nsubjpass")


def _attachment(trigger: Token, head: Token) -> int:
    """0: the phrase hangs from the trigger; 1: from a word above it in its clause; 2: below it in
    its clause; 3: elsewhere in the sentence (another clause: "alleges [they operate in X]")."""
    if head == trigger:
        return 0
    token, steps = trigger, 0
    while token.dep_ not in CLAUSE_DEPS and token.head is not token and steps < 3:
        token, steps = token.head, steps + 1
        if token == head:
            return 1
    if trigger.is_ancestor(head):
        token = head
        while token != trigger:
            if token.dep_ in CLAUSE_DEPS:
                return 3
            token = token.head
        return 2
    return 3


def _party_tokens(doc: Doc) -> set[int]:
    """Tokens inside an actor mention that resolved to a party."""
    tokens: set[int] = set()
    for m in get_list(doc, "mentions"):
        if m.party is not None:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                tokens.update(range(span.start, span.end))
    return tokens


def _governs_place(token: Token, by_token: dict) -> bool:
    return any(c.i in by_token for c in token.subtree)


def _trigger_token(doc: Doc, event: Event) -> Token | None:
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _location(found: _Found) -> Location:
    m = found.mention
    return Location(text=m.text, name=m.name, country=m.country, lat=m.lat, lon=m.lon,
                    geonames_id=m.geonames_id, precision=m.precision)
