// Article view: the clean text with every event (evidence sentence and trigger), quote, claim, actor
// mention, place and date marked at its character offsets. The text is cut at every offset into
// runs; each run is a text node inside a span that names everything covering it, so the article's
// own characters are never parsed as HTML. ?event=ID (or quote=, claim=, place=, date=) selects one
// item: its words are outlined and its card is shown.
import { remember } from "./app.js";
import { api, eventId, h, partyName, sourceBadge, typeBadge } from "./dom.js";

const KINDS = [
  ["evidence-span", "event sentence"], ["trigger", "event trigger"], ["quote", "quote"], ["claim", "claim"],
  ["actor", "actor"], ["place", "place"], ["date", "date"],
];

function spans(article) {
  const found = [];
  const add = (start, end, kind, ref) => {
    if (Number.isInteger(start) && Number.isInteger(end) && end > start && start >= 0 && end <= article.text.length) {
      found.push({ start, end, kind, ref });
    }
  };
  for (const event of article.events) {
    const id = eventId(event);
    add(event.evidence.start, event.evidence.end, "evidence-span", `event:${id}`);
    add(event.trigger.start, event.trigger.end, "trigger", `event:${id}`);
  }
  article.quotes.forEach((q) => add(q.start, q.end, "quote", `quote:${q.id}`));
  article.claims.forEach((c) => add(c.start, c.end, "claim", `claim:${c.id}`));
  article.mentions.forEach((m, i) => add(m.start, m.end, "actor", `mention:${i}`));
  article.places.forEach((p, i) => add(p.start, p.end, "place", `place:${i}`));
  article.dates.forEach((d, i) => add(d.start, d.end, "date", `date:${i}`));
  return found;
}

