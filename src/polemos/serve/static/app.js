// The router: the path names the view, the query string holds its filters, so every view's URL
// reproduces it. Filters go to the API as they are in the URL.
import { ROOTS, clear, errorBox, h } from "./dom.js";
import { renderArticle } from "./article.js";
import { renderArticles, renderClaims, renderSearch } from "./lists.js";
import { renderMap } from "./map.js";
import { renderNetwork } from "./network.js";
import { renderTimeline } from "./timeline.js";

const VIEWS = {
  timeline: { render: renderTimeline, filters: true },
  map: { render: renderMap, filters: true },
  network: { render: renderNetwork, filters: true },
  claims: { render: renderClaims, filters: true },
  articles: { render: renderArticles, filters: true },
  search: { render: renderSearch, filters: false },
  article: { render: renderArticle, filters: false },
};
export const FILTER_NAMES = ["actor", "country", "type", "since", "until", "text", "factual"];

function route() {
  const parts = location.pathname.split("/").filter(Boolean); // ["ui", view, id?]
  const name = parts[1] || "timeline";
  return { name, id: parts[2] ? decodeURIComponent(parts[2]) : null, params: new URLSearchParams(location.search) };
}

// Change the URL (the view's state) and draw again; `replace` for changes that are not a step back.
export function go(path, params, replace = false) {
  const query = params && String(params) ? `?${params}` : "";
  const target = `${path}${query}`;
  if (target !== `${location.pathname}${location.search}`) {
    history[replace ? "replaceState" : "pushState"](null, "", target);
  }
  render();
}

// The API's event filters from the URL (only the names the API knows).
export function filterParams(params, extra = []) {
  const out = new URLSearchParams();
  for (const [name, value] of params) {
    if ((FILTER_NAMES.includes(name) || extra.includes(name)) && value !== "") out.append(name, value);
  }
  return out;
}

function fillFilters(form, params) {
  for (const name of FILTER_NAMES) {
    const field = form.elements.namedItem(name);
    if (!field) continue;
    if (field.type === "checkbox") field.checked = params.get(name) === "true";
    else field.value = params.get(name) || "";
  }
}

function setUpFilters() {
  const form = document.getElementById("filters");
  const select = form.elements.namedItem("type");
  for (const root of ROOTS) select.append(h("option", { value: root }, root));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const { params } = route();
    for (const name of FILTER_NAMES) params.delete(name);
    for (const name of FILTER_NAMES) {
      const field = form.elements.namedItem(name);
      const value = field.type === "checkbox" ? (field.checked ? "true" : "") : field.value.trim();
      if (value) params.set(name, value);
    }
    for (const name of ["incident", "view", "cursor"]) params.delete(name);
    go(location.pathname, params);
  });
  document.getElementById("clear-filters").addEventListener("click", () => go(location.pathname, new URLSearchParams()));
}

let drawing = 0;
export async function render() {
  const { name, id, params } = route();
  const view = VIEWS[name];
  const main = document.getElementById("view");
  const form = document.getElementById("filters");
  document.body.dataset.ready = "";
  for (const link of document.querySelectorAll("nav a")) link.classList.toggle("active", link.dataset.view === name);
  if (!view) {
    clear(main).append(h("p", { class: "error" }, `No view ${name}.`));
    return;
  }
  form.hidden = !view.filters;
  fillFilters(form, params);
  document.getElementById("search-q").value = name === "search" ? params.get("q") || "" : "";
  const ticket = ++drawing;
  const stage = h("div", { class: `view view-${name}` });
  try {
    await view.render(stage, { id, params, stale: () => ticket !== drawing });
  } catch (err) {
    stage.append(errorBox(err));
  }
  if (ticket !== drawing) return; // a newer navigation took over
  clear(main).append(stage);
  document.title = `polemos · ${name}`;
  window.polemosReadyMs = performance.now();
  document.body.dataset.ready = name;
}

// Record a view's own state change (a map's pan) in the URL without drawing the view again.
export function remember(params) {
  const query = String(params);
  history.replaceState(null, "", `${location.pathname}${query ? `?${query}` : ""}`);
}

function start() {
  setUpFilters();
  render();
}

window.addEventListener("popstate", render);
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
