// multipolar dashboard. Article data is only ever put in the page as text (textContent, d3 .text());
// never as markup, and links to articles are followed only for http(s) URLs.
"use strict";

const API = "/api/v1";
const PAGE = 25;
const state = { focus: null, target: "RUS", on: null, offset: 0, filters: {}, countries: new Map(), numeric: new Map(),
  camps: null, stance: new Map() };
const CAMP_LABEL = { condemning: "condemning", leaning_against: "leaning against", neutral: "neutral",
  leaning_towards: "leaning towards", supporting: "supporting", none: "not classified" };
let PALETTE = { camps: {}, types: {}, series: ["#b2182b", "#2166ac"] };

// One palette per meaning, shared with the HTML report: /static/palette.json becomes CSS variables
// (camps on one diverging scale, blue against the target, red with it; 16 event-type colours).
async function loadPalette() {
  try {
    PALETTE = await (await fetch("/static/palette.json")).json();
  } catch (e) { return; }
  const root = document.documentElement.style;
  for (const [camp, colour] of Object.entries(PALETTE.camps || {})) root.setProperty(`--camp-${camp}`, colour);
  if (PALETTE.target) root.setProperty("--camp-target", PALETTE.target);
  if (PALETTE.none) root.setProperty("--camp-none", PALETTE.none);
  Object.assign(CAMP_LABEL, PALETTE.camp_labels || {});
}

function typeSwatch(type) {
  const span = el("span", { class: "type-swatch", title: type });
  span.style.setProperty("background", (PALETTE.types || {})[type] || "#999");
  return span;
}

function el(tag, attrs, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function setStatus(text) { document.getElementById("status").textContent = text; }

function showError(err) {
  const b = document.getElementById("banner");
  b.hidden = false;
  b.textContent = String(err && err.message ? err.message : err);
}

async function api(path, params) {
  const url = new URL(API + path, window.location.origin);
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== null && v !== undefined && v !== "") url.searchParams.set(k, v);
  }
  const resp = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await resp.json();
  if (!resp.ok) {
    const e = body.error;
    const msg = !e ? resp.statusText : (String(e.message || "").startsWith(e.code) ? e.message : `${e.code} ${e.message}`);
    throw new Error(msg);          // the code once, then what to do
  }
  return body;
}

// An article link: the source URL when it is http(s), else the stored text served by the API.
function safeHref(url, hash) {
  try {
    const u = new URL(url);
    if (u.protocol === "http:" || u.protocol === "https:") return u.href;
  } catch (e) { /* not a URL */ }
  return null;
}

// an IGO code with the CAMEO prefix is shown as its acronym (IGOSCO -> SCO), as the bloc views name it
function shown(code) { return /^IGO[A-Z]{3}$/.test(code || "") ? code.slice(3) : code; }
function codes(parties) { return (parties || []).map(p => shown(p.code)).join(", "); }