function markedText(article, found, select) {
  const cuts = new Set([0, article.text.length]);
  for (const span of found) { cuts.add(span.start); cuts.add(span.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const body = h("div", { class: "article-text", lang: article.language || "en" });
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const words = article.text.slice(from, to);
    const covering = found.filter((span) => span.start <= from && span.end >= to);
    if (!covering.length) {
      body.append(document.createTextNode(words));
      continue;
    }
    const kinds = [...new Set(covering.map((span) => span.kind))];
    const refs = [...new Set(covering.map((span) => span.ref))];
    body.append(h("span", { class: `hl ${kinds.join(" ")}`, dataset: { refs: refs.join(" "), start: from, end: to },
      title: kinds.join(", "), onclick: () => select(refs[refs.length - 1]) }, words));
  }
  return body;
}

function field(name, value) {
  return value === null || value === undefined || value === "" ? null : [h("dt", {}, name), h("dd", {}, value)];
}

function eventBox(event, select) {
  const toll = event.fatalities;
  return h("div", { class: "card event-card", dataset: { ref: `event:${eventId(event)}` } },
    h("div", {}, typeBadge(event.type), event.mode ? h("span", { class: "badge" }, event.mode) : null,
      event.negated ? h("span", { class: "badge" }, "negated") : null,
      event.hypothetical ? h("span", { class: "badge" }, "hypothetical") : null,
      h("a", { href: `?event=${encodeURIComponent(eventId(event))}`, class: "ref-link",
        onclick: (e) => { e.preventDefault(); select(`event:${eventId(event)}`); } }, `event ${eventId(event)}`)),
    h("dl", {},
      field("actor", event.actor ? partyName(event.actor) : null), field("target", event.target ? partyName(event.target) : null),
      field("place", event.location ? `${event.location.name} (${event.location.precision})` : null),
      field("date", event.date ? `${event.date.value} (${event.date.precision}, from ${event.date.source})` : null),
      field("killed", toll ? [...new Set([toll.low, toll.best, toll.high].filter((v) => v !== null))].join("–") : null),
      field("claimed by", toll ? toll.claimed_by : null), field("CAMEO", event.cameo),
      field("ACLED", event.acled ? `${event.acled.event_type} / ${event.acled.sub_event_type}` : null),
      field("trigger", event.trigger.text), field("confidence", event.confidence),
      field("incident", event.incident_id ? h("a", { href: `/ui/timeline?incident=${encodeURIComponent(event.incident_id)}` }, event.incident_id) : null)));
}

function speechBox(item, kind, select) {
  const speaker = item.speaker || {};
  return h("div", { class: `card ${kind}-card`, dataset: { ref: `${kind}:${item.id}` } },
    h("div", {}, sourceBadge(speaker.source_type), h("span", { class: "title" }, speaker.name || speaker.text || "unattributed"),
      " ", h("a", { href: `?${kind}=${encodeURIComponent(item.id)}`, class: "ref-link",
        onclick: (e) => { e.preventDefault(); select(`${kind}:${item.id}`); } }, `${kind} ${item.id}`)),
    h("div", { class: "evidence" }, item.text),
    (item.relations || []).map((r) => h("div", { class: "kv" }, `${r.kind}: ${r.other_speaker || "?"} — ${r.other_text || ""} (${r.other_outlet || "same article"})`)));
}

function pointBox(item, index, kind, select) {
  const text = kind === "place" ? `${item.name} · ${item.country || ""} · ${item.precision}${item.lat !== null ? ` · ${item.lat.toFixed(3)}, ${item.lon.toFixed(3)}` : ""}`
    : kind === "date" ? `${item.value} (${item.precision})` : `${item.name || item.text} ${item.actor_id ? `(${item.actor_id})` : ""}`;
  return h("li", { class: `${kind}-item`, dataset: { ref: `${kind}:${index}` } },
    h("a", { href: `?${kind}=${index}`, class: "ref-link", onclick: (e) => { e.preventDefault(); select(`${kind}:${index}`); } }, item.text),
    h("span", { class: "kv" }, ` → ${text}`));
}

const PARAMS = ["event", "quote", "claim", "place", "date", "mention"];

export async function renderArticle(stage, { id, params, stale }) {
  const article = await api(`/articles/${encodeURIComponent(id)}`);
  if (stale()) return;
  const found = spans(article);
  const side = h("aside", { class: "panel article-side" });
  let text = null;
  const select = (ref, scroll = true) => {
    const [kind, key] = ref.split(":");
    const next = new URLSearchParams();
    next.set(kind, key);
    remember(next);
    for (const node of text.querySelectorAll(".hl.selected")) node.classList.remove("selected");
    const marked = [...text.querySelectorAll(".hl")].filter((node) => node.dataset.refs.split(" ").includes(ref));
    marked.forEach((node) => node.classList.add("selected"));
    for (const card of side.querySelectorAll(".selected")) card.classList.remove("selected");
    const card = side.querySelector(`[data-ref="${CSS.escape(ref)}"]`);
    if (card) card.classList.add("selected");
    if (scroll && marked.length) marked[0].scrollIntoView({ block: "center" });
    if (scroll && card) card.scrollIntoView({ block: "nearest" });
  };
  text = markedText(article, found, select);
  side.append(h("div", {},
    h("h2", {}, `Events (${article.events.length})`), article.events.map((e) => eventBox(e, select)),
    h("h2", {}, `Quotes (${article.quotes.length})`), article.quotes.map((q) => speechBox(q, "quote", select)),
    h("h2", {}, `Claims (${article.claims.length})`), article.claims.map((c) => speechBox(c, "claim", select)),
    h("h2", {}, `Places (${article.places.length})`), h("ul", { class: "list" }, article.places.map((p, i) => pointBox(p, i, "place", select))),
    h("h2", {}, `Dates (${article.dates.length})`), h("ul", { class: "list" }, article.dates.map((d, i) => pointBox(d, i, "date", select))),
    h("h2", {}, `Actors named (${article.mentions.length})`), h("ul", { class: "list" }, article.mentions.map((m, i) => pointBox(m, i, "mention", select)))));
  const legend = h("div", { class: "legend" }, KINDS.map(([kind, label]) => h("span", { class: `hl ${kind}` }, label)));
  const source = article.url ? h("a", { href: article.url, rel: "noopener noreferrer nofollow", target: "_blank" }, "source") : null;
  stage.append(h("h1", { class: "article-title" }, article.title || article.source_id || article.id),
    h("p", { class: "kv" }, [article.published, article.outlet, article.dateline, article.byline].filter(Boolean).join(" · "), " ", source),
    legend, h("div", { class: "cols" }, text, side));
  const chosen = PARAMS.find((name) => params.has(name));
  if (chosen) {
    const ref = `${chosen}:${params.get(chosen)}`;
    requestAnimationFrame(() => select(ref));
  }
}

