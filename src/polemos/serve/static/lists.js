// The claims board (pairs of claims side by side, with who said each and what kind of source they
// are), the article list and search.
import { filterParams, go } from "./app.js";
import { api, articleHref, eventCard, h, sourceBadge } from "./dom.js";

const KINDS = ["contradicts", "corroborates", "revises"];

function claimCard(claim) {
  const speaker = claim.speaker || {};
  return h("div", { class: "claim", dataset: { document: claim.document_id, claim: claim.id } },
    h("div", { class: "who" }, sourceBadge(speaker.source_type),
      h("span", { class: "title" }, speaker.name || speaker.text || "unattributed"),
      speaker.role ? h("span", { class: "kv" }, ` · ${speaker.role}`) : null),
    h("blockquote", { class: "claim-text" }, claim.text),
    h("div", { class: "kv" }, `${claim.published || ""} · ${claim.outlet || ""} · `,
      h("a", { class: "claim-link", href: articleHref(claim.document_id, { claim: claim.id }) }, claim.title || "article")));
}

export async function renderClaims(stage, { params, stale }) {
  const kinds = params.getAll("kind").filter((k) => KINDS.includes(k));
  const chosen = kinds.length ? kinds : ["contradicts", "corroborates"];
  const query = filterParams(params);
  for (const kind of chosen) query.append("kind", kind);
  if (params.get("within") === "true") query.set("within", "true");
  query.set("limit", "100");
  const page = await api("/contradictions", query);
  if (stale()) return;
  const toggles = h("div", { class: "legend kinds" }, KINDS.map((kind) => {
    const box = h("input", { type: "checkbox", name: "kind", value: kind, checked: chosen.includes(kind),
      onchange: () => {
        const next = new URLSearchParams(params);
        next.delete("kind");
        for (const other of KINDS) {
          const on = other === kind ? box.checked : chosen.includes(other);
          if (on) next.append("kind", other);
        }
        go(location.pathname, next);
      } });
    return h("label", { class: `kind-${kind}` }, box, ` ${kind}`);
  }));
  const rows = page.items.map((pair) => h("div", { class: `pair pair-${pair.kind}`, dataset: { kind: pair.kind } },
    h("div", { class: "board" }, claimCard(pair.claim),
      h("div", { class: "rel" }, h("div", { class: `kind kind-${pair.kind}` }, pair.kind), h("div", { class: "kv" }, pair.reason || "")),
      claimCard(pair.other))));
  stage.append(h("h1", {}, "Claims board"),
    h("p", { class: "muted" }, "Accounts of one matter from different articles, side by side, with the type of each source."),
    toggles,
    rows.length ? h("div", { class: "pairs" }, h("div", { class: "board head" }, h("div", {}, "Claim"), h("div", {}, "Relation"),
      h("div", {}, "Other account")), rows) : h("p", { class: "muted" }, "No related claims match."));
}

export async function renderArticles(stage, { params, stale }) {
  const query = filterParams(params, ["q"]);
  query.set("limit", "100");
  const page = await api("/articles", query);
  if (stale()) return;
  stage.append(h("h1", {}, "Articles"), h("ul", { class: "list articles" }, page.items.map((article) => h("li", {},
    h("a", { class: "title article-link", href: articleHref(article.id) }, article.title || article.source_id || article.id),
    h("div", { class: "kv" }, `${article.published || "undated"} · ${article.outlet || "outlet unknown"} · ${article.events} events`)))));
  if (!page.items.length) stage.append(h("p", { class: "muted" }, "No articles match."));
}

export async function renderSearch(stage, { params, stale }) {
  const words = (params.get("q") || "").trim();
  stage.append(h("h1", {}, words ? `Search: ${words}` : "Search"));
  if (!words) {
    stage.append(h("p", { class: "muted" }, "Type words in the search box: they are looked for in event evidence, article titles, actor and place names."));
    return;
  }
  const found = await api("/search", new URLSearchParams({ q: words, limit: "20" }));
  if (stale()) return;
  const section = (title, items, draw) => h("section", { class: `results results-${title.toLowerCase()}` }, h("h2", {}, `${title} (${items.length})`),
    items.length ? draw(items) : h("p", { class: "muted" }, "none"));
  stage.append(
    section("Events", found.events, (items) => items.map((e) => eventCard(e))),
    section("Articles", found.articles, (items) => h("ul", { class: "list" }, items.map((a) => h("li", {},
      h("a", { class: "article-link", href: articleHref(a.id) }, a.title || a.id), h("span", { class: "kv" }, ` ${a.published || ""} · ${a.outlet || ""}`))))),
    section("Actors", found.actors, (items) => h("ul", { class: "list" }, items.map((a) => h("li", {},
      h("a", { href: `/ui/network?${new URLSearchParams({ actor: a.id })}` }, a.name),
      h("span", { class: "kv" }, ` ${a.id} · ${a.country || ""} · ${a.events_as_actor} as actor, ${a.events_as_target} as target · `),
      h("a", { href: `/ui/timeline?${new URLSearchParams({ actor: a.id })}` }, "timeline"))))),
    section("Places", found.places, (items) => h("ul", { class: "list" }, items.map((p) => h("li", {},
      h("a", { href: mapAround(p) }, p.name), h("span", { class: "kv" }, ` ${p.country || ""} · ${p.events} events · ${p.fatalities} killed`))))));
}

function mapAround(place) {
  if (place.lat === null || place.lon === null) return `/ui/map?${new URLSearchParams({ text: place.name })}`;
  const d = 3;
  const view = [Math.max(-180, place.lon - d * 2), Math.max(-90, place.lat - d), Math.min(180, place.lon + d * 2), Math.min(90, place.lat + d)];
  return `/ui/map?${new URLSearchParams({ view: view.map((v) => v.toFixed(3)).join(",") })}`;
}