// Split a sentence into plain and highlighted pieces: trigger, actor and recipient words.
function highlight(sentence, ev) {
  const terms = [];
  if (ev.trigger) terms.push([ev.trigger, "trigger"]);
  for (const p of ev.actor || []) if (p.text) terms.push([p.text, "actor"]);
  for (const p of ev.recipient || []) if (p.text) terms.push([p.text, "recipient"]);
  const lower = sentence.toLowerCase();
  const spans = [];
  for (const [word, cls] of terms) {
    let from = 0;
    const w = word.toLowerCase();
    while (w && (from = lower.indexOf(w, from)) !== -1) {
      const end = from + w.length;
      if (!spans.some(s => from < s[1] && end > s[0])) spans.push([from, end, cls]);
      from = end;
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const [s, e, cls] of spans) {
    if (s > at) frag.appendChild(document.createTextNode(sentence.slice(at, s)));
    frag.appendChild(el("mark", { class: cls, title: cls }, sentence.slice(s, e)));
    at = e;
  }
  if (at < sentence.length) frag.appendChild(document.createTextNode(sentence.slice(at)));
  return frag;
}

// ---- map ---------------------------------------------------------------------------------------
let mapPaths = null;

async function drawMap() {
  const world = await (await fetch("/vendor/countries-110m.json")).json();
  const features = topojson.feature(world, world.objects.countries).features;
  const projection = d3.geoNaturalEarth1().fitSize([960, 470], { type: "Sphere" });
  const path = d3.geoPath(projection);
  const svg = d3.select("#map");
  const tip = document.getElementById("map-tip");
  svg.append("path").attr("d", path({ type: "Sphere" })).attr("fill", "#eaf1f8");
  mapPaths = svg.append("g").selectAll("path").data(features).join("path")
    .attr("class", "country none").attr("d", path)
    .attr("data-iso3", f => isoOf(f) || "")
    .on("click", (event, f) => { const iso = isoOf(f); if (iso) selectState(iso); })
    .on("mousemove", (event, f) => {
      const iso = isoOf(f);
      tip.hidden = false;
      const r = state.stance.get(iso);
      tip.textContent = `${f.properties.name}${iso ? " (" + iso + ")" : ""}${f.camp ? ": " + f.camp : ""}` +
        (r ? ` · score ${fmt(r.score)} (${fmt(r.score_lo)} to ${fmt(r.score_hi)})` +
             `${r.near_boundary ? " · near a camp boundary" : ""}` : "");
      const box = document.getElementById("map-panel").getBoundingClientRect();
      tip.style.left = `${event.clientX - box.left + 12}px`;
      tip.style.top = `${event.clientY - box.top + 12}px`;
    })
    .on("mouseleave", () => { tip.hidden = true; });
}

function fmt(v, digits = 2) { return v === null || v === undefined ? "–" : Number(v).toFixed(digits); }
function pct(v) { return v === null || v === undefined ? "–" : `${(100 * v).toFixed(1)}%`; }

function isoOf(feature) {
  if (feature.id && state.numeric.has(String(feature.id))) return state.numeric.get(String(feature.id));
  if (feature.properties && feature.properties.name === "Kosovo") return "XKX";
  return null;
}

// Camps toward state.target from /stance (analysis.stance.classify); a store without UN votes has none.
async function colourMap() {
  document.getElementById("map-target").textContent = nameOf(state.target);
  const note = document.getElementById("map-note");
  let camp = new Map();
  note.textContent = `computing the stance of every state toward ${nameOf(state.target)} …`;
  drawShares(null);
  try {
    const body = await api("/stance", { target: state.target, on: state.on, limit: 1000 });
    camp = new Map(body.items.map(r => [r.iso3, r.camp]));
    state.camps = camp;
    state.stance = new Map(body.items.map(r => [r.iso3, r]));
    const near = body.items.filter(r => r.near_boundary).length;
    note.textContent = `${body.items.length} states classified on ${body.date}; ${near} near a camp boundary ` +
      `(their interval crosses it). ${body.method}`;
    drawShares(body);
  } catch (err) {
    state.camps = null;
    state.stance = new Map();
    note.textContent = "No stance camps: " + (err && err.message ? err.message : err);
  }
  mapPaths.each(function (f) {
    const iso = isoOf(f);
    f.camp = iso === state.target ? "target" : CAMP_LABEL[camp.get(iso) || "none"];
    this.setAttribute("class", "country " + (iso === state.target ? "target" : (camp.get(iso) || "none")) +
                      (iso === state.focus ? " focus" : ""));
  });
}

// ---- camp shares of world population, with their bootstrap intervals (Stance.camps) ------------------
function drawShares(body) {
  const tbody = document.querySelector("#camp-shares tbody");
  tbody.replaceChildren();
  if (!body) return;
  for (const [camp, c] of Object.entries(body.camps || {})) {
    const tr = tbody.appendChild(el("tr", { class: "share", "data-camp": camp }));
    const name = tr.appendChild(el("td"));
    name.appendChild(el("span", { class: "swatch " + camp }));
    name.appendChild(document.createTextNode(" " + (CAMP_LABEL[camp] || camp)));
    tr.appendChild(el("td", {}, c.count));
    tr.appendChild(el("td", {}, pct(c.population_share)));
    const iv = c.population_share_interval;
    tr.appendChild(el("td", { class: "interval" }, iv ? `${pct(iv[0])} to ${pct(iv[1])}` : "–"));
    tr.appendChild(el("td", {}, pct(c.gdp_share)));
    tr.appendChild(el("td", {}, (c.near_boundary || []).length));
  }
}

// ---- a state's camp and its evidence (Stance.explain) ----------------------------------------------
function evidenceText(e) {
  switch (e.kind) {
    case "vote":
    case "prior_vote": return `${e.resolution}: voted ${e.vote}` +
      (e.target_vote ? ` (target voted ${e.target_vote})` : "") + (e.note ? ` – ${e.note}` : "") +
      (e.kind === "prior_vote" ? " (earlier record on the target)" : "");
    case "sanction": return `${e.relation || "sanctions"}${e.via && e.via !== e.program ? " via " + e.via : ""}: ` +
      `${e.program || ""} since ${e.start || "?"} (${e.source || ""})`;
    case "bloc": return `${e.bloc}: ${e.note}`;
    case "event": return `${e.event}${e.mode ? "/" + e.mode : ""}: ${e.sentence || ""}`;
    case "co_actor": return `acted together with the target (${e.event}): ${e.sentence || ""}`;
    case "un_agreement": return `UN vote agreement with the target ${e.agreement} over ${e.roll_calls} roll calls ` +
      `(median state ${e.median}; ${e.excluded_resolutions || 0} resolutions about the target left out)`;
    case "external_event": return `${e.source} CAMEO ${e.cameo} (Goldstein ${e.goldstein})`;
    default: return e.note || Object.entries(e)                // readable text, never raw JSON
      .filter(([k, v]) => !["kind", "date", "value", "weight", "score"].includes(k) && v !== null && v !== "")
      .map(([k, v]) => `${k.replace(/_/g, " ")} ${typeof v === "object" ? JSON.stringify(v).replace(/[{}"]/g, "") : v}`)
      .join("; ");
  }
}

async function drawCamp() {
  const head = document.getElementById("camp-head");
  const list = document.querySelector("#evidence tbody");
  const detail = document.getElementById("camp-detail");
  list.replaceChildren();
  detail.replaceChildren();
  delete head.dataset.camp;
  if (!state.camps) { head.textContent = "No stance camps on this store."; return; }
  if (state.focus === state.target) { head.textContent = `${nameOf(state.focus)} is the target of the map.`; return; }
  let body;
  try {
    body = await api("/stance/explain", { target: state.target, state: state.focus, on: state.on });
  } catch (err) {
    head.textContent = `${nameOf(state.focus)}: not classified (${err.message || err})`;
    return;
  }
  head.textContent = `${nameOf(state.focus)}: ${CAMP_LABEL[body.camp] || body.camp}`;
  head.dataset.camp = body.camp;
  const iv = body.interval || [body.score, body.score];
  detail.appendChild(el("span", { class: "score" }, `score ${fmt(body.score)}`));
  detail.appendChild(el("span", { class: "interval" }, `interval ${fmt(iv[0])} to ${fmt(iv[1])}`));
  detail.appendChild(el("span", { class: "coverage" }, `coverage ${pct(body.coverage)} of the weight`));
  detail.appendChild(el("span", { class: "stability" }, `same camp in ${pct(body.camp_stability)} of replicates`));
  if (body.near_boundary) detail.appendChild(el("span", { class: "near-boundary" }, "near a camp boundary"));
  const parts = detail.appendChild(el("span", { class: "components" }));
  parts.textContent = "parts: " + Object.entries(body.components).map(([k, v]) =>
    `${k.replace(/_/g, " ")} ${v === null ? "no evidence" : fmt(v)}` +
    ((body.evidence_items || {})[k] ? ` (${body.evidence_items[k]})` : "")).join(", ");
  for (const e of body.evidence.slice(0, 60)) {
    const tr = list.appendChild(el("tr", { class: "evidence " + e.kind }));
    tr.appendChild(el("td", {}, e.kind));
    tr.appendChild(el("td", {}, e.date || e.start || ""));
    tr.appendChild(el("td", {}, evidenceText(e)));
    tr.appendChild(el("td", {}, e.value !== undefined ? e.value : (e.score !== undefined ? e.score : "")));
  }
  if (body.evidence.length > 60) list.appendChild(el("tr")).appendChild(el("td", { colspan: 4 },
    `… and ${body.evidence.length - 60} more (GET /api/v1/stance/explain)`));
}

function nameOf(code) { return (state.countries.get(code) || {}).name || shown(code); }

// ---- isolation timeline ---------------------------------------------------------------------------
// analysis.isolation.index by month, ten years to the date: the index (mean of the parts present) as the line,
// its four parts (votes, sanctions, suspensions, engagement) as thin lines. Every month of the ten years is on the
// axis; a month without a value is a gap in the line (never bridged).
const PARTS = ["votes", "sanctions", "suspensions", "engagement"];
const PART_LABEL = { votes: "UN votes in a small minority", sanctions: "sanctioning states' GDP share",
  suspensions: "suspensions from IGOs", engagement: "leader engagement (1 = none)" };

function num(v) { return v === null || v === undefined ? null : Number(v); }

async function drawIsolation() {
  const since = `${+state.on.slice(0, 4) - 10}${state.on.slice(4)}`;          // the ten years up to the date
  const body = await api("/isolation", { state: state.focus, freq: "month", since, until: state.on, limit: 1000 });
  const parts = body.parts || PARTS;
  const svg = d3.select("#isolation");
  svg.selectAll("*").remove();
  const data = body.items.map(d => ({ month: new Date(String(d.period).slice(0, 7) + "-01T00:00:00Z"),
    period: String(d.period).slice(0, 7), isolation: num(d.isolation), n_parts: d.n_parts || 0,
    parts: Object.fromEntries(parts.map(p => [p, num(d[p])])), partners: d.partners || 0 }));
  const legend = document.getElementById("isolation-legend");
  legend.replaceChildren();
  const known = data.filter(d => d.isolation !== null);
  if (!known.length) { svg.append("text").attr("x", 20).attr("y", 100).text("no isolation data for this state"); return; }
  const W = 480, H = 220, m = { l: 44, r: 10, t: 10, b: 40 };
  const x = d3.scaleUtc().domain(d3.extent(data, d => d.month)).range([m.l, W - m.r]);
  const y = d3.scaleLinear().domain([0, 1]).range([H - m.b, m.t]);
  const yp = d3.scaleLinear().domain([0, d3.max(data, d => d.partners) || 1]).range([H - m.b, m.t]);
  // fill in the months the API did not return, so that they are gaps
  const byMonth = new Map(data.map(d => [d.period, d]));
  const months = d3.utcMonth.range(d3.min(data, d => d.month), d3.utcMonth.offset(d3.max(data, d => d.month), 1));
  const series = months.map(t => byMonth.get(t.toISOString().slice(0, 7)) ||
    { month: t, period: t.toISOString().slice(0, 7), isolation: null, n_parts: 0, parts: {}, partners: 0 });
  svg.append("g").attr("class", "bars").selectAll("rect").data(series.filter(d => d.partners)).join("rect")
    .attr("x", d => x(d.month) - 1).attr("width", 2).attr("y", d => yp(d.partners))
    .attr("height", d => H - m.b - yp(d.partners))
    .append("title").text(d => `${d.period}: met ${d.partners} partner${d.partners === 1 ? "" : "s"}`);
  const colours = (PALETTE.series || []).slice(1);
  const shown = parts.filter(p => series.some(d => d.parts[p] !== null && d.parts[p] !== undefined));
  shown.forEach((p, i) => {
    const has = d => d.parts[p] !== null && d.parts[p] !== undefined;
    svg.append("path").datum(series).attr("class", `part part-${p}`).attr("stroke", colours[i % colours.length])
      .attr("d", d3.line().defined(has).x(d => x(d.month)).y(d => y(d.parts[p])))
      .append("title").text(PART_LABEL[p] || p);
    const item = legend.appendChild(el("span", { class: "part-key", "data-part": p }));
    const sw = item.appendChild(el("span", { class: "swatch" }));
    sw.style.setProperty("background", colours[i % colours.length]);
    item.appendChild(document.createTextNode(PART_LABEL[p] || p));
  });
  const lineKey = legend.insertBefore(el("span", { class: "part-key" }), legend.firstChild);
  lineKey.appendChild(el("span", { class: "swatch index-key" }));
  lineKey.appendChild(document.createTextNode("isolation (mean of the parts present)"));
  svg.append("path").datum(series).attr("class", "line")
    .attr("d", d3.line().defined(d => d.isolation !== null).x(d => x(d.month)).y(d => y(d.isolation)));
  svg.append("g").attr("class", "points").selectAll("circle").data(series.filter(d => d.isolation !== null))
    .join("circle").attr("class", "point").attr("r", 2.2).attr("cx", d => x(d.month)).attr("cy", d => y(d.isolation))
    .append("title").text(d => `${d.period}: isolation ${d.isolation.toFixed(2)} (${d.n_parts} of ` +
      `${parts.length} parts: ` + parts.map(p => `${p} ${fmt(d.parts[p])}`).join(", ") + ")");
  svg.append("g").attr("class", "axis").attr("transform", `translate(0,${H - m.b})`).call(d3.axisBottom(x).ticks(6));
  svg.append("g").attr("class", "axis").attr("transform", `translate(${m.l},0)`).call(d3.axisLeft(y).ticks(4));
  svg.append("text").attr("class", "axis-title").attr("x", (m.l + W - m.r) / 2).attr("y", H - 6)
    .attr("text-anchor", "middle").text("month");
  svg.append("text").attr("class", "axis-title").attr("transform", `translate(12,${(H - m.b + m.t) / 2}) rotate(-90)`)
    .attr("text-anchor", "middle").text("isolation (0 engaged, 1 isolated)");
}

// ---- bloc network -----------------------------------------------------------------------------------
let simulation = null;

async function drawBlocs() {
  const body = await api("/blocs/network", { party: state.focus, on: state.on, limit: 1000 });
  const svg = d3.select("#blocs");
  svg.selectAll("*").remove();
  if (simulation) simulation.stop();
  const blocs = new Set(body.blocs);
  const ids = new Set();
  body.items.forEach(l => { ids.add(l.source); ids.add(l.target); });
  const nodes = [...ids].map(id => ({ id, bloc: blocs.has(id) }));
  const links = body.items.map(l => ({ source: l.source, target: l.target }));
  if (!nodes.length) { svg.append("text").attr("x", 20).attr("y", 160).text("in no bloc on this date"); return; }
  const link = svg.append("g").selectAll("line").data(links).join("line").attr("class", "link");
  const node = svg.append("g").selectAll("circle").data(nodes).join("circle")
    .attr("r", d => d.bloc ? 7 : (d.id === state.focus ? 6 : 3))
    .attr("class", d => d.bloc ? "node-bloc" : (d.id === state.focus ? "node-focus" : "node-state"))
    .on("click", (e, d) => { if (!d.bloc) selectState(d.id); });
  node.append("title").text(d => d.bloc ? d.id : nameOf(d.id));
  const labelled = nodes.length <= 70 ? nodes : nodes.filter(d => d.bloc || d.id === state.focus);
  const label = svg.append("g").selectAll("text").data(labelled)
    .join("text").attr("class", d => "node-label" + (d.bloc ? " bloc" : "")).text(d => d.id);
  simulation = d3.forceSimulation(nodes)
    .force("link", d3.forceLink(links).id(d => d.id).distance(55))
    .force("charge", d3.forceManyBody().strength(-45))
    .force("center", d3.forceCenter(240, 160))
    .force("x", d3.forceX(240).strength(0.05)).force("y", d3.forceY(160).strength(0.08))
    .on("tick", () => {
      link.attr("x1", d => d.source.x).attr("y1", d => d.source.y).attr("x2", d => d.target.x).attr("y2", d => d.target.y);
      node.attr("cx", d => d.x = Math.max(6, Math.min(474, d.x))).attr("cy", d => d.y = Math.max(6, Math.min(314, d.y)));
      label.attr("x", d => d.x + 8).attr("y", d => d.y + 3);
    });
}

// ---- leader diplomacy -------------------------------------------------------------------------------
async function drawMeetings() {
  const body = await api("/meetings", { state: state.focus, until: state.on, limit: 1000 });
  const tbody = document.querySelector("#meetings tbody");
  tbody.replaceChildren();
  const items = body.items.slice(-15).reverse();                     // the latest first
  if (!items.length) tbody.appendChild(el("tr")).appendChild(el("td", { colspan: 4 }, "no leader meetings"));
  for (const m of items) {
    const tr = tbody.appendChild(el("tr"));
    tr.appendChild(el("td", {}, (m.date || "?") + (m.end && m.end !== m.date ? ` to ${m.end}` : "")));  // a visit of days
    tr.appendChild(el("td", {}, m.type));
    tr.appendChild(el("td", {}, nameOf(m.partner) + (m.partner_leader ? ` (${m.partner_leader})` : "")));
    tr.appendChild(el("td", {}, m.place || ""));
    tr.title = (m.sources[0] || {}).sentence || "";
  }
}

// ---- profile --------------------------------------------------------------------------------------
async function drawProfile() {
  const body = await api("/actors/" + encodeURIComponent(state.focus), { on: state.on });
  document.getElementById("profile-name").textContent = `${body.name} (${state.focus})`;
  const box = document.getElementById("profile");
  box.replaceChildren();
  const leaders = (body.leaders || []).map(l => `${l.name} (${l.role})`).join("; ");
  box.appendChild(el("p", {}, "Leaders: " + (leaders || "none on record")));
  box.appendChild(el("p", {}, "Capital: " + (body.capital || "?")));
  box.appendChild(el("p", {}, "Blocs: " + ((body.blocs || []).join(", ") || "none")));
}

// ---- events -----------------------------------------------------------------------------------------
function eventParams() {
  return { party: state.focus, ...state.filters, limit: PAGE, offset: state.offset };
}

let eventsCall = 0;             // a slower answer for an earlier state or page must not replace a newer one

async function drawEvents() {
  const call = ++eventsCall;
  const params = eventParams();
  const body = await api("/events", params);
  if (call !== eventsCall) return;
  const csv = new URL(API + "/events", window.location.origin);
  for (const [k, v] of Object.entries({ ...params, limit: 1000, offset: 0, format: "csv" })) {
    if (v !== null && v !== undefined && v !== "") csv.searchParams.set(k, v);
  }
  document.getElementById("csv").setAttribute("href", csv.pathname + csv.search);
  const tbody = document.querySelector("#events tbody");
  tbody.replaceChildren();
  for (const ev of body.items) {
    const tr = tbody.appendChild(el("tr", { class: "event", "data-id": ev.id }));
    for (const v of [ev.date || "?", ev.event + (ev.mode ? "/" + ev.mode : ""), codes(ev.actor), codes(ev.recipient),
                     ev.modality, ev.confidence]) tr.appendChild(el("td", {}, v));
    tr.children[1].prepend(typeSwatch(ev.event));
    tr.addEventListener("click", () => toggleDetail(tr, ev));
  }
  if (!body.items.length) tbody.appendChild(el("tr")).appendChild(el("td", { colspan: 6 }, "no events"));
  tbody.dataset.party = params.party || "";
  document.getElementById("page").textContent = `rows ${state.offset + 1}–${state.offset + body.items.length}`;
  document.getElementById("prev").disabled = state.offset === 0;
  document.getElementById("next").disabled = body.next_offset === null;
}

function toggleDetail(tr, ev) {
  const next = tr.nextElementSibling;
  if (next && next.classList.contains("detail")) { next.remove(); return; }
  const row = el("tr", { class: "detail" });
  const td = row.appendChild(el("td", { colspan: 6 }));
  const p = td.appendChild(el("p", { class: "sentence" }));
  p.appendChild(highlight(ev.sentence || "", ev));
  const art = ev.article || {};
  const meta = td.appendChild(el("p", { class: "note" }));
  meta.appendChild(document.createTextNode(`${art.title || "untitled article"} · `));
  const href = safeHref(art.url);
  if (href) {
    meta.appendChild(el("a", { href, target: "_blank", rel: "noopener noreferrer nofollow", class: "source" },
                        "source article"));
    meta.appendChild(document.createTextNode(" · "));
  }
  const stored = meta.appendChild(el("a", { href: "#article-panel", class: "stored" }, "stored text"));
  stored.addEventListener("click", e => { e.preventDefault(); showArticle(art.hash); });
  meta.appendChild(document.createTextNode(` · trigger “${ev.trigger || ""}” · coder ${ev.coder || ""}`));
  tr.after(row);
}

async function showArticle(hash) {
  const art = await api("/articles/" + encodeURIComponent(hash));
  document.getElementById("article-panel").hidden = false;
  document.getElementById("article-title").textContent = art.title || "untitled article";
  document.getElementById("article-meta").textContent = `${art.date || ""} ${art.url || ""} (${art.source || ""})`;
  document.getElementById("article-text").textContent = art.text;
  document.getElementById("article-panel").scrollIntoView();
}

// ---- wiring -----------------------------------------------------------------------------------------
async function selectState(code) {
  state.focus = code;
  state.offset = 0;
  document.getElementById("state").value = code;
  const url = new URL(window.location.href);
  url.searchParams.set("state", code);
  history.replaceState(null, "", url.pathname + url.search);
  await refresh();
}

async function refresh() {
  setStatus("loading…");
  const jobs = [colourMap().then(drawCamp), drawIsolation(), drawBlocs(), drawMeetings(), drawProfile(), drawEvents()];
  const results = await Promise.allSettled(jobs);
  const failed = results.filter(r => r.status === "rejected");
  failed.forEach(r => showError(r.reason));
  setStatus(failed.length ? "some panels failed" : `${nameOf(state.focus)} · ${state.on}`);
  document.body.dataset.ready = "1";
}

async function main() {
  if (typeof d3 === "undefined" || typeof topojson === "undefined") {
    showError("front-end libraries missing: run `npm ci --prefix src/multipolar/web/frontend` and reload");
    return;
  }
  await loadPalette();
  const [health, countries] = await Promise.all([api("/health"), api("/countries", { limit: 1000 })]);
  const counts = health.counts || {};
  document.getElementById("getting-started").hidden = (counts.events || 0) > 0;
  for (const c of countries.items) {
    state.countries.set(c.code, c);
    if (c.numeric) state.numeric.set(String(c.numeric), c.code);
  }
  const select = document.getElementById("state");
  for (const c of countries.items) select.appendChild(el("option", { value: c.code }, `${c.name} (${c.as_actor + c.as_recipient})`));
  const params = new URLSearchParams(window.location.search);
  state.on = params.get("on") || health.last_date || new Date().toISOString().slice(0, 10);
  document.getElementById("on").value = state.on;
  await drawMap();
  select.addEventListener("change", () => selectState(select.value));
  document.getElementById("on").addEventListener("change", e => { state.on = e.target.value; refresh(); });
  // every state can be the target (analysis.stance classifies any; an error shows in the map's note)
  const tsel = document.getElementById("target");
  const byName = [...countries.items].sort((a, b) => a.name.localeCompare(b.name));
  for (const c of byName) tsel.appendChild(el("option", { value: c.code }, `${c.name} (${c.code})`));
  state.target = (params.get("target") || "RUS").toUpperCase();
  tsel.value = state.target;
  tsel.addEventListener("change", () => {
    state.target = tsel.value;
    const url = new URL(window.location.href);
    url.searchParams.set("target", state.target);
    history.replaceState(null, "", url.pathname + url.search);
    colourMap().then(drawCamp).catch(showError);
  });
  document.getElementById("event-filters").addEventListener("submit", e => {
    e.preventDefault();
    state.filters = Object.fromEntries(new FormData(e.target).entries());
    state.offset = 0;
    drawEvents().catch(showError);
  });
  document.getElementById("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); drawEvents().catch(showError); });
  document.getElementById("next").addEventListener("click", () => { state.offset += PAGE; drawEvents().catch(showError); });
  const first = params.get("state") || (countries.items[0] && countries.items[0].code) || "USA";
  await selectState(first.toUpperCase());
}

document.addEventListener("DOMContentLoaded", () => { main().catch(showError); });
