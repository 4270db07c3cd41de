// geokg explore: find an actor, read its dated relations with their
// evidence and sources on a timeline, and see its neighbourhood. It reads
// geokg's read API (/api/geokg/v1) of the server that serves it, and
// /explore/predicates.json, the schema's predicates with their families;
// it loads nothing from elsewhere. Everything from the store is put on the
// page as text (textContent), never as markup.
"use strict";

(function () {
  const API = "/api/geokg/v1";
  const FAMILIES = ["cooperation", "neutral", "conflict"];
  const COLOURS = { cooperation: "#1b7f3b", conflict: "#c0392b", neutral: "#6b7280" };
  const MAX_NEIGHBOURS = 40; // actors drawn around the one shown
  const $ = (id) => document.getElementById(id);

  let predicates = {}; // name → {label, family, kind}
  let current = null; // the relations response shown

  // el builds an element with attributes and children (strings become
  // text nodes).
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "class") e.className = v;
      else e.setAttribute(k, v);
    }
    for (const c of children.flat()) {
      if (c === undefined || c === null) continue;
      e.append(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return e;
  }

  function status(msg) { $("status").textContent = msg || ""; }

  async function api(path) {
    const resp = await fetch(path, { headers: { Accept: "application/json" } });
    let body = null;
    try { body = await resp.json(); } catch (e) { /* not JSON */ }
    if (!resp.ok) {
      let msg = (body && body.error) || resp.status + " " + resp.statusText;
      if (body && body.suggestions && body.suggestions.length) {
        msg += " — did you mean " + body.suggestions.map((s) => s.name || s.iri).join(", ") + "?";
      }
      throw new Error(msg);
    }
    return body;
  }

  function family(pred) { return (predicates[pred] && predicates[pred].family) || "neutral"; }
  function label(pred) { return (predicates[pred] && predicates[pred].label) || pred.replace(/_/g, " "); }
  // when is the date a statement is placed at: its date, else since.
  function when(st) { return st.date || st.since || ""; }

  // ---- search with autocomplete ----

  let searchSeq = 0;
  let selected = -1;
  let found = [];

  function showSuggestions(list, q) {
    const ul = $("suggestions");
    ul.replaceChildren();
    found = list;
    selected = list.length ? 0 : -1;
    for (const [i, e] of list.entries()) {
      const ql = q.toLowerCase();
      const alias = e.name.toLowerCase().includes(ql) ? null
        : (e.aliases || []).find((a) => a.toLowerCase().includes(ql));
      const li = el("li", { role: "option", id: "sugg-" + i, "data-iri": e.iri, "aria-selected": i === selected ? "true" : "false" },
        el("span", {}, el("span", { class: "name" }, e.name), alias ? el("span", { class: "alias" }, " (" + alias + ")") : null),
        el("span", { class: "type" }, [e.type, e.iso3].filter(Boolean).join(" · ")));
      li.addEventListener("mousedown", (ev) => { ev.preventDefault(); choose(i); });
      ul.append(li);
    }
    if (!list.length && q) ul.append(el("li", { class: "none", "aria-disabled": "true" }, "No actor matches “" + q + "”"));
    ul.hidden = !q;
    $("q").setAttribute("aria-expanded", ul.hidden ? "false" : "true");
  }

  function highlight(i) {
    const items = $("suggestions").querySelectorAll("li[role=option]");
    if (!items.length) return;
    selected = (i + items.length) % items.length;
    items.forEach((li, j) => li.setAttribute("aria-selected", j === selected ? "true" : "false"));
    items[selected].scrollIntoView({ block: "nearest" });
    $("q").setAttribute("aria-activedescendant", items[selected].id);
  }

  function choose(i) {
    const e = found[i];
    if (!e) return;
    $("suggestions").hidden = true;
    $("q").value = e.name;
    open(e.iri, true);
  }

  let timer = null;
  function onInput() {
    clearTimeout(timer);
    const q = $("q").value.trim();
    if (!q) { showSuggestions([], ""); return; }
    timer = setTimeout(async () => {
      const seq = ++searchSeq;
      try {
        const r = await api(API + "/entities?limit=10&q=" + encodeURIComponent(q));
        if (seq === searchSeq) showSuggestions(r.entities || [], q);
      } catch (err) {
        if (seq === searchSeq) status("Search failed: " + err.message);
      }
    }, 120);
  }

  function onKey(ev) {
    const ul = $("suggestions");
    switch (ev.key) {
      case "ArrowDown": ev.preventDefault(); if (!ul.hidden) highlight(selected + 1); break;
      case "ArrowUp": ev.preventDefault(); if (!ul.hidden) highlight(selected - 1); break;
      case "Enter":
        ev.preventDefault();
        if (!ul.hidden && selected >= 0) choose(selected);
        else if ($("q").value.trim()) open($("q").value.trim(), true);
        break;
      case "Escape": ul.hidden = true; break;
    }
  }

  // ---- an entity's page ----

  function params() { return new URLSearchParams(location.search); }

  // open shows the entity named (an IRI or a name), keeping the time
  // filters of the address.
  function open(name, push) {
    const p = params();
    p.set("entity", name);
    if (push) history.pushState(null, "", "?" + p.toString());
    load();
  }

  async function load() {
    const p = params();
    const name = p.get("entity");
    $("since").value = p.get("since") || "";
    $("until").value = p.get("until") || "";
    $("merged").checked = p.get("merged") === "1";
    const fams = p.get("families");
    for (const cb of document.querySelectorAll("input[name=family]")) {
      cb.checked = !fams || fams.split(",").includes(cb.value);
    }
    if (!name) {
      $("entity").hidden = true;
      $("welcome").hidden = false;
      return;
    }
    status("Loading " + name + "…");
    const q = new URLSearchParams();
    if (p.get("since")) q.set("since", p.get("since"));
    if (p.get("until")) q.set("until", p.get("until"));
    // Every relation, in pages of the most the API gives, oldest first
    // (the timeline and the neighbourhood need them all).
    q.set("order", "oldest");
    q.set("limit", "1000");
    try {
      const base = API + "/entities/" + encodeURIComponent(name) + "/relations?";
      current = await api(base + q.toString());
      for (let next = current.next_cursor; next; ) {
        q.set("cursor", next);
        const page = await api(base + q.toString());
        current.relations.push(...page.relations);
        Object.assign(current.documents, page.documents);
        next = page.next_cursor;
      }
      delete current.next_cursor;
    } catch (err) {
      status(err.message);
      return;
    }
    status("");
    $("welcome").hidden = true;
    $("entity").hidden = false;
    document.title = current.entity.name + " · geokg";
    render();
  }

  // merge folds statements of the same subject, predicate and object into
  // one, with its count, first and last date, evidence and sources.
  function merge(stmts) {
    const groups = new Map();
    for (const st of stmts) {
      const k = st.subject.iri + " " + st.predicate + " " + st.object.iri;
      let g = groups.get(k);
      if (!g) {
        g = { subject: st.subject, predicate: st.predicate, object: st.object, count: 0, first: "", last: "", evidence: [], docs: [] };
        groups.set(k, g);
      }
      g.count++;
      const d = when(st);
      if (d && (!g.first || d < g.first)) g.first = d;
      if (d && (!g.last || d > g.last)) g.last = d;
      if (st.evidence && !g.evidence.includes(st.evidence)) g.evidence.push(st.evidence);
      if (st.doc && !g.docs.includes(st.doc)) g.docs.push(st.doc);
    }
    return [...groups.values()];
  }

  function byDateDesc(a, b) {
    const da = a.last || when(a), db = b.last || when(b);
    if (da !== db) return da < db ? 1 : -1; // undated last
    return 0;
  }

  function render() {
    const r = current;
    const e = r.entity;
    $("name").textContent = e.name;
    const facts = [e.type, e.iso3 && "ISO " + e.iso3, e.cameo && "CAMEO " + e.cameo, e.iri].filter(Boolean).join(" · ");
    $("facts").replaceChildren(facts,
      e.aliases && e.aliases.length ? el("span", {}, " · also " + e.aliases.slice(0, 8).join(", ")) : "",
      e.parent ? el("span", {}, " · ", el("a", { href: "?entity=" + encodeURIComponent(e.parent) }, e.parent)) : "");

    const fams = new Set([...document.querySelectorAll("input[name=family]:checked")].map((c) => c.value));
    const shown = r.relations.filter((st) => fams.has(family(st.predicate)));
    const merged = merge(shown);
    const docs = new Set(shown.map((st) => st.doc).filter(Boolean));
    $("counts").textContent = `${shown.length} relations (${merged.length} distinct) from ${docs.size} articles` +
      (shown.length !== r.relations.length ? `, of ${r.relations.length} before the family filter` : "");

    drawTimeline(shown);
    drawGraph(e, merged);
    const items = $("merged").checked ? merged.sort(byDateDesc) : shown.slice().sort(byDateDesc);
    $("relations").replaceChildren(...items.map((it, i) => relationItem(it, i, e)));
  }

  function entityLink(x, self) {
    if (x.iri === self.iri) return el("span", { class: "self" }, x.name || x.iri);
    return el("a", { href: "?entity=" + encodeURIComponent(x.iri), "data-iri": x.iri }, x.name || x.iri);
  }

  function sourceItem(iri) {
    const d = current.documents[iri] || { iri };
    const title = d.headline || d.iri || iri;
    const link = /^https?:\/\//i.test(d.url || "") ? el("a", { href: d.url, rel: "noreferrer noopener", target: "_blank" }, title) : el("span", {}, title);
    return el("li", { class: "source" }, link, d.published ? el("span", { class: "pub" }, " · " + d.published) : null,
      d.url && d.headline ? null : el("span", { class: "pub" }, " · " + iri));
  }

  function relationItem(it, i, self) {
    const fam = family(it.predicate);
    const isMerged = it.count !== undefined;
    const date = isMerged ? (it.first && it.first !== it.last ? it.first + " – " + it.last : it.first) : dateText(it);
    const li = el("li", { class: "relation " + fam, id: "rel-" + i, "data-family": fam },
      el("div", { class: "rel-head" },
        el("span", { class: "rel-date" }, date || "undated"),
        el("span", { class: "rel-what" }, entityLink(it.subject, self), " ", el("span", { class: "pred" }, label(it.predicate)), " ", entityLink(it.object, self)),
        isMerged ? el("span", { class: "rel-count", title: "statements merged" }, "×" + it.count) : null,
        el("span", { class: "rel-meta fam " + fam }, fam + (isMerged ? "" : metaText(it)))));
    const evidence = isMerged ? it.evidence.slice(0, 3) : [it.evidence].filter(Boolean);
    for (const ev of evidence) li.append(el("blockquote", {}, ev));
    if (isMerged && it.evidence.length > 3) li.append(el("p", { class: "note" }, `and ${it.evidence.length - 3} more sentences`));
    const docs = isMerged ? it.docs : [it.doc].filter(Boolean);
    if (docs.length) li.append(el("ul", { class: "sources" }, docs.map(sourceItem)));
    return li;
  }

  function dateText(st) {
    if (st.date) return st.date;
    if (st.since || st.until) return (st.since || "…") + " – " + (st.until || "");
    return "";
  }

  function metaText(st) {
    const parts = [];
    if (st.cameo) parts.push("CAMEO " + st.cameo);
    if (st.confidence) parts.push("confidence " + st.confidence);
    if (st.attributed_to) parts.push("according to " + st.attributed_to);
    if (st.modality) parts.push(st.modality);
    return parts.length ? " · " + parts.join(" · ") : "";
  }

  // ---- timeline ----

  // dayOf turns an ISO date, maybe partial (2012, 2022-07), into days
  // since 1970 at the start of the period.
  function dayOf(d) {
    const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(d);
    if (!m) return null;
    return Date.UTC(+m[1], m[2] ? +m[2] - 1 : 0, m[3] ? +m[3] : 1) / 864e5;
  }

  function drawTimeline(stmts) {
    const box = $("timeline");
    const dated = stmts.map((st, i) => ({ st, i, day: dayOf(when(st)) })).filter((x) => x.day !== null);
    const undated = stmts.length - dated.length;
    $("undated").textContent = undated ? `${undated} relation${undated === 1 ? " has" : "s have"} no date` : "";
    const NS = "http://www.w3.org/2000/svg";
    const svgEl = (tag, attrs, text) => {
      const e = document.createElementNS(NS, tag);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
      if (text !== undefined) e.textContent = text;
      return e;
    };
    const W = 640, left = 92, right = 16, laneH = 44, top = 10;
    const H = top + laneH * FAMILIES.length + 28;
    const svg = svgEl("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `timeline of ${dated.length} dated relations` });
    if (!dated.length) {
      svg.append(svgEl("text", { x: W / 2, y: H / 2, "text-anchor": "middle" }, "no dated relation"));
      box.replaceChildren(svg);
      return;
    }
    const y0 = new Date(Math.min(...dated.map((x) => x.day)) * 864e5).getUTCFullYear();
    const y1 = new Date(Math.max(...dated.map((x) => x.day)) * 864e5).getUTCFullYear() + 1;
    const d0 = Date.UTC(y0, 0, 1) / 864e5, d1 = Date.UTC(y1, 0, 1) / 864e5;
    const x = (day) => left + (W - left - right) * (day - d0) / (d1 - d0);
    FAMILIES.forEach((f, k) => {
      const y = top + laneH * k + laneH / 2;
      svg.append(svgEl("line", { class: "axis", x1: left, x2: W - right, y1: y, y2: y, "stroke-dasharray": "2 3" }));
      svg.append(svgEl("text", { x: 4, y: y + 4 }, f));
    });
    const base = top + laneH * FAMILIES.length + 4;
    svg.append(svgEl("line", { class: "axis", x1: left, x2: W - right, y1: base, y2: base }));
    const step = Math.max(1, Math.ceil((y1 - y0) / 10));
    for (let y = y0; y <= y1; y += step) {
      const xx = x(Date.UTC(y, 0, 1) / 864e5);
      svg.append(svgEl("line", { class: "axis", x1: xx, x2: xx, y1: base, y2: base + 5 }));
      svg.append(svgEl("text", { x: xx, y: base + 18, "text-anchor": "middle" }, String(y)));
    }
    // Dots of one lane that would overlap are stacked.
    const taken = new Map();
    const order = $("merged").checked ? null : stmts.slice().sort(byDateDesc);
    for (const d of dated) {
      const f = family(d.st.predicate);
      const k = FAMILIES.indexOf(f);
      const cx = x(d.day);
      const slot = f + ":" + Math.round(cx / 8);
      const n = taken.get(slot) || 0;
      taken.set(slot, n + 1);
      const cyy = top + laneH * k + laneH / 2 + [0, -7, 7, -14, 14][n % 5];
      const c = svgEl("circle", { cx: cx.toFixed(1), cy: cyy.toFixed(1), r: 5, fill: COLOURS[f], class: "event " + f, "data-date": when(d.st) });
      c.append(svgEl("title", {}, `${when(d.st)}: ${d.st.subject.name} ${label(d.st.predicate)} ${d.st.object.name}`));
      c.addEventListener("click", () => {
        if (!order) return;
        const li = $("rel-" + order.indexOf(d.st));
        if (li) {
          li.scrollIntoView({ block: "center" });
          li.classList.add("flash");
          setTimeout(() => li.classList.remove("flash"), 1200);
        }
      });
      svg.append(c);
    }
    box.replaceChildren(svg);
  }

  // ---- neighbourhood graph ----

  let cy = null;

  function drawGraph(self, merged) {
    const box = $("graph");
    if (typeof cytoscape !== "function") {
      box.textContent = "The graph library did not load.";
      return;
    }
    // A hub's neighbourhood is cut to the actors it has most relations
    // with, so that names stay readable.
    const weight = new Map();
    for (const m of merged) {
      for (const x of [m.subject, m.object]) {
        if (x.iri !== self.iri) weight.set(x.iri, (weight.get(x.iri) || 0) + m.count);
      }
    }
    const kept = new Set([...weight.keys()].sort((a, b) => weight.get(b) - weight.get(a)).slice(0, MAX_NEIGHBOURS));
    kept.add(self.iri);
    $("graph-note").textContent = weight.size > MAX_NEIGHBOURS
      ? `the ${MAX_NEIGHBOURS} actors with the most relations are drawn, of ${weight.size}` : "";
    const nodes = new Map([[self.iri, { data: { id: self.iri, label: self.name, self: 1 } }]]);
    const edges = [];
    for (const [i, m] of merged.entries()) {
      if (!kept.has(m.subject.iri) || !kept.has(m.object.iri)) continue;
      for (const x of [m.subject, m.object]) {
        if (!nodes.has(x.iri)) nodes.set(x.iri, { data: { id: x.iri, label: x.name || x.iri, self: 0 } });
      }
      edges.push({ data: { id: "e" + i, source: m.subject.iri, target: m.object.iri, label: label(m.predicate) + (m.count > 1 ? " ×" + m.count : ""),
        colour: COLOURS[family(m.predicate)], width: Math.min(1.5 + m.count, 8), family: family(m.predicate) } });
    }
    if (cy) cy.destroy();
    const many = edges.length > 24;
    cy = cytoscape({
      container: box,
      elements: { nodes: [...nodes.values()], edges },
      wheelSensitivity: 0.3,
      style: [
        { selector: "node", style: { label: "data(label)", "background-color": "#9fb3c8", width: 18, height: 18,
          "font-size": 14, color: "#1f2933", "text-valign": "bottom", "text-margin-y": 3,
          "text-background-color": "#fff", "text-background-opacity": 0.8, "text-background-padding": 1 } },
        { selector: "node[self = 1]", style: { "background-color": "#102a43", width: 28, height: 28, "font-weight": "bold", "font-size": 16 } },
        { selector: "edge", style: { width: "data(width)", "line-color": "data(colour)", "target-arrow-color": "data(colour)",
          "target-arrow-shape": "triangle", "curve-style": "bezier", "control-point-step-size": 36, opacity: 0.8,
          label: many ? "" : "data(label)", "font-size": 12, color: "#3e4c59", "text-rotation": "autorotate",
          "text-background-color": "#fff", "text-background-opacity": 0.7 } },
        { selector: "edge:selected, edge.hover", style: { label: "data(label)", opacity: 1 } },
      ],
      // The actor in the middle, its neighbours around it: every edge is
      // one of its relations.
      layout: { name: "concentric", concentric: (n) => (n.data("self") ? 2 : 1), levelWidth: () => 1,
        minNodeSpacing: 150, animate: false, padding: 30 },
      minZoom: 0.2,
    });
    // A small neighbourhood is not blown up to fill the box.
    if (cy.zoom() > 1) {
      cy.zoom(1);
      cy.center();
    }
    cy.on("tap", "node", (ev) => {
      const id = ev.target.id();
      if (id !== self.iri) open(id, true);
    });
    cy.on("mouseover", "edge", (ev) => ev.target.addClass("hover"));
    cy.on("mouseout", "edge", (ev) => ev.target.removeClass("hover"));
    box.dataset.nodes = String(nodes.size);
    box.dataset.edges = String(edges.length);
    // The drawing's actors as a list, for screen readers (the canvas says
    // nothing to them).
    $("graph-list").replaceChildren(...[...nodes.values()].filter((n) => !n.data.self).map((n) =>
      el("li", {}, el("a", { href: "?entity=" + encodeURIComponent(n.data.id), "data-iri": n.data.id }, n.data.label))));
  }

  // ---- filters and start ----

  function onFilters(ev) {
    ev.preventDefault();
    if (!$("filters").reportValidity()) return;
    const p = params();
    for (const k of ["since", "until"]) {
      const v = $(k).value.trim();
      if (v) p.set(k, v); else p.delete(k);
    }
    const fams = [...document.querySelectorAll("input[name=family]:checked")].map((c) => c.value);
    if (fams.length === FAMILIES.length) p.delete("families"); else p.set("families", fams.join(","));
    if ($("merged").checked) p.set("merged", "1"); else p.delete("merged");
    history.pushState(null, "", "?" + p.toString());
    // Time goes to the server; families and merging are applied here.
    if (ev.type === "submit") load(); else if (current) render();
  }

  async function start() {
    $("q").addEventListener("input", onInput);
    $("q").addEventListener("keydown", onKey);
    $("q").addEventListener("blur", () => setTimeout(() => { $("suggestions").hidden = true; }, 150));
    $("filters").addEventListener("submit", onFilters);
    for (const cb of document.querySelectorAll("#filters input[type=checkbox]")) cb.addEventListener("change", onFilters);
    document.addEventListener("click", (ev) => {
      const a = ev.target.closest("a[data-iri]");
      if (!a || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
      ev.preventDefault();
      open(a.dataset.iri, true);
    });
    window.addEventListener("popstate", load);
    try {
      predicates = await api("predicates.json");
    } catch (err) {
      status("Could not read the predicates: " + err.message);
    }
    api(API + "/stats").then((s) => {
      const parts = [];
      for (const [k, v] of Object.entries(s || {})) if (typeof v === "number") parts.push(v + " " + k.replace(/_/g, " "));
      $("stats").textContent = parts.length ? "This store holds " + parts.join(", ") + "." : "";
    }).catch(() => {});
    load();
  }

  start();
})();
