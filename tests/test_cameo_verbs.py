"""CAMEO/PETRARCH verb dictionaries become polemos trigger-lexicon entries (PLOVER root, CAMEO code kept)."""

from __future__ import annotations

import pytest

from polemos.knowledge.cameo_verbs import (
    Plover,
    VerbTrigger,
    import_cameo_verbs,
    plover_for,
    read_plover_table,
    read_verb_dictionary,
    trigger_rows,
    use_cameo_verbs,
)

# A small dictionary in the CAMEO verb format, written for these tests.
VERBS = """<!-- a test dictionary -->
&SHOTS
+ROCKETS
+MORTAR_ROUNDS
+&BIGGUNS

&BIGGUNS
+HOWITZERS

--- SHELL  [190] ---
SHELL  # a comment
BOMBARD [195]
- * (WITH &SHOTS) +  [194]  # heavy weapons
- $ * CEASEFIRE_LINE  [---]

--- HAIL  [---] ---
HAIL
- * + (AS {HISTORIC STEP})  [051]
- * DIPLOMATIC TIES  [054:054]

--- SET  [---] ---
+SET_UP {+SETS_UP +SETTING_UP}  [060]
WIRE_+TAP  [1712]
"""

# A conversion table in the layout of PLOVER's CAMEO2PLOVER, written for these tests.
TABLE = """# test table
05: SUPPORT
051: SUPPORT,  , diplomatic # praise
054: SUPPORT,   ,   diplomatic # recognise
06: COOPERATE
060: COOPERATE,   ,  # cooperate
17: COERCE
1712: ASSAULT, seize, human_security
19: ASSAULT
190: ASSAULT, , military
194: ASSAULT, heavy-weapons, military
195: ASSAULT, heavy-weapons, military
"""


@pytest.fixture()
def files(tmp_path):
    verbs, table = tmp_path / "test.verbs.txt", tmp_path / "table.txt"
    verbs.write_text(VERBS)
    table.write_text(TABLE)
    return verbs, table


@pytest.fixture()
def triggers(files):
    return {t.words: t for t in read_verb_dictionary(files[0])}


def test_a_verb_without_a_code_of_its_own_takes_its_blocks(triggers):
    assert triggers[("shell",)].cameo == "190"
    assert triggers[("bombard",)].cameo == "195"


def test_a_block_coded_no_event_gives_its_bare_verb_no_entry(triggers):
    assert ("hail",) not in triggers


def test_patterns_apply_to_every_verb_of_their_block_with_synsets_expanded(triggers):
    for verb in ("shell", "bombard"):
        assert triggers[(verb, "with", "rockets")].cameo == "194"
        assert triggers[(verb, "with", "mortar", "rounds")].cameo == "194"
        assert triggers[(verb, "with", "howitzers")].cameo == "194"  # a synset named inside a synset


def test_a_noun_phrase_is_also_offered_head_first_for_the_parse_matcher(triggers):
    assert triggers[("hail", "diplomatic", "ties")].cameo == "054"
    assert triggers[("hail", "ties", "diplomatic")].cameo == "054"


def test_actor_markers_are_dropped_and_a_paired_code_keeps_the_sources_side(triggers):
    assert triggers[("hail", "as", "historic", "step")].cameo == "051"


def test_a_pattern_coded_no_event_adds_nothing(triggers):
    assert not any("ceasefire" in words for words in triggers)


def test_the_plus_marks_the_verb_word_of_a_multiword_verb(triggers):
    assert triggers[("set", "up")].cameo == "060"
    assert triggers[("tap", "wire")].cameo == "1712"


def test_the_conversion_table_gives_root_and_mode(files):
    table = read_plover_table(files[1])
    assert table["194"] == Plover("ASSAULT", "heavy-weapons")
    assert table["051"] == Plover("SUPPORT", None)


def test_a_code_missing_from_the_table_takes_its_nearest_parent():
    table = {"19": Plover("ASSAULT", None), "194": Plover("ASSAULT", "heavy-weapons")}
    assert plover_for("1943", table) == Plover("ASSAULT", "heavy-weapons")
    assert plover_for("193", table) == Plover("ASSAULT", None)
    assert plover_for("023", table) is None


def test_codes_plover_dropped_are_left_out_unless_a_root_is_given():
    table = {"19": Plover("ASSAULT", None)}
    statement = VerbTrigger(("declare",), "010", "DECLARE")
    assert trigger_rows([statement], table) == []
    assert trigger_rows([statement], table, unmapped_root="CAMEO") == ["declare\tVERB\tCAMEO\t-\t010\t-\t-"]


def test_entries_carry_plover_root_mode_and_the_cameo_code(files):
    imported = import_cameo_verbs(files[0], files[1])
    entry = next(e for e in imported.entries if e.words == ("shell", "with", "rockets"))
    assert (entry.root, entry.mode, entry.cameo, entry.pos) == ("ASSAULT", "heavy-weapons", "194", "VERB")
    assert imported.unmapped == 0


def test_an_absent_conversion_table_is_a_plain_error(files, tmp_path):
    with pytest.raises(FileNotFoundError, match="CAMEO2PLOVER"):
        import_cameo_verbs(files[0], tmp_path / "absent.txt")


@pytest.fixture(scope="module")
def nlp(tmp_path_factory):
    from polemos.nlp.pipeline import build_pipeline

    folder = tmp_path_factory.mktemp("verbs")
    (folder / "verbs.txt").write_text(VERBS)
    (folder / "table.txt").write_text(TABLE)
    return use_cameo_verbs(build_pipeline.__wrapped__(), [folder / "verbs.txt"], shipped=False, plover_table=folder / "table.txt")


def _events(nlp, text):
    return [(e.type, e.cameo, e.trigger.text) for e in nlp(text)._.events]


def test_the_pipeline_codes_a_pattern_linked_in_the_parse(nlp):
    events = _events(nlp, "Freedonian artillery shelled the border town with heavy rockets on Monday.")
    assert events == [("ASSAULT", "194", "shelled the border town with heavy rockets")]


def test_the_pipeline_falls_back_to_the_bare_verb(nlp):
    assert _events(nlp, "Freedonia bombarded the border town on Monday.") == [("ASSAULT", "195", "bombarded")]


def test_a_multiword_verb_is_found_by_its_particle(nlp):
    events = _events(nlp, "Freedonia set up a joint water commission with Sylvania.")
    assert [(root, cameo) for root, cameo, _ in events] == [("COOPERATE", "060")]


def test_a_noun_phrase_pattern_matches_with_words_between(nlp):
    events = _events(nlp, "Sylvania hailed the newly restored diplomatic ties with Freedonia.")
    assert [(root, cameo) for root, cameo, _ in events] == [("SUPPORT", "054")]
