// Actor network: who acts on whom. An edge actor -> target is as wide as its number of events and
// coloured by the PLOVER root most of them have; clicking a node filters everything by that actor,
// clicking an edge lists its events. The layout is a fixed number of force steps from fixed
// starting points, so the same data always draws the same picture.
import { filterParams, go } from "./app.js";
import { ROOTS, api, clear, colour, eventCard, h, s, typeBadge } from "./dom.js";

const SIZE = 1000;
const TALL = 620;

function layout(nodes, links) {
  // Fruchterman-Reingold: nodes repel (k²/d), linked nodes attract (d²/k), a weak pull to the centre
  // keeps separate groups on the canvas; steps shrink as the layout cools.
  const count = nodes.length;
  nodes.forEach((node, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, count);
    node.x = SIZE / 2 + (SIZE / 4) * Math.cos(angle);
    node.y = TALL / 2 + (TALL / 4) * Math.sin(angle);
  });
  const k = 0.5 * Math.sqrt((SIZE * TALL) / Math.max(1, count));
  const steps = 250;
  for (let step = 0; step < steps; step++) {
    const heat = (SIZE / 12) * (1 - step / steps) + 1;
    for (const a of nodes) { a.dx = 0; a.dy = 0; }
    for (let i = 0; i < count; i++) {
      for (let j = i + 1; j < count; j++) {
        const a = nodes[i];
        const b = nodes[j];
        const dx = a.x - b.x || 0.01 * (i - j);
        const dy = a.y - b.y || 0.01;
        const d = Math.max(1, Math.sqrt(dx * dx + dy * dy));
        const push = (k * k) / d;
        a.dx += (dx / d) * push; a.dy += (dy / d) * push;
        b.dx -= (dx / d) * push; b.dy -= (dy / d) * push;
      }
    }
    for (const link of links) {
      const dx = link.a.x - link.b.x;
      const dy = link.a.y - link.b.y;
      const d = Math.max(1, Math.sqrt(dx * dx + dy * dy));
      const pull = (d * d) / k;
      link.a.dx -= (dx / d) * pull; link.a.dy -= (dy / d) * pull;
      link.b.dx += (dx / d) * pull; link.b.dy += (dy / d) * pull;
    }
    for (const a of nodes) {
      a.dx -= (a.x - SIZE / 2) * 0.6;
      a.dy -= (a.y - TALL / 2) * 0.9;
      const move = Math.sqrt(a.dx * a.dx + a.dy * a.dy) || 1;
      a.x = Math.min(SIZE - 90, Math.max(30, a.x + (a.dx / move) * Math.min(move, heat)));
      a.y = Math.min(TALL - 20, Math.max(20, a.y + (a.dy / move) * Math.min(move, heat)));
    }
  }
}

export async function renderNetwork(stage, { params, stale }) {
  const query = filterParams(params);
  const data = await api("/network", query);
  if (stale()) return;
  const byId = new Map(data.nodes.map((n) => [n.id, { ...n }]));
  const pairs = new Map();
  for (const edge of data.edges) {
    const key = `${edge.source}\u0000${edge.target}`;
    const pair = pairs.get(key) || { source: edge.source, target: edge.target, events: 0, types: {} };
    pair.events += edge.events;
    pair.types[edge.type] = (pair.types[edge.type] || 0) + edge.events;
    pairs.set(key, pair);
  }
  const nodes = [...byId.values()];
  const links = [...pairs.values()].map((p) => ({ ...p, a: byId.get(p.source), b: byId.get(p.target),
    root: Object.entries(p.types).sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0][0] }));
  layout(nodes, links);
  const panel = h("aside", { class: "panel net-panel" }, h("p", { class: "muted" },
    "Click an actor to filter by it; an edge for its events."));
  const top = Math.max(1, ...links.map((l) => l.events));
  const defs = s("defs", {}, ROOTS.concat(["OTHER"]).map((root) => s("marker", { id: `arrow-${root}`, viewBox: "0 0 10 10",
    refX: 20, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" },
  s("path", { d: "M0,0L10,5L0,10z", fill: colour(root) }))));
  const edges = links.map((link) => {
    const root = ROOTS.includes(link.root) ? link.root : "OTHER";
    const bend = link.source < link.target ? 18 : -18; // a pair acting both ways draws two arcs
    const mx = (link.a.x + link.b.x) / 2;
    const my = (link.a.y + link.b.y) / 2;
    const dx = link.b.x - link.a.x;
    const dy = link.b.y - link.a.y;
    const d = Math.sqrt(dx * dx + dy * dy) || 1;
    const path = `M${link.a.x},${link.a.y}Q${mx - (dy / d) * bend},${my + (dx / d) * bend} ${link.b.x},${link.b.y}`;
    const line = s("path", { class: "edge", d: path, stroke: colour(link.root),
      "stroke-width": 1.5 + 6 * Math.sqrt(link.events / top), "marker-end": `url(#arrow-${root})`,
      dataset: { source: link.source, target: link.target, root: link.root, events: link.events },
      onclick: () => openEdge(panel, query, link, byId) },
    s("title", {}, `${link.a.name} → ${link.b.name}: ${Object.entries(link.types).map(([t, n]) => `${t} ${n}`).join(", ")}`));
    return line;
  });
  const circles = nodes.map((node) => s("g", { class: "node", dataset: { id: node.id },
    transform: `translate(${node.x},${node.y})`,
    onclick: () => {
      const next = new URLSearchParams(params);
      next.delete("actor");
      next.append("actor", node.id);
      go(location.pathname, next);
    } },
  s("circle", { r: 6 + 3 * Math.sqrt(node.events) }),
  s("text", { x: 10, y: 4 }, node.name),
  s("title", {}, `${node.name} (${node.id}${node.country ? `, ${node.country}` : ""}): ${node.events} events`)));
  const legend = h("div", { class: "legend" }, [...new Set(links.map((l) => l.root))].sort().map((root) => typeBadge(root)));
  stage.append(h("h1", {}, "Actor network"),
    h("p", { class: "muted" }, `${nodes.length} actors, ${links.length} directed links (${data.edges.length} by root)`),
    legend,
    h("div", { class: "cols" }, s("svg", { class: "net", viewBox: `0 0 ${SIZE} ${TALL}`, role: "img",
      "aria-label": "Actor network" }, defs, s("g", { class: "edges" }, edges), s("g", { class: "nodes" }, circles)), panel));
}

async function openEdge(panel, query, link, byId) {
  const next = new URLSearchParams(query);
  next.delete("actor");
  next.append("actor", link.source);
  next.set("limit", "200");
  const page = await api("/events", next);
  const items = page.items.filter((e) => e.actor && e.actor.id === link.source && e.target && e.target.id === link.target);
  clear(panel).append(h("h2", {}, `${byId.get(link.source).name} → ${byId.get(link.target).name}`),
    ...items.map((event) => eventCard(event)));
}
