// Building the page without ever parsing text as HTML: every value from the API goes in through
// textContent or a checked attribute, so an article's "<script>" or "onerror=" stays text.

const SVG = "http://www.w3.org/2000/svg";

export const ROOTS = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
  "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const PALETTE = ["#1b9e77", "#66a61e", "#2ca02c", "#17becf", "#1f77b4", "#9467bd", "#8c564b", "#bcbd22", "#e7298a",
  "#7f7f7f", "#ff7f0e", "#e6ab02", "#a6761d", "#6a3d9a", "#d95f02", "#d62728"];
export function colour(root) {
  const index = ROOTS.indexOf(String(root || "").toUpperCase());
  return index >= 0 ? PALETTE[index] : "#475467";
}

// A link target from data: a path on this server, or an http(s) URL elsewhere; anything else
// (javascript:, data:, vbscript:) becomes inert.
export function safeHref(value) {
  const text = String(value ?? "");
  if (text.startsWith("/") && !text.startsWith("//")) return text;
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : "#";
  } catch (err) {
    return "#";
  }
}

function build(node, attrs, children) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") node.addEventListener(name.slice(2), value);
    else if (name === "dataset") Object.assign(node.dataset, value);
    else if (name === "href") node.setAttribute("href", safeHref(value));
    else if (name.startsWith("on")) throw new Error("event handlers must be functions");
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

export function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVG, tag), attrs, children);
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export async function api(path, params) {
  const query = params && String(params) ? `?${params}` : "";
  const reply = await fetch(`/api/v1${path}${query}`, { headers: { Accept: "application/json" } });
  const body = await reply.json().catch(() => null);
  if (!reply.ok) {
    const error = (body && body.error) || {};
    throw new ApiError(reply.status, error.code || "error", error.message || `HTTP ${reply.status}`);
  }
  return body;
}

// --- small pieces used by several views --------------------------------------------------------
export function typeBadge(type) {
  const badge = h("span", { class: "badge type" }, type || "?");
  badge.style.background = colour(type);
  return badge;
}

export function sourceBadge(sourceType) {
  if (!sourceType) return null;
  return h("span", { class: `badge src-${String(sourceType).replace(/[^a-z]+/gi, "-").toLowerCase()}` }, sourceType);
}

export function partyName(party) {
  return party ? party.name || party.text || party.id : "?";
}

export function articleHref(documentId, params) {
  const query = params ? `?${new URLSearchParams(params)}` : "";
  return `/ui/article/${encodeURIComponent(documentId)}${query}`;
}

// The event's id within its article: the uid is "<document id>:<event id>".
export function eventId(event) {
  const uid = String(event.id || "");
  const doc = event.document ? String(event.document.id) : "";
  return uid.startsWith(`${doc}:`) ? uid.slice(doc.length + 1) : uid;
}

export function eventCard(event, extra) {
  const fatal = event.fatalities;
  const toll = fatal ? [fatal.low, fatal.best, fatal.high].filter((v) => v !== null && v !== undefined) : [];
  const doc = event.document || {};
  return h("div", { class: "card event-card", dataset: { uid: event.id } },
    h("div", {}, typeBadge(event.type), event.mode ? h("span", { class: "badge" }, event.mode) : null,
      event.negated ? h("span", { class: "badge" }, "negated") : null,
      event.hypothetical ? h("span", { class: "badge" }, "hypothetical") : null,
      h("span", { class: "title" }, `${partyName(event.actor)} → ${event.target ? partyName(event.target) : "—"}`)),
    h("div", { class: "evidence" }, event.evidence ? event.evidence.text : ""),
    h("div", { class: "kv" },
      event.date ? `${event.date.value} · ` : "", event.location ? `${event.location.name} · ` : "",
      toll.length ? `${Math.max(...toll)} killed · ` : "", doc.outlet ? `${doc.outlet} · ` : "",
      h("a", { class: "evidence-link", href: articleHref(doc.id, { event: eventId(event) }) }, "evidence in the article")),
    extra || null);
}

export function errorBox(err) {
  return h("p", { class: "error" }, err instanceof ApiError ? `${err.code}: ${err.message}` : String(err));
}
