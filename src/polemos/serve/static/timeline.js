// Timeline: events per day for the selection (bars), incidents as spans on the same time axis, and
// the events themselves; ?incident=ID narrows everything to one incident and shows its reports.
import { filterParams, go } from "./app.js";
import { api, colour, eventCard, h, s, typeBadge } from "./dom.js";

const DAY = 86400000;
const WIDTH = 1000;

function dayNumber(text) {
  return Math.floor(Date.parse(`${text}T00:00:00Z`) / DAY);
}

function dayText(number) {
  return new Date(number * DAY).toISOString().slice(0, 10);
}

function axis(first, last) {
  const span = Math.max(1, last - first + 1);
  return { first, last, span, x: (day) => ((day - first) / span) * WIDTH, w: Math.max(1, WIDTH / span - 1) };
}

function ticks(scale, y, height) {
  const marks = [];
  const step = Math.max(1, Math.ceil(scale.span / 8));
  for (let day = scale.first; day <= scale.last; day += step) {
    marks.push(s("line", { x1: scale.x(day), x2: scale.x(day), y1: 0, y2: height, stroke: "#eef0f3" }));
    marks.push(s("text", { x: scale.x(day) + 2, y }, dayText(day)));
  }
  return marks;
}

function dailyChart(days, scale, params) {
  const height = 170;
  const top = Math.max(1, ...days.map((d) => d.events));
  const bars = days.map((d) => {
    const tall = Math.max(2, (d.events / top) * (height - 30));
    const x = scale.x(dayNumber(d.day));
    return s("rect", {
      class: "bar", x, y: height - 16 - tall, width: scale.w, height: tall, dataset: { day: d.day, events: d.events },
      onclick: () => {
        const next = new URLSearchParams(params);
        next.set("since", d.day);
        next.set("until", d.day);
        go(location.pathname, next);
      },
    }, s("title", {}, `${d.day}: ${d.events} event${d.events === 1 ? "" : "s"}, ${d.fatalities} killed`));
  });
  return s("svg", { class: "chart daily", viewBox: `0 0 ${WIDTH} ${height}`, preserveAspectRatio: "none",
    role: "img", "aria-label": "Events per day" }, ticks(scale, height - 4, height - 14), bars);
}

function lanes(incidents, scale, params) {
  const row = 18;
  const label = 260;
  const height = incidents.length * row + 24;
  const items = incidents.map((incident, index) => {
    const y = index * row + 4;
    const start = scale.x(dayNumber(incident.date_first));
    const end = scale.x(dayNumber(incident.date_last || incident.date_first)) + scale.w;
    const next = new URLSearchParams(params);
    next.set("incident", incident.id);
    const name = `${incident.type} · ${incident.place_name || incident.country || "?"} · ${incident.actor_key || "?"} → ${incident.target_key || "?"}`;
    const bar = s("rect", { class: "span", x: label + (start / WIDTH) * (WIDTH - label), y, height: row - 6,
      width: Math.max(3, ((end - start) / WIDTH) * (WIDTH - label)), rx: 3, fill: colour(incident.type) });
    const link = s("a", { href: `${location.pathname}?${next}`, class: "incident-link", dataset: { incident: incident.id },
      onclick: (event) => { event.preventDefault(); go(location.pathname, next); } },
    s("text", { x: 4, y: y + row - 8 }, `${name} (${incident.reports})`.slice(0, 46)), bar,
    s("title", {}, `${name}: ${incident.date_first}…${incident.date_last}, ${incident.reports} reports`));
    return s("g", { class: "lane" }, link);
  });
  return s("svg", { class: "lanes", viewBox: `0 0 ${WIDTH} ${height}`, role: "img", "aria-label": "Incidents over time" },
    items);
}

function incidentPanel(detail) {
  const figures = detail.figures.map((f) => h("li", {}, `${f.best ?? f.low ?? f.high} killed — claimed by ${f.claimed_by || "?"}`,
    f.outlet ? ` (${f.outlet})` : ""));
  const reports = detail.evidence.map((event) => eventCard(event, h("div", { class: "kv" }, `joined: ${detail.reasons[event.id] || ""}`)));
  return h("section", { class: "panel incident-detail", dataset: { incident: detail.id } },
    h("h2", {}, typeBadge(detail.type), `Incident ${detail.id}`),
    h("div", {}, `${detail.date_first} … ${detail.date_last} · ${detail.place_name || detail.country || "place unknown"} · `,
      `${detail.reports} reports in ${detail.documents} articles`,
      detail.fatalities_low !== null ? ` · ${detail.fatalities_low}–${detail.fatalities_high} killed` : ""),
    figures.length ? h("div", {}, h("h2", {}, "Who claims which toll"), h("ul", { class: "figures" }, figures)) : null,
    h("h2", {}, "Reports"), reports);
}

export async function renderTimeline(stage, { params, stale }) {
  const query = filterParams(params, ["incident"]);
  const incident = params.get("incident");
  const [timeline, incidents, events, detail] = await Promise.all([
    api("/timeline", query),
    incident ? Promise.resolve({ items: [] }) : api("/incidents", withLimit(query, 30)),
    api("/events", withLimit(query, 50)),
    incident ? api(`/incidents/${encodeURIComponent(incident)}`) : Promise.resolve(null),
  ]);
  if (stale()) return;
  const days = timeline.days;
  const numbers = [...days.map((d) => dayNumber(d.day)),
    ...incidents.items.flatMap((i) => [dayNumber(i.date_first), dayNumber(i.date_last || i.date_first)])];
  stage.append(h("h1", {}, incident ? "Timeline of one incident" : "Timeline"));
  if (incident) {
    const back = new URLSearchParams(params);
    back.delete("incident");
    stage.append(h("p", {}, h("a", { href: `${location.pathname}?${back}`, class: "back",
      onclick: (e) => { e.preventDefault(); go(location.pathname, back); } }, "← all incidents")));
  }
  const total = days.reduce((sum, d) => sum + d.events, 0);
  stage.append(h("p", { class: "muted summary" }, `${total} events dated to the day over ${days.length} days`,
    timeline.coarser ? `; ${timeline.coarser} dated only to a week, month or year` : "",
    timeline.undated ? `; ${timeline.undated} undated` : ""));
  if (numbers.length) {
    const scale = axis(Math.min(...numbers), Math.max(...numbers));
    stage.append(dailyChart(days, scale, params));
    if (incidents.items.length) {
      stage.append(h("h2", {}, "Incidents (most reported first; click one for its timeline)"), lanes(incidents.items, scale, params));
    }
  } else {
    stage.append(h("p", { class: "muted" }, "No dated events match."));
  }
  const columns = h("div", { class: "cols" });
  const list = h("div", { class: "events" }, h("h2", {}, "Events"), events.items.map((e) => eventCard(e)));
  if (events.next_cursor) list.append(moreButton(list, query, events.next_cursor));
  columns.append(list, detail ? incidentPanel(detail) : h("div", {}));
  stage.append(columns);
}

function withLimit(query, limit) {
  const next = new URLSearchParams(query);
  next.set("limit", String(limit));
  return next;
}

function moreButton(list, query, cursor) {
  const button = h("button", { class: "more", onclick: async () => {
    const next = withLimit(query, 50);
    next.set("cursor", cursor);
    const page = await api("/events", next);
    button.remove();
    list.append(...page.items.map((e) => eventCard(e)));
    if (page.next_cursor) list.append(moreButton(list, query, page.next_cursor));
  } }, "More events");
  return button;
}

