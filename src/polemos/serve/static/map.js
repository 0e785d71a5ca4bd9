// Map: located events over an offline country basemap (Natural Earth via world-atlas), drawn in an
// equirectangular projection; the server groups events into grid cells for the view, so a cell with
// one event is a point sized by its fatalities and a denser cell is a cluster that zooms in when
// clicked. The view (WEST,SOUTH,EAST,NORTH) is kept in the URL as ?view=.
import { filterParams, remember } from "./app.js";
import { api, clear, errorBox, eventCard, h, s } from "./dom.js";

const WORLD = [-180, -90, 180, 90];
let basemap = null;

function parseView(text) {
  const parts = String(text || "").split(",").map(Number);
  if (parts.length !== 4 || parts.some((v) => !Number.isFinite(v))) return WORLD.slice();
  const [w, south, e, n] = parts;
  if (!(w < e && south < n)) return WORLD.slice();
  return [Math.max(-180, w), Math.max(-90, south), Math.min(180, e), Math.min(90, n)];
}

function ringPath(ring) {
  return ring.map((p, i) => `${i ? "L" : "M"}${p[0]},${-p[1]}`).join("") + "Z";
}

async function loadBasemap() {
  if (!basemap) basemap = await fetch("/ui/basemap.json").then((r) => r.json());
  return basemap;
}

export async function renderMap(stage, { params, stale }) {
  const state = { view: parseView(params.get("view")), params };
  const cells = fetchCells(state); // the events and the boundaries load side by side
  const world = await loadBasemap();
  if (stale()) return;
  const svg = s("svg", { class: "map", role: "img", "aria-label": "Map of events", preserveAspectRatio: "xMidYMid meet" });
  const land = s("g", { class: "basemap" });
  const graticule = s("g", { class: "graticule" });
  for (let lon = -180; lon <= 180; lon += 30) graticule.append(s("path", { class: "grid", d: `M${lon},-90L${lon},90` }));
  for (let lat = -60; lat <= 60; lat += 30) graticule.append(s("path", { class: "grid", d: `M-180,${-lat}L180,${-lat}` }));
  for (const country of world.countries || []) {
    land.append(s("path", { class: "land", d: country.rings.map(ringPath).join(""), dataset: { iso3: country.iso3 || "" } },
      s("title", {}, country.name)));
  }
  const layer = s("g", { class: "events" });
  svg.append(graticule, land, layer);
  const panel = h("aside", { class: "panel map-panel" }, h("p", { class: "muted" }, "Click a point for its event and evidence; a cluster to zoom in."));
  const status = h("p", { class: "muted map-status" });
  const tools = h("div", { class: "map-tools" },
    h("button", { type: "button", class: "zoom-in", title: "Zoom in", onclick: () => zoom(state, 0.5) }, "+"),
    h("button", { type: "button", class: "zoom-out", title: "Zoom out", onclick: () => zoom(state, 2) }, "−"),
    h("button", { type: "button", class: "zoom-reset", title: "Whole world", onclick: () => show(state, WORLD.slice()) }, "⟲"));
  stage.append(h("div", {}, h("h1", {}, "Map"), world.missing ? h("p", { class: "error basemap-missing" }, world.missing) : null,
    h("div", { class: "cols" }, h("div", { class: "mapbox" }, svg, tools, status), panel),
    h("p", { class: "muted" }, world.source ? `Boundaries: ${world.source}.` : "")));
  Object.assign(state, { svg, layer, panel, status });
  interact(state);
  setViewBox(state);
  await drawCells(state, cells);
}

function setViewBox(state) {
  const [w, south, e, n] = state.view;
  state.svg.setAttribute("viewBox", `${w} ${-n} ${e - w} ${n - south}`);
}

function pixel(state) {
  return (state.view[2] - state.view[0]) / 1000; // degrees per (roughly) one screen pixel
}

function show(state, view) {
  state.view = view;
  setViewBox(state);
  const next = new URLSearchParams(state.params);
  if (view.join(",") === WORLD.join(",")) next.delete("view");
  else next.set("view", view.map((v) => v.toFixed(3)).join(","));
  state.params = next;
  remember(next);
  clearTimeout(state.timer);
  state.timer = setTimeout(() => drawCells(state), 120);
}

function zoom(state, factor, centre) {
  const [w, south, e, n] = state.view;
  const [cx, cy] = centre || [(w + e) / 2, (south + n) / 2];
  const width = Math.min(360, Math.max(0.05, (e - w) * factor));
  const height = Math.min(180, Math.max(0.025, (n - south) * factor));
  let west = cx - ((cx - w) / (e - w)) * width;
  let southEdge = cy - ((cy - south) / (n - south)) * height;
  west = Math.min(Math.max(west, -180), 180 - width);
  southEdge = Math.min(Math.max(southEdge, -90), 90 - height);
  show(state, [west, southEdge, west + width, southEdge + height]);
}

