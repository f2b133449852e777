/* paperkg view: draws the graph, and the search, filters and side panel around it.
 * Text from the notes only ever goes through textContent, option.text or vis-network's
 * plain-string tooltips: nothing from the data is parsed as HTML. */
"use strict";
(function () {
  const STYLE = {
    paper: { plural: "Papers", colour: "#4e79a7", shape: "dot", name: "Paper", font: 13 },
    topic: { plural: "Topics", colour: "#f28e2b", shape: "box", name: "Topic", font: 26 },
    technique: { plural: "Techniques", colour: "#59a14f", shape: "diamond", name: "Technique", font: 14 },
    work: { plural: "Works", colour: "#b07aa1", shape: "triangle", name: "External work", font: 14 },
  };
  const TYPES = ["paper", "topic", "technique", "work"];
  const STAR = "#e0a800";
  const RELATIONS = {
    subject: { text: "filed under", colour: "rgba(242,142,43,0.45)", length: 50 },
    mentions: { text: "mentions", colour: "rgba(89,161,79,0.22)", length: 260 },
    broader: { text: "broader", colour: "rgba(242,142,43,0.7)", length: 120 },
    related: { text: "related to", colour: "rgba(176,122,161,0.8)", length: 140, dashes: true },
    similar_to: { text: "similar to", colour: "#b07aa1", length: 140 },
    improves_on: { text: "improves on", colour: "#c0392b", length: 140 },
    based_on: { text: "based on", colour: "#2c5d8f", length: 140 },
    compared_with: { text: "compared with", colour: "#7f8c8d", length: 140 },
  };
  const WORK_RELATIONS = ["related", "similar_to", "improves_on", "based_on", "compared_with"];

  const data = JSON.parse(document.getElementById("paperkg-data").textContent);
  const N = data.nodes;
  const big = !data.physics;
  const $ = (id) => document.getElementById(id);

  /* ---------- DOM helper: every text goes through textContent ---------- */
  function el(tag, props, children) {
    const node = document.createElement(tag);
    if (props) {
      for (const [k, v] of Object.entries(props)) {
        if (k === "text") node.textContent = v;
        else if (k === "class") node.className = v;
        else if (k === "on") for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
        else node.setAttribute(k, v);
      }
    }
    for (const c of children || []) if (c) node.append(c);
    return node;
  }

  /* ---------- graph indexes ---------- */
  const out = N.map(() => []); // [target, relation]
  const inc = N.map(() => []); // [source, relation]
  for (const [s, t, r] of data.edges) {
    out[s].push([t, r]);
    inc[t].push([s, r]);
  }
  const mentionsOf = N.map(() => []);
  for (const [p, t, part, line, surface] of data.mentions) mentionsOf[p].push({ t, part, line, surface });
  const mentionCount = N.map((_, i) => inc[i].filter(([, r]) => r === "mentions").length);
  const topicOf = N.map((n, i) => (n.type === "paper" ? (out[i].find(([, r]) => r === "subject") || [null])[0] : null));
  const papersBelow = N.map(() => 0);
  N.forEach((n, i) => {
    for (let t = topicOf[i]; t !== null && t !== undefined; t = (out[t].find(([, r]) => r === "broader") || [null])[0]) papersBelow[t]++;
  });
  const byLabel = (a, b) => N[a].label.localeCompare(N[b].label) || a - b;
  const byRating = (a, b) => (N[b].rating || 0) - (N[a].rating || 0) || byLabel(a, b);

  function short(text, max) {
    return text.length > max ? text.slice(0, max - 1).trimEnd() + "…" : text;
  }
  function isWebLink(url) {
    return typeof url === "string" && /^https?:\/\/[^\s]+$/i.test(url);
  }
  function ratingText(n) {
    if (n.rating === undefined) return "";
    return n.rating + "/" + (n.best_rating || 10) + (n.rating_uncertain ? "?" : "");
  }
  function tooltip(n) {
    const lines = [n.type === "paper" ? n.label : STYLE[n.type].name + ": " + n.label];
    if (n.type === "paper") {
      const r = [ratingText(n), n.starred ? "★ starred" : ""].filter(Boolean).join("  ");
      if (r) lines.push(r);
      if (n.topic) lines.push(n.topic);
      if (n.notes) lines.push(n.notes);
    } else if (n.alt_labels) {
      lines.push("also: " + n.alt_labels.split("|").join(", "));
    }
    return lines.join("\n");
  }

  /* ---------- vis data ---------- */
  function visNode(n, i) {
    const st = STYLE[n.type] || STYLE.work;
    const item = {
      id: i, x: n.x, y: n.y, shape: st.shape, title: tooltip(n),
      color: { background: st.colour, border: st.colour, highlight: { background: st.colour, border: "#1f2933" }, hover: { background: st.colour, border: "#1f2933" } },
      font: { size: st.font, face: "system-ui, sans-serif", color: "#1f2933", strokeWidth: 3, strokeColor: "#ffffff" },
    };
    if (n.type === "paper") {
      item.label = (n.starred ? "★ " : "") + short(n.label, 38);
      item.size = n.rating === undefined ? 7 : 5 + 2.2 * n.rating;
      if (n.starred) {
        item.borderWidth = 4;
        item.color.border = STAR;
        item.color.highlight.border = STAR;
        item.color.hover.border = STAR;
      }
    } else if (n.type === "topic") {
      item.label = short(n.label, 34);
      // A topic's label grows with the room its papers take, so big graphs stay legible zoomed out.
      item.font = { size: Math.min(big ? 220 : 34, Math.max(st.font, 12 * (1 + Math.sqrt(papersBelow[i])) * (big ? 0.6 : 0.35))), face: "system-ui, sans-serif", color: "#ffffff" };
      item.margin = 8;
      item.shapeProperties = { borderRadius: 6 };
    } else if (n.type === "technique") {
      item.label = short(n.label, 30);
      item.size = 7 + 3 * Math.sqrt(mentionCount[i]);
      item.font.size = st.font + Math.min(16, 2.2 * Math.sqrt(mentionCount[i]));
    } else {
      item.label = short(n.label, 30);
      item.size = 10;
    }
    return item;
  }
  function visEdge(e, k) {
    const [s, t, r] = e;
    const rel = RELATIONS[r] || RELATIONS.related;
    return {
      id: k, from: s, to: t, length: rel.length, dashes: !!rel.dashes, physics: r !== "mentions" || mentionCount[t] <= 3,
      hidden: big && r === "mentions", // thousands of them hide the rest; shown for the selection
      width: WORK_RELATIONS.includes(r) ? 2 : 1,
      color: { color: rel.colour, highlight: "#1f2933", hover: "#1f2933" },
      title: rel.text + "\n" + short(N[s].label, 70) + " → " + short(N[t].label, 70),
    };
  }
  const nodes = new vis.DataSet(N.map(visNode));
  const edges = new vis.DataSet(data.edges.map(visEdge));

  const options = {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 7 },
    nodes: { borderWidth: 1.5, scaling: { label: { drawThreshold: 5, maxVisible: 40 } } },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.35 } },
      smooth: big ? false : { type: "continuous", roundness: 0.3 },
      selectionWidth: 2, hoverWidth: 1,
    },
    interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: big, hideEdgesOnZoom: big, multiselect: false },
    physics: big ? false : {
      solver: "barnesHut",
      barnesHut: { gravitationalConstant: -2600, centralGravity: 0.25, springLength: 100, springConstant: 0.04, damping: 0.35, avoidOverlap: 0.4 },
      stabilization: { enabled: true, iterations: 250, updateInterval: 50, fit: true },
      minVelocity: 1.5,
    },
  };
  const network = new vis.Network($("graph"), { nodes, edges }, options);

  const api = { ready: false, network, nodes, edges, data };
  window.paperkg = api;
  function markReady() {
    if (api.ready) return;
    network.fit({ animation: false });
    api.ready = true;
    api.readyAt = performance.now();
    $("loading").remove();
    document.body.dataset.ready = "1";
  }
  if (big) {
    network.once("afterDrawing", markReady);
  } else {
    network.once("stabilizationIterationsDone", () => {
      network.setOptions({ physics: false });
      network.storePositions();
      markReady();
    });
  }

  /* ---------- filters ---------- */
  const visible = new Uint8Array(N.length).fill(1);
  const state = { types: new Set(TYPES), minRating: 0, topic: "", technique: "", neighbourhood: false, selected: null };

  function descendants(root, relation) {
    const seen = new Set([root]);
    const stack = [root];
    while (stack.length) {
      const x = stack.pop();
      for (const [s, r] of inc[x]) if (r === relation && !seen.has(s)) { seen.add(s); stack.push(s); }
    }
    return seen;
  }
  function ancestors(start, into) {
    const stack = [start];
    while (stack.length) {
      const x = stack.pop();
      for (const [t, r] of out[x]) if (r === "broader" && !into.has(t)) { into.add(t); stack.push(t); }
    }
  }

  function computeVisible() {
    const want = new Uint8Array(N.length);
    const paperFilter = state.minRating > 0 || state.topic !== "" || state.technique !== "";
    const topics = state.topic !== "" ? descendants(+state.topic, "broader") : null;
    const techs = state.technique !== "" ? descendants(+state.technique, "broader") : null;
    const keepTopics = new Set();
    const keepOthers = new Set();
    N.forEach((n, i) => {
      if (n.type !== "paper") return;
      if (state.minRating > 0 && !((n.rating || 0) >= state.minRating)) return;
      if (topics && !topics.has(topicOf[i])) return;
      if (techs && !out[i].some(([t, r]) => r === "mentions" && techs.has(t))) return;
      want[i] = 1;
      for (const [t] of out[i]) keepOthers.add(t);
      for (const [s] of inc[i]) keepOthers.add(s);
      if (topicOf[i] !== null) { keepTopics.add(topicOf[i]); ancestors(topicOf[i], keepTopics); }
    });
    if (topics) for (const t of topics) keepTopics.add(t);
    if (techs) for (const t of techs) keepOthers.add(t);
    N.forEach((n, i) => {
      if (n.type === "paper") return;
      want[i] = !paperFilter || keepTopics.has(i) || keepOthers.has(i) ? 1 : 0;
    });
    N.forEach((n, i) => { if (!state.types.has(n.type)) want[i] = 0; });
    if (state.neighbourhood && state.selected !== null) {
      const near = new Set([state.selected]);
      for (const [t] of out[state.selected]) near.add(t);
      for (const [s] of inc[state.selected]) near.add(s);
      N.forEach((_, i) => { if (!near.has(i)) want[i] = 0; });
      want[state.selected] = 1;
    }
    return want;
  }

  function applyFilters() {
    const want = computeVisible();
    const changes = [];
    for (let i = 0; i < N.length; i++) {
      if (want[i] !== visible[i]) { visible[i] = want[i]; changes.push({ id: i, hidden: !want[i] }); }
    }
    if (changes.length) nodes.update(changes);
    updateStatus();
  }
  function counts() {
    const c = { nodes: 0, papers: 0, allPapers: 0 };
    N.forEach((n, i) => {
      if (n.type === "paper") c.allPapers++;
      if (visible[i]) { c.nodes++; if (n.type === "paper") c.papers++; }
    });
    return c;
  }
  function updateStatus() {
    const c = counts();
    $("status").textContent = c.papers + " of " + c.allPapers + " papers shown · " + c.nodes + " of " + N.length + " nodes";
  }
  api.visibleCount = (type) => N.reduce((acc, n, i) => acc + (visible[i] && (!type || n.type === type) ? 1 : 0), 0);

  function buildFilters() {
    const minRating = $("min-rating");
    minRating.append(el("option", { value: "0", text: "any" }));
    for (let r = 1; r <= 10; r++) minRating.append(el("option", { value: String(r), text: String(r) }));
    minRating.addEventListener("change", () => { state.minRating = +minRating.value; applyFilters(); });

    const topicSelect = $("topic-filter");
    const topicIds = N.map((n, i) => i).filter((i) => N[i].type === "topic");
    topicIds.sort((a, b) => (N[a].path || "").localeCompare(N[b].path || "") || a - b);
    for (const i of topicIds) {
      const depth = (N[i].path || "").split("/").length - 1;
      const papers = descendants(i, "broader");
      let count = 0;
      N.forEach((n, j) => { if (n.type === "paper" && papers.has(topicOf[j])) count++; });
      const opt = el("option", { value: String(i) });
      opt.text = "\u00a0\u00a0".repeat(depth) + N[i].label + " (" + count + ")";
      topicSelect.append(opt);
    }
    topicSelect.addEventListener("change", () => { state.topic = topicSelect.value; applyFilters(); });

    const techSelect = $("technique-filter");
    const techIds = N.map((n, i) => i).filter((i) => N[i].type === "technique" && mentionCount[i] > 0);
    techIds.sort((a, b) => mentionCount[b] - mentionCount[a] || byLabel(a, b));
    for (const i of techIds) {
      const opt = el("option", { value: String(i) });
      opt.text = N[i].label + " (" + mentionCount[i] + ")";
      techSelect.append(opt);
    }
    techSelect.addEventListener("change", () => { state.technique = techSelect.value; applyFilters(); });

    $("neighbourhood").addEventListener("change", (ev) => { state.neighbourhood = ev.target.checked; applyFilters(); });
    $("reset").addEventListener("click", reset);
  }

  function reset() {
    state.types = new Set(TYPES);
    state.minRating = 0; state.topic = ""; state.technique = ""; state.neighbourhood = false;
    for (const box of $("types").querySelectorAll("input")) box.checked = true;
    $("min-rating").value = "0"; $("topic-filter").value = ""; $("technique-filter").value = "";
    $("neighbourhood").checked = false;
    $("search").value = ""; closeResults();
    closePanel();
    applyFilters();
    network.fit({ animation: { duration: 300 } });
  }

  /* ---------- selection and side panel ---------- */
  function selectNode(i, focus) {
    if (!visible[i]) {
      // Filters hide it: lift them rather than select an invisible node.
      const keepNeighbourhood = false;
      state.types = new Set(TYPES); state.minRating = 0; state.topic = ""; state.technique = "";
      state.neighbourhood = keepNeighbourhood;
      for (const box of $("types").querySelectorAll("input")) box.checked = true;
      $("min-rating").value = "0"; $("topic-filter").value = ""; $("technique-filter").value = "";
      $("neighbourhood").checked = false;
    }
    state.selected = i;
    revealMentions(i);
    applyFilters();
    network.selectNodes([i]);
    if (focus) network.focus(i, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 350, easingFunction: "easeInOutQuad" } });
    openPanel(i);
  }
  api.selectNode = (i) => selectNode(i, true);

  let revealed = [];
  function revealMentions(i) {
    if (!big) return;
    const ids = [];
    data.edges.forEach(([s, t, r], k) => { if (r === "mentions" && (s === i || t === i)) ids.push(k); });
    edges.update(revealed.map((k) => ({ id: k, hidden: true })).concat(ids.map((k) => ({ id: k, hidden: false }))));
    revealed = ids;
  }

  function chip(i, prefix, text) {
    const n = N[i];
    const label = text ? text : n.type === "paper" ? (n.starred ? "★ " : "") + short(n.label, 80) + (n.rating !== undefined ? "  " + ratingText(n) : "") : n.label;
    const button = el("button", { type: "button", class: "chip t-" + n.type, title: STYLE[n.type].name + ": " + n.label }, [
      prefix ? el("span", { class: "rel", text: prefix }) : null,
      document.createTextNode(label),
    ]);
    button.addEventListener("click", () => selectNode(i, true));
    return button;
  }
  function chipSection(title, items) {
    if (!items.length) return null;
    return el("section", null, [el("h3", { text: title + " (" + items.length + ")" }), el("div", { class: "chips" }, items)]);
  }
  function textSection(title, text, cls) {
    if (!text) return null;
    return el("section", null, [el("h3", { text: title }), el("p", { class: cls || "", text: text })]);
  }
  function linkLine(url) {
    if (!url) return null;
    if (isWebLink(url)) {
      return el("p", null, [el("a", { href: url, target: "_blank", rel: "noopener noreferrer", text: url })]);
    }
    return el("p", { class: "meta" }, [el("span", { text: url }), document.createTextNode(" (not a web link)")]);
  }
  function uniq(list) { return [...new Set(list)]; }

  function openPanel(i) {
    const n = N[i];
    const body = $("panel-body");
    body.replaceChildren();
    const parts = [el("span", { class: "badge t-" + n.type, text: STYLE[n.type].name }), el("h2", { text: n.label })];
    if (n.type === "paper") {
      const meta = [];
      if (n.rating !== undefined) meta.push(el("span", { class: "rating", text: "Rating " + ratingText(n) + (n.rating_uncertain ? " (uncertain)" : "") }));
      if (n.starred) meta.push(el("span", { class: "star", text: "  ★ starred" }));
      if (meta.length) parts.push(el("p", null, meta));
      const pub = [n.first_author, n.venue, n.year].filter((x) => x !== undefined && x !== "").join(" · ");
      if (pub) parts.push(el("p", { class: "meta", text: pub }));
      if (topicOf[i] !== null) parts.push(chipSection("Topic", [chip(topicOf[i], "", n.topic || N[topicOf[i]].label)]));
      else if (n.topic) parts.push(textSection("Topic", n.topic));
      parts.push(textSection("Summary", n.summary));
      parts.push(textSection("Comment", n.comment, "comment"));
      parts.push(chipSection("Techniques", uniq(out[i].filter(([, r]) => r === "mentions").map(([t]) => t)).sort(byLabel).map((t) => chip(t))));
      const related = out[i].filter(([, r]) => WORK_RELATIONS.includes(r)).map(([t, r]) => chip(t, RELATIONS[r].text));
      parts.push(chipSection("Related works", related));
      const citedBy = inc[i].filter(([, r]) => WORK_RELATIONS.includes(r)).map(([s, r]) => chip(s, RELATIONS[r].text + " this:"));
      parts.push(chipSection("Referred to by", citedBy));
      const where = mentionsOf[i];
      if (where.length) {
        parts.push(el("section", null, [
          el("h3", { text: "Where they are mentioned" }),
          el("ul", null, where.map((m) => el("li", null, [
            el("strong", { text: N[m.t].label }),
            document.createTextNode(" — " + m.part + ", line " + m.line + (m.surface && m.surface !== N[m.t].label ? " (“" + m.surface + "”)" : "")),
          ]))),
        ]));
      }
      parts.push(el("h3", { text: "Paper" }));
      parts.push(linkLine(n.url) || el("p", { class: "meta", text: "no link" }));
      if (n.notes) parts.push(el("h3", { text: "Notes" }), el("p", null, [el("code", { text: n.notes })]));
    } else {
      if (n.alt_labels) parts.push(el("p", { class: "meta", text: "also: " + n.alt_labels.split("|").join(", ") }));
      if (n.url) parts.push(linkLine(n.url));
      const broader = out[i].filter(([, r]) => r === "broader").map(([t]) => t);
      const narrower = inc[i].filter(([, r]) => r === "broader").map(([s]) => s).sort(byLabel);
      parts.push(chipSection("Broader", broader.map((t) => chip(t))));
      parts.push(chipSection("Narrower", narrower.map((t) => chip(t))));
      const papers = uniq(inc[i].filter(([s, r]) => N[s].type === "paper" && r !== "broader").map(([s]) => s)).sort(byRating);
      parts.push(chipSection(n.type === "topic" ? "Papers" : n.type === "technique" ? "Mentioned by" : "Referred to by", papers.map((p) => chip(p))));
    }
    body.append(...parts.filter(Boolean));
    $("panel").hidden = false;
    updateStatus();
  }
  function closePanel() {
    $("panel").hidden = true;
    state.selected = null;
    network.unselectAll();
    if (state.neighbourhood) applyFilters();
  }
  $("panel-close").addEventListener("click", closePanel);
  network.on("click", (params) => {
    if (params.nodes.length) selectNode(params.nodes[0], false);
    else if (!params.edges.length) closePanel();
  });

  /* ---------- search ---------- */
  const haystack = N.map((n) => {
    const words = [n.label, n.alt_labels ? n.alt_labels.split("|").join(" ") : ""];
    if (n.type === "topic") words.push(n.path || "");
    return words.join(" \u0001 ").toLowerCase();
  });
  const typeRank = { paper: 0, technique: 1, topic: 2, work: 3 };
  let hits = [];
  let active = 0;

  function search(query) {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    const terms = q.split(/\s+/);
    const found = [];
    for (let i = 0; i < N.length; i++) {
      const h = haystack[i];
      if (!terms.every((t) => h.includes(t))) continue;
      const label = N[i].label.toLowerCase();
      const score = (label === q ? 0 : label.startsWith(q) ? 1 : h.includes(q) ? 2 : 3) * 10 + typeRank[N[i].type];
      found.push([score, i]);
    }
    found.sort((a, b) => a[0] - b[0] || byLabel(a[1], b[1]));
    return found.slice(0, 40).map((f) => f[1]);
  }
  function renderResults() {
    const list = $("results");
    list.replaceChildren();
    if (!$("search").value.trim()) { list.hidden = true; return; }
    if (!hits.length) {
      list.append(el("li", { class: "empty", text: "no match" }));
    }
    hits.forEach((i, k) => {
      const n = N[i];
      const item = el("li", { role: "option", "aria-selected": k === active ? "true" : "false", "data-index": String(i) }, [
        el("span", { class: "kind", text: STYLE[n.type].name }),
        el("span", { class: "hit", text: (n.starred ? "★ " : "") + n.label + (n.rating !== undefined ? "  " + ratingText(n) : "") }),
      ]);
      item.addEventListener("mousedown", (ev) => { ev.preventDefault(); choose(k); });
      list.append(item);
    });
    list.hidden = false;
    const current = list.children[active];
    if (current && current.scrollIntoView) current.scrollIntoView({ block: "nearest" });
  }
  function closeResults() { $("results").hidden = true; }
  function choose(k) {
    const i = hits[k];
    if (i === undefined) return;
    closeResults();
    selectNode(i, true);
  }
  const input = $("search");
  input.addEventListener("input", () => { hits = search(input.value); active = 0; renderResults(); });
  input.addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown") { active = Math.min(active + 1, hits.length - 1); renderResults(); ev.preventDefault(); }
    else if (ev.key === "ArrowUp") { active = Math.max(active - 1, 0); renderResults(); ev.preventDefault(); }
    else if (ev.key === "Enter") { choose(active); ev.preventDefault(); }
    else if (ev.key === "Escape") { input.value = ""; hits = []; closeResults(); }
  });
  input.addEventListener("blur", () => setTimeout(closeResults, 150));
  input.addEventListener("focus", () => { if (input.value.trim()) renderResults(); });
  document.addEventListener("keydown", (ev) => {
    const typing = ev.target instanceof HTMLInputElement || ev.target instanceof HTMLSelectElement;
    if (ev.key === "/" && !typing) { input.focus(); input.select(); ev.preventDefault(); }
    else if (ev.key === "Escape" && !typing) closePanel();
  });

  /* ---------- legend ---------- */
  function buildLegend() {
    const legend = $("legend");
    const sym = { dot: "dot", box: "box", diamond: "diamond", triangle: "triangle" };
    const types = el("fieldset", { id: "types" }, [el("legend", { text: "Show" })]);
    for (const t of TYPES) {
      const s = el("span", { class: "sym " + sym[STYLE[t].shape] });
      if (t !== "work") s.style.background = STYLE[t].colour;
      const box = el("input", { type: "checkbox", value: t, "aria-label": "show " + STYLE[t].plural });
      box.checked = true;
      box.addEventListener("change", () => {
        if (box.checked) state.types.add(t); else state.types.delete(t);
        applyFilters();
      });
      types.append(el("label", { class: "row" }, [box, s, el("span", { text: STYLE[t].plural })]));
    }
    legend.append(types);
    legend.append(el("div", { class: "row" }, [el("span", { class: "sym ring" }), el("span", { text: "★ starred paper" })]));
    for (const r of ["similar_to", "improves_on", "based_on", "related"]) {
      const line = el("span", { class: "sym edge" });
      line.style.borderTopColor = RELATIONS[r].colour;
      if (RELATIONS[r].dashes) line.style.borderTopStyle = "dashed";
      legend.append(el("div", { class: "row" }, [line, el("span", { text: RELATIONS[r].text })]));
    }
    legend.append(el("div", { class: "note", text: "paper size = rating · hover an edge for its relation" }));
  }

  buildFilters();
  buildLegend();
  updateStatus();
})();
