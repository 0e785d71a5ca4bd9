"""GraphML: the actor network. Nodes are actors (canonical name, country, sector); a directed edge
actor -> target carries how many events, which PLOVER types, and the first and last dates."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

SUFFIX, BINARY, READS, UNIT = ".graphml", False, "events", "report"
_NODE_KEYS = (("name", "string"), ("country", "string"), ("sector", "string"), ("events", "int"))
_EDGE_KEYS = (("weight", "int"), ("types", "string"), ("first", "string"), ("last", "string"), ("fatalities", "int"))


def _node_id(row: dict[str, Any], side: str) -> str | None:
    return row.get(f"{side}_id") or row.get(f"{side}_name")


def write(rows: Iterable[dict[str, Any]], out: IO[str], left_out: Counter[str] | None = None) -> int:
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        ends = []
        for side in ("actor", "target"):
            node = _node_id(row, side)
            if node is None:
                continue
            entry = nodes.setdefault(node, {"name": row[f"{side}_name"], "country": row[f"{side}_country"] or "",
                                            "sector": row[f"{side}_sector"] or "", "events": 0})
            entry["events"] += 1
            ends.append(node)
        if len(ends) != 2:
            continue
        edge = edges.setdefault((ends[0], ends[1]), {"weight": 0, "types": Counter(), "first": None, "last": None,
                                                     "fatalities": 0})
        edge["weight"] += 1
        edge["types"][row["type"]] += 1
        edge["fatalities"] += row.get("fatalities_best") or 0
        when = row.get("date_start")
        if when:
            edge["first"] = min(filter(None, (edge["first"], when)))
            edge["last"] = max(filter(None, (edge["last"], when)))
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
              'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
              'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
              'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
    for name, kind in _NODE_KEYS:
        out.write(f'  <key id="n_{name}" for="node" attr.name="{name}" attr.type="{kind}"/>\n')
    for name, kind in _EDGE_KEYS:
        out.write(f'  <key id="e_{name}" for="edge" attr.name="{name}" attr.type="{kind}"/>\n')
    out.write('  <graph id="actors" edgedefault="directed">\n')
    for node, data in nodes.items():
        out.write(f"    <node id={quoteattr(node)}>")
        out.write("".join(f'<data key="n_{k}">{escape(str(data[k]))}</data>' for k, _ in _NODE_KEYS))
        out.write("</node>\n")
    for number, ((source, target), data) in enumerate(edges.items()):
        values = {**data, "types": ",".join(f"{t}:{n}" for t, n in sorted(data["types"].items())),
                  "first": data["first"] or "", "last": data["last"] or ""}
        out.write(f'    <edge id="e{number}" source={quoteattr(source)} target={quoteattr(target)}>')
        out.write("".join(f'<data key="e_{k}">{escape(str(values[k]))}</data>' for k, _ in _EDGE_KEYS))
        out.write("</edge>\n")
    out.write("  </graph>\n</graphml>\n")
    return len(edges)