function toDegrees(state, event) {
  const point = state.svg.createSVGPoint();
  point.x = event.clientX;
  point.y = event.clientY;
  const inside = point.matrixTransform(state.svg.getScreenCTM().inverse());
  return [inside.x, -inside.y];
}

function interact(state) {
  const { svg } = state;
  svg.addEventListener("wheel", (event) => {
    event.preventDefault();
    zoom(state, event.deltaY < 0 ? 0.8 : 1.25, toDegrees(state, event));
  }, { passive: false });
  let drag = null;
  svg.addEventListener("pointerdown", (event) => {
    if (event.target.closest(".point, .cluster")) return;
    drag = { start: toDegrees(state, event), view: state.view.slice(), moved: false };
    svg.setPointerCapture(event.pointerId);
  });
  svg.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const now = toDegrees(state, event);
    const dx = now[0] - drag.start[0];
    const dy = now[1] - drag.start[1];
    if (Math.abs(dx) + Math.abs(dy) < pixel(state) * 3) return;
    drag.moved = true;
    const [w, south, e, n] = state.view;
    const width = e - w;
    const height = n - south;
    const west = Math.min(Math.max(w - dx, -180), 180 - width);
    const southEdge = Math.min(Math.max(south - dy, -90), 90 - height);
    state.view = [west, southEdge, west + width, southEdge + height];
    setViewBox(state);
    drag.start = toDegrees(state, event);
  });
  svg.addEventListener("pointerup", () => {
    if (drag && drag.moved) show(state, state.view);
    drag = null;
  });
}

function fetchCells(state) {
  const [w, south, e, n] = state.view;
  const query = filterParams(state.params);
  const whole = w <= -180 && e >= 180 && south <= -90 && n >= 90;
  if (!whole) query.set("bbox", [w, south, e, n].map((v) => v.toFixed(4)).join(","));
  const cell = Math.max(0.001, Math.min(90, (e - w) / 40));
  query.set("cell", cell.toFixed(4));
  return api("/map", query);
}

async function drawCells(state, pending) {
  const ticket = (state.ticket = (state.ticket || 0) + 1);
  let data;
  try {
    data = await (pending || fetchCells(state));
  } catch (err) {
    clear(state.status).append(errorBox(err));
    return;
  }
  if (ticket !== state.ticket) return;
  const px = pixel(state);
  clear(state.layer);
  let events = 0;
  for (const cellData of data.cells.slice().sort((a, b) => b.events - a.events)) {
    events += cellData.events;
    const [cx, cy] = [cellData.lon, -cellData.lat];
    if (cellData.uid) {
      const radius = (4 + 2.2 * Math.sqrt(cellData.fatalities)) * px;
      state.layer.append(s("circle", { class: "point", cx, cy, r: radius, dataset: { uid: cellData.uid, fatalities: cellData.fatalities },
        onclick: () => openEvent(state, cellData.uid) },
      s("title", {}, `${cellData.fatalities} killed`)));
    } else {
      const radius = (9 + 4 * Math.log2(cellData.events)) * px;
      const group = s("g", { class: "cluster-group", dataset: { events: cellData.events },
        onclick: () => openCluster(state, cellData) },
      s("circle", { class: "cluster", cx, cy, r: radius }),
      s("text", { class: "cluster-label", x: cx, y: cy, "font-size": 11 * px }, String(cellData.events)),
      s("title", {}, `${cellData.events} events, ${cellData.fatalities} killed: click to zoom in`));
      state.layer.append(group);
    }
  }
  state.status.textContent = `${events} located events in view, ${data.cells.length} points and clusters`;
  state.svg.dataset.cells = String(data.cells.length);
}

async function openEvent(state, uid) {
  const event = await api(`/events/${encodeURIComponent(uid)}`);
  clear(state.panel).append(h("h2", {}, "Event"), eventCard(event));
}

async function openCluster(state, cellData) {
  const [w, south, e, n] = cellData.bounds;
  const tiny = Math.max(e - w, n - south) < pixel(state) * 20;
  if (!tiny) {
    const padX = Math.max((e - w) * 0.3, pixel(state) * 30);
    const padY = Math.max((n - south) * 0.3, pixel(state) * 30);
    show(state, [Math.max(-180, w - padX), Math.max(-90, south - padY), Math.min(180, e + padX), Math.min(90, n + padY)]);
    return;
  }
  const query = filterParams(state.params);
  const eps = 1e-4;
  const box = [Math.max(-180, w - eps), Math.max(-90, south - eps), Math.min(180, e + eps), Math.min(90, n + eps)];
  query.set("bbox", box.map((v) => v.toFixed(5)).join(","));
  query.set("limit", "50");
  const page = await api("/events", query);
  clear(state.panel).append(h("h2", {}, `${cellData.events} events here`), ...page.items.map((event) => eventCard(event)));
}
