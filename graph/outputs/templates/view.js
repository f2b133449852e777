/* paperkg view: a topic map that opens into papers, with search, filters, a list and a side panel.
 * Text from the notes only ever goes through textContent, option.text, canvas fillText or
 * vis-network's plain-string tooltips: nothing from the data is parsed as HTML.
 * Positions come from the Python layout; vis-network draws nodes and edges, the page draws the
 * labels itself so that it can draw only those that fit (highest priority first). */
"use strict";
(function () {
  const STYLE = {
    paper: { plural: "Papers", colour: "#4e79a7", shape: "dot", name: "Paper" },
    topic: { plural: "Topics", colour: "#f28e2b", shape: "dot", name: "Topic" },
    technique: { plural: "Techniques", colour: "#59a14f", shape: "diamond", name: "Technique" },
    work: { plural: "Works", colour: "#b07aa1", shape: "triangle", name: "External work" },
  };
  const TYPES = ["paper", "topic", "technique", "work"];
  const STAR = "#e0a800";
  const INK = "#1f2933";
  const RELATIONS = {
    subject: { text: "filed under", colour: "rgba(242,142,43,0.6)", length: 60 },
    mentions: { text: "mentions", colour: "rgba(89,161,79,0.55)", length: 200 },
    broader: { text: "broader", colour: "rgba(242,142,43,0.8)", length: 120 },
    related: { text: "related to", colour: "rgba(176,122,161,0.9)", length: 140, dashes: true },
    similar_to: { text: "similar to", colour: "#b07aa1", length: 140 },
    improves_on: { text: "improves on", colour: "#c0392b", length: 140 },
    based_on: { text: "based on", colour: "#2c5d8f", length: 140 },
    compared_with: { text: "compared with", colour: "#7f8c8d", length: 140 },
  };
  const WORK_RELATIONS = ["related", "similar_to", "improves_on", "based_on", "compared_with"];
  const TOP_TECHNIQUES = 20; // drawn on the topic map
  const AUTO_OPEN = 200; // a technique filter opens the topics of at most this many papers
  const LIST_CHUNK = 150; // list rows rendered at a time
  const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
  const MAX_FIT_SCALE = 1.3;

  const startedAt = performance.now(); // the page's own script starts (bench/html_tti.py)
  const data = JSON.parse(document.getElementById("paperkg-data").textContent);
  const N = data.nodes;
  // where each node is drawn, and the topic a paper is drawn under, come as arrays beside
  // the nodes (they move when other nodes come and go; graph/outputs/view_json.py)
  N.forEach((n, i) => {
    n.x = data.xy[2 * i];
    n.y = data.xy[2 * i + 1];
    if (data.home[i] >= 0) n.home = data.home[i];
  });
  const $ = (id) => document.getElementById(id);

  /* ---------- DOM helper: every text goes through textContent ---------- */
  function el(tag, props, children) {
    const node = document.createElement(tag);
    if (props) {
      for (const [k, v] of Object.entries(props)) {
        if (k === "text") node.textContent = v;
        else if (k === "class") node.className = v;
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
  const parentOf = N.map((n, i) => (n.type === "topic" ? (out[i].find(([t, r]) => r === "broader" && N[t].type === "topic") || [null])[0] : null));
  const topicOf = N.map((n) => (n.type === "paper" && n.home !== undefined ? n.home : null));
  // every topic a paper is filed under (a vault's tags: several), its home first
  const topicsOf = N.map((n, i) => (n.type === "paper" ? uniqueTopics(i) : []));
  function uniqueTopics(i) {
    const found = topicOf[i] !== null ? [topicOf[i]] : [];
    for (const [t, r] of out[i]) if (r === "subject" && N[t].type === "topic" && !found.includes(t)) found.push(t);
    return found;
  }
  const collate = new Intl.Collator(undefined, { numeric: true }).compare; // 10x localeCompare on 5,000 titles
  const byLabel = (a, b) => collate(N[a].label, N[b].label) || a - b;
  const byRating = (a, b) => (N[b].rating || 0) - (N[a].rating || 0) || byLabel(a, b);

  // Regions: the top-level topics of the map (the layout's), and their bubbles.
  const R = data.regions.map(([t, x0, y0, x1, y1, bx, by, br]) => ({ t, box: [x0, y0, x1, y1], bx, by, br }));
  const regionOfTopic = new Map(R.map((r, k) => [r.t, k]));
  const looseRegion = R.findIndex((r) => r.t === -1);
  const groupOf = new Int32Array(N.length).fill(-1);
  N.forEach((n, i) => {
    if (n.type === "topic") {
      for (let t = i; t !== null; t = parentOf[t]) if (regionOfTopic.has(t)) { groupOf[i] = regionOfTopic.get(t); break; }
    }
  });
  N.forEach((n, i) => {
    if (n.type === "paper") groupOf[i] = topicOf[i] !== null && groupOf[topicOf[i]] >= 0 ? groupOf[topicOf[i]] : looseRegion;
  });
  N.forEach((n, i) => {
    if (n.type === "work") {
      const src = inc[i].map(([s]) => s).filter((s) => N[s].type === "paper").sort((a, b) => a - b)[0];
      if (src !== undefined) groupOf[i] = groupOf[src];
    }
  });
  const isMapTopic = (i) => N[i].type === "topic" && regionOfTopic.has(i);
  const topTechniques = new Set(
    N.map((_, i) => i).filter((i) => N[i].type === "technique" && mentionCount[i] > 0)
      .sort((a, b) => mentionCount[b] - mentionCount[a] || byLabel(a, b)).slice(0, TOP_TECHNIQUES),
  );

  function short(text, max) {
    return text.length > max ? text.slice(0, max - 1).trimEnd() + "…" : text;
  }
  function wrap(text, width, lines) {
    // At most `lines` lines of about `width` characters, cut at spaces; "…" if text is left.
    const words = text.split(/\s+/).filter(Boolean);
    const result = [];
    let line = "";
    let k = 0;
    for (; k < words.length; k++) {
      const next = line ? line + " " + words[k] : words[k];
      if (next.length <= width || !line) { line = next; continue; }
      result.push(line);
      line = words[k];
      if (result.length === lines) break;
    }
    if (result.length < lines && line) { result.push(line); k = words.length; }
    const cut = result.map((l) => short(l, width));
    const last = cut.length - 1;
    if (k < words.length && !cut[last].endsWith("…")) cut[last] = (cut[last].length >= width ? cut[last].slice(0, width - 1).trimEnd() : cut[last]) + "…";
    return cut;
  }
  function isWebLink(url) {
    return typeof url === "string" && /^https?:\/\/[^\s]+$/i.test(url);
  }
  function ratingText(n) {
    if (n.rating === undefined) return "";
    return n.rating + "/" + (n.best_rating || 10) + (n.rating_uncertain ? "?" : "");
  }
  function topicName(i) {
    return topicOf[i] !== null ? N[topicOf[i]].label : N[i].topic || "";
  }
  function tooltip(n, i) {
    const lines = [n.type === "paper" ? n.label : STYLE[n.type].name + ": " + n.label];
    if (n.type === "paper") {
      const r = [ratingText(n), n.starred ? "★ starred" : ""].filter(Boolean).join("  ");
      if (r) lines.push(r);
      if (n.topic) lines.push(n.topic);
      if (n.notes) lines.push(n.notes);
    } else if (n.type === "topic" && isMapTopic(i)) {
      lines.push(open[regionOfTopic.get(i)] ? "click: details · double-click: close" : "click to open");
    } else {
      if (n.type === "technique") lines.push("mentioned by " + mentionCount[i] + (mentionCount[i] === 1 ? " paper" : " papers"));
      if (n.alt_labels) lines.push("also: " + n.alt_labels.split("|").join(", "));
    }
    return lines.join("\n");
  }

  /* ---------- state ---------- */
  const open = new Uint8Array(R.length);
  if (looseRegion >= 0) open[looseRegion] = 1;
  const state = { types: new Set(TYPES), minRating: 0, topic: "", technique: "", query: "", neighbourhood: false, selected: null, hovered: null };
  const inGraph = new Uint8Array(N.length); // passes the filters (a paper in a closed topic counts in its bubble)
  const drawn = new Uint8Array(N.length); // a node of the vis DataSet
  const groupCount = new Int32Array(R.length); // papers in the graph per region
  const subCount = new Int32Array(N.length); // papers in the graph per topic, with sub-topics

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
    for (let t = start; t !== null; t = parentOf[t]) into.add(t);
  }
  function neighbours(i) {
    const near = new Set([i]);
    for (const [t] of out[i]) near.add(t);
    for (const [s] of inc[i]) near.add(s);
    return near;
  }
  function paperFilterOn() {
    return state.minRating > 0 || state.topic !== "" || state.technique !== "" || state.query !== "";
  }

  function computeModel() {
    inGraph.fill(0);
    const paperFilter = paperFilterOn();
    const topics = state.topic !== "" ? descendants(+state.topic, "broader") : null;
    const techs = state.technique !== "" ? descendants(+state.technique, "broader") : null;
    const words = searchTerms(state.query);
    const keep = new Set();
    N.forEach((n, i) => {
      if (n.type !== "paper") return;
      if (state.minRating > 0 && !((n.rating || 0) >= state.minRating)) return;
      if (topics && !topicsOf[i].some((t) => topics.has(t))) return;
      if (techs && !out[i].some(([t, r]) => r === "mentions" && techs.has(t))) return;
      if (words.length && !matches(i, words)) return;
      inGraph[i] = 1;
      for (const [t] of out[i]) keep.add(t);
      for (const [s] of inc[i]) keep.add(s);
      for (const t of topicsOf[i]) ancestors(t, keep);
    });
    if (topics) for (const t of topics) keep.add(t);
    if (techs) for (const t of techs) keep.add(t);
    N.forEach((n, i) => {
      if (n.type !== "paper") inGraph[i] = !paperFilter || keep.has(i) ? 1 : 0;
      if (!state.types.has(n.type)) inGraph[i] = 0;
    });
    if (state.neighbourhood && state.selected !== null) {
      const near = neighbours(state.selected);
      N.forEach((_, i) => { if (!near.has(i)) inGraph[i] = 0; });
      inGraph[state.selected] = 1;
    }
    groupCount.fill(0);
    subCount.fill(0);
    N.forEach((n, i) => {
      if (n.type !== "paper" || !inGraph[i]) return;
      if (groupOf[i] >= 0) groupCount[groupOf[i]]++;
      for (let t = topicOf[i]; t !== null; t = parentOf[t]) subCount[t]++;
    });
    const nb = state.neighbourhood && state.selected !== null;
    N.forEach((n, i) => {
      let d = 0;
      if (inGraph[i]) {
        if (nb) d = 1;
        else if (n.type === "paper") d = open[groupOf[i]];
        else if (n.type === "topic") d = isMapTopic(i) ? (groupCount[regionOfTopic.get(i)] > 0 || !paperFilter ? 1 : 0) : groupOf[i] >= 0 ? open[groupOf[i]] : 0;
        else if (n.type === "technique") d = topTechniques.has(i) || i === state.selected ? 1 : 2; // 2: if a drawn paper mentions it
        else d = 2;
      }
      drawn[i] = d;
    });
    N.forEach((n, i) => {
      if (drawn[i] !== 2) return;
      drawn[i] = inc[i].some(([s]) => N[s].type === "paper" && drawn[s] === 1) || i === state.selected ? 1 : 0;
    });
    if (state.selected !== null && inGraph[state.selected]) drawn[state.selected] = 1; // e.g. a heading above the map
  }

  /* ---------- vis data ---------- */
  function colours(fill, border) {
    return { background: fill, border, highlight: { background: fill, border: INK }, hover: { background: fill, border: INK } };
  }
  function visNode(i) {
    const n = N[i];
    const st = STYLE[n.type] || STYLE.work;
    const item = { id: i, x: n.x, y: n.y, shape: st.shape, title: tooltip(n, i), color: colours(st.colour, st.colour), physics: false };
    if (n.type === "paper") {
      item.size = n.rating === undefined ? 6 : 4 + 0.65 * n.rating;
      if (n.starred) {
        item.borderWidth = 3;
        item.color = colours(st.colour, STAR);
        item.color.highlight.border = STAR;
      }
    } else if (n.type === "topic") {
      if (isMapTopic(i) && !open[regionOfTopic.get(i)]) {
        const r = R[regionOfTopic.get(i)];
        Object.assign(item, { x: r.bx, y: r.by, size: r.br, borderWidth: 2, color: colours("#fde3c8", "#f28e2b") });
      } else {
        item.size = isMapTopic(i) ? 14 : 9;
      }
    } else if (n.type === "technique") {
      item.size = 6 + 2.4 * Math.sqrt(mentionCount[i]);
    } else {
      item.size = 8;
    }
    return item;
  }
  const nodes = new vis.DataSet([]);
  const edges = new vis.DataSet([]);
  const options = {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 7 },
    nodes: { borderWidth: 1.5, font: { size: 0 } },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.4 } },
      smooth: false,
      selectionWidth: 2, hoverWidth: 1,
    },
    interaction: { hover: true, tooltipDelay: 120, multiselect: false, zoomSpeed: 0.7 },
    physics: {
      enabled: false, solver: "barnesHut", stabilization: { enabled: false },
      barnesHut: { gravitationalConstant: -1800, centralGravity: 0, springLength: 80, springConstant: 0.05, damping: 0.4, avoidOverlap: 0.6 },
    },
  };
  const network = new vis.Network($("graph"), { nodes, edges }, options);
  const api = { ready: false, startedAt, network, nodes, edges, data, regions: R, groupOf };
  window.paperkg = api;

  const edgeOn = new Uint8Array(data.edges.length);
  const MAX_RELATED_EDGES = 150; // more related-work lines than this are noise: selection only
  let manyRelated = false;
  function edgeWanted(s, t, r) {
    if (!drawn[s] || !drawn[t]) return false;
    if (state.neighbourhood && state.selected !== null) return true;
    if (WORK_RELATIONS.includes(r) && !manyRelated) return true;
    return s === state.selected || t === state.selected;
  }
  function visEdge(k) {
    const [s, t, r] = data.edges[k];
    const rel = RELATIONS[r] || RELATIONS.related;
    return {
      id: k, from: s, to: t, length: rel.length, dashes: !!rel.dashes,
      width: WORK_RELATIONS.includes(r) ? 2 : 1,
      color: { color: rel.colour, highlight: INK, hover: INK },
      title: rel.text + "\n" + short(N[s].label, 70) + " → " + short(N[t].label, 70),
    };
  }
  const shape = new Array(N.length).fill(""); // what the DataSet holds, to update only changes
  function sync() {
    computeModel();
    const add = [], remove = [], update = [];
    for (let i = 0; i < N.length; i++) {
      const key = drawn[i] ? (isMapTopic(i) ? "t" + open[regionOfTopic.get(i)] : "n") : "";
      if (key === shape[i]) continue;
      if (!key) remove.push(i);
      else if (!shape[i]) add.push(visNode(i));
      else update.push(visNode(i));
      shape[i] = key;
    }
    let related = 0;
    for (const [s, t, r] of data.edges) if (drawn[s] && drawn[t] && WORK_RELATIONS.includes(r)) related++;
    manyRelated = related > MAX_RELATED_EDGES;
    const eAdd = [], eRemove = [];
    data.edges.forEach(([s, t, r], k) => {
      if (edgeOn[k] === 2) { edges.remove(k); edgeOn[k] = 0; } // a drag's hidden spring
      const want = edgeWanted(s, t, r) ? 1 : 0;
      if (want === edgeOn[k]) return;
      edgeOn[k] = want;
      if (want) eAdd.push(visEdge(k)); else eRemove.push(k);
    });
    if (eRemove.length) edges.remove(eRemove);
    if (remove.length) nodes.remove(remove);
    if (add.length) nodes.add(add);
    if (update.length) nodes.update(update);
    if (eAdd.length) edges.add(eAdd);
    order = labelOrder();
    updateStatus();
    updateList();
    network.redraw();
  }

  /* ---------- labels: drawn by the page, only where they fit ---------- */
  const measure = document.createElement("canvas").getContext("2d");
  const widthCache = new Map();
  function textWidth(text, font) {
    const key = font + "\u0001" + text;
    let w = widthCache.get(key);
    if (w === undefined) {
      measure.font = font;
      w = measure.measureText(text).width;
      widthCache.set(key, w);
    }
    return w;
  }
  const labelCache = new Map();
  function labelOf(i) {
    // [lines, px, bold, anchor]; the page's font sizes are screen pixels, whatever the zoom.
    const n = N[i];
    const closed = isMapTopic(i) && !open[regionOfTopic.get(i)];
    const key = i + ":" + (closed ? "c" : "o") + ":" + (n.type === "topic" ? subCount[i] : "");
    let lab = labelCache.get(key);
    if (lab) return lab;
    if (n.type === "paper") lab = [wrap((n.starred ? "★ " : "") + n.label, 36, 2), 12, false, "right"];
    else if (closed) lab = [wrap(n.label, 18, 2).concat([subCount[i] + (subCount[i] === 1 ? " paper" : " papers")]), 15, true, "centre"];
    else if (isMapTopic(i)) lab = [[short(n.label, 40) + " (" + subCount[i] + ")"], 16, true, "right"];
    else if (n.type === "topic") lab = [wrap(n.label + " (" + subCount[i] + ")", 32, 2), 13, true, "right"];
    else if (n.type === "technique") lab = [[short(n.label, 30)], 12, topTechniques.has(i), "below"];
    else lab = [[short(n.label, 40)], 11, false, "right"];
    labelCache.set(key, lab);
    return lab;
  }
  function rank(i) {
    const n = N[i];
    if (n.type === "topic") return isMapTopic(i) ? 0 : 1;
    if (n.type === "technique") return topTechniques.has(i) ? 2 : 4;
    if (n.type === "paper") return 3;
    return 5;
  }
  let order = [];
  function labelOrder() {
    const ids = [];
    for (let i = 0; i < N.length; i++) if (drawn[i]) ids.push(i);
    const score = (i) => (N[i].type === "topic" ? -subCount[i] : N[i].type === "technique" ? -mentionCount[i] : -(N[i].rating || 0) * 2 - (N[i].starred ? 1 : 0));
    ids.sort((a, b) => rank(a) - rank(b) || score(a) - score(b) || a - b);
    return ids;
  }
  let placedLabels = [];
  function drawLabels(ctx) {
    const scale = network.getScale();
    const o = network.canvasToDOM({ x: 0, y: 0 });
    const box = $("graph").getBoundingClientRect();
    const W = box.width, H = box.height;
    const CELL = 80;
    const grid = new Map();
    const cells = (b, fn) => {
      for (let gx = Math.floor(b[0] / CELL); gx <= Math.floor(b[2] / CELL); gx++)
        for (let gy = Math.floor(b[1] / CELL); gy <= Math.floor(b[3] / CELL); gy++) if (fn(gx + "," + gy)) return true;
      return false;
    };
    const hits = (b, kinds, self) => cells(b, (c) => (grid.get(c) || []).some((o2) => kinds.includes(o2.kind) && o2.i !== self &&
      b[0] < o2.b[2] && o2.b[0] < b[2] && b[1] < o2.b[3] && o2.b[1] < b[3]));
    const put = (b, kind, i) => cells(b, (c) => { if (!grid.has(c)) grid.set(c, []); grid.get(c).push({ b, kind, i }); return false; });
    for (const b of overlayBoxes(box)) put(b, "ui", -1); // no title under the panel or legend
    const pos = network.getPositions(order);
    const radius = (i) => {
      const n = N[i];
      if (isMapTopic(i) && !open[regionOfTopic.get(i)]) return R[regionOfTopic.get(i)].br;
      return n.type === "paper" ? (n.rating === undefined ? 6 : 4 + 0.65 * n.rating) : n.type === "topic" ? (isMapTopic(i) ? 14 : 9) : n.type === "technique" ? 6 + 2.4 * Math.sqrt(mentionCount[i]) : 8;
    };
    const screen = {};
    for (const i of order) {
      const p = pos[i];
      if (!p) continue;
      const x = o.x + p.x * scale, y = o.y + p.y * scale, r = Math.max(2, radius(i) * scale);
      screen[i] = [x, y, r];
      if (x + r < 0 || y + r < 0 || x - r > W || y - r > H) continue;
      if (!(isMapTopic(i) && !open[regionOfTopic.get(i)])) put([x - r, y - r, x + r, y + r], "node", i);
      else put([x - r, y - r, x + r, y + r], "bubble", i);
    }
    const first = [state.selected, state.hovered].filter((i) => i !== null && drawn[i]);
    const seq = first.concat(order.filter((i) => !first.includes(i)));
    const placed = [];
    for (const i of seq) {
      const s = screen[i];
      if (!s) continue;
      const [x, y, r] = s;
      const [lines, px, bold, anchor] = labelOf(i);
      const font = (bold ? "600 " : "") + px + "px " + FONT;
      const lh = Math.round(px * 1.25);
      const w = Math.max(...lines.map((l) => textWidth(l, font)));
      const h = lh * lines.length;
      let left, top;
      if (anchor === "right") { left = x + r + 4; top = y - h / 2; }
      else if (anchor === "below") { left = x - w / 2; top = y + r + 2; }
      else { left = x - w / 2; top = y - h / 2; }
      const b = [left - 1, top, left + w + 1, top + h];
      const forced = first.includes(i);
      if (b[2] < 0 || b[3] < 0 || b[0] > W || b[1] > H) continue;
      if (!forced && (b[0] < 0 || b[1] < 0 || b[2] > W || b[3] > H)) continue; // cut by the edge
      if (hits(b, ["ui"], i)) continue; // what the panel or legend covers is not readable
      const topic = N[i].type === "topic"; // headings may cross dots, never another label
      if (!forced) {
        if (hits(b, ["label"], i)) continue;
        if (!topic && hits(b, ["node", "bubble"], i)) continue;
      }
      put(b, "label", i);
      placed.push({ i, lines, px, font, lh, left, top, w, h, anchor });
    }
    ctx.save();
    const ratio = network.canvas.pixelRatio || window.devicePixelRatio || 1;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textBaseline = "middle";
    ctx.lineJoin = "round";
    for (const l of placed) {
      l.lines.forEach((line, k) => {
        const font = k === l.lines.length - 1 && k > 0 && l.anchor === "centre" ? "12px " + FONT : l.font;
        ctx.font = font;
        const lw = textWidth(line, font);
        const tx = l.anchor === "right" ? l.left : l.left + (l.w - lw) / 2;
        const ty = l.top + l.lh * (k + 0.5);
        ctx.lineWidth = 4;
        ctx.strokeStyle = "rgba(255,255,255,0.92)";
        ctx.strokeText(line, tx, ty);
        ctx.fillStyle = N[l.i].type === "topic" ? "#6b3a06" : INK;
        ctx.fillText(line, tx, ty);
      });
    }
    ctx.restore();
    placedLabels = placed;
  }
  function overlayBoxes(graphBox) {
    // The page's boxes drawn over the graph, in the canvas's CSS pixels.
    const boxes = [];
    for (const id of ["panel", "legend-box", "status"]) {
      const node = $(id);
      if (!node || node.hidden) continue;
      const r = node.getBoundingClientRect();
      if (r.width && r.height) boxes.push([r.left - graphBox.left - 4, r.top - graphBox.top - 4, r.right - graphBox.left + 4, r.bottom - graphBox.top + 4]);
    }
    return boxes;
  }
  api.labels = () => placedLabels.map((l) => ({ id: l.i, type: N[l.i].type, text: l.lines.join(" "), x: l.left, y: l.top, w: l.w, h: l.h, px: l.px }));

  function drawFrames(ctx) {
    // Open topics: a light panel behind their papers, so a region reads as one group.
    R.forEach((r, k) => {
      if (!open[k] || groupCount[k] === 0) return;
      const [x0, y0, x1, y1] = r.box;
      ctx.save();
      ctx.fillStyle = "rgba(246,247,249,0.9)";
      ctx.strokeStyle = "#dfe3e8";
      ctx.lineWidth = 1.5 / network.getScale();
      ctx.beginPath();
      if (ctx.roundRect) ctx.roundRect(x0 - 12, y0 - 6, x1 - x0 + 24, y1 - y0 + 12, 14);
      else ctx.rect(x0 - 12, y0 - 6, x1 - x0 + 24, y1 - y0 + 12);
      ctx.fill();
      ctx.stroke();
      ctx.restore();
    });
  }
  function drawTechniqueTies(ctx) {
    // On the map, a hovered or selected technique shows which closed topics its papers are in
    // (line width ~ papers): the map's edges, drawn only when asked for.
    const t = [state.hovered, state.selected].find((i) => i !== null && N[i].type === "technique" && drawn[i]);
    if (t === undefined) return;
    const per = new Map();
    for (const [p, r] of inc[t]) if (r === "mentions" && inGraph[p] && groupOf[p] >= 0 && !open[groupOf[p]]) per.set(groupOf[p], (per.get(groupOf[p]) || 0) + 1);
    const from = network.getPositions([t])[t];
    ctx.save();
    ctx.strokeStyle = "rgba(89,161,79,0.55)";
    for (const [k, count] of [...per.entries()].sort((a, b) => a[0] - b[0])) {
      if (!drawn[R[k].t]) continue;
      ctx.lineWidth = (1 + 1.5 * Math.log2(1 + count)) / network.getScale();
      ctx.beginPath();
      ctx.moveTo(from.x, from.y);
      const to = network.getPositions([R[k].t])[R[k].t];
      ctx.lineTo(to.x, to.y);
      ctx.stroke();
    }
    ctx.restore();
  }
  network.on("beforeDrawing", drawFrames);
  network.on("beforeDrawing", drawTechniqueTies);
  network.on("afterDrawing", drawLabels);

  /* ---------- camera ---------- */
  function viewportSize() {
    const box = $("graph").getBoundingClientRect();
    const panel = $("panel").hidden ? 0 : $("panel").getBoundingClientRect().width;
    const tops = ["legend-box", "status"].map((id) => $(id).getBoundingClientRect()).filter((r) => r.height > 0).map((r) => r.top);
    const below = tops.length ? box.bottom - Math.min(...tops) + 8 : 0;
    return { w: box.width - panel, h: box.height, panel, below };
  }
  function fitBox(x0, y0, x1, y1, animate, padX) {
    // padX: room at each side for labels wider than their nodes (screen pixels)
    const v = viewportSize();
    const pad = 36;
    const px = Math.max(pad, padX || 0);
    const below = Math.max(pad, v.below); // the legend and the status line sit at the bottom
    const scale = Math.min((v.w - 2 * px) / Math.max(x1 - x0, 1), (v.h - pad - below) / Math.max(y1 - y0, 1), MAX_FIT_SCALE);
    moveTo({ position: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 }, scale, offset: { x: -v.panel / 2, y: (pad - below) / 2 } }, animate);
  }
  function moveTo(view, animate) {
    // vis-network finishes a running animation (firing animationFinished) before it starts
    // the next, so the flag is set after the call: it stays up until the last one ends.
    view.animation = animate ? { duration: 350, easingFunction: "easeInOutQuad" } : false;
    network.moveTo(view);
    if (animate) document.body.dataset.moving = "1";
  }
  network.on("animationFinished", () => { delete document.body.dataset.moving; });
  function fitDrawn(animate) {
    // Papers and their headings when any are drawn (techniques and works around them sit in
    // the streets and would shrink the titles); else everything drawn: the topic map.
    const papersDrawn = N.some((n, i) => drawn[i] && n.type === "paper");
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let i = 0; i < N.length; i++) {
      if (!drawn[i]) continue;
      const type = N[i].type;
      if (papersDrawn && type !== "paper" && !(type === "topic" && open[groupOf[i]])) continue;
      let x = N[i].x, y = N[i].y, r = 40;
      if (isMapTopic(i) && !open[regionOfTopic.get(i)]) { const g = R[regionOfTopic.get(i)]; x = g.bx; y = g.by; r = g.br; }
      else if (type === "paper") { x0 = Math.min(x0, x - 10); x1 = Math.max(x1, x + 290); y0 = Math.min(y0, y - 20); y1 = Math.max(y1, y + 20); continue; }
      x0 = Math.min(x0, x - r); y0 = Math.min(y0, y - r); x1 = Math.max(x1, x + r); y1 = Math.max(y1, y + r);
    }
    if (x0 < Infinity) fitBox(x0, y0, x1, y1, animate, papersDrawn ? 0 : 80);
  }

  function openGroup(k, fit) {
    if (k < 0 || open[k]) { if (fit && k >= 0) fitBox(...R[k].box, true); return; }
    open[k] = 1;
    sync();
    if (fit) fitBox(...R[k].box, true);
  }
  function closeGroup(k) {
    if (k < 0 || k === looseRegion || !open[k]) return;
    open[k] = 0;
    if (state.selected !== null && groupOf[state.selected] === k && !isMapTopic(state.selected)) closePanel(true);
    sync();
  }
  api.openTopic = (i) => openGroup(groupOf[i], true);
  api.closeTopic = (i) => closeGroup(groupOf[i]);
  api.isOpen = (i) => groupOf[i] >= 0 && !!open[groupOf[i]];

  /* ---------- the first view ---------- */
  let readyPending = true;
  network.on("afterDrawing", () => {
    if (!readyPending) return;
    readyPending = false;
    api.ready = true;
    api.readyAt = performance.now();
    const loading = $("loading");
    if (loading) loading.remove();
    document.body.dataset.ready = "1";
  });

  /* ---------- status and counts ---------- */
  function updateStatus() {
    let papers = 0, all = 0, shown = 0, nodesShown = 0;
    N.forEach((n, i) => {
      if (drawn[i]) nodesShown++;
      if (n.type !== "paper") return;
      all++;
      if (inGraph[i]) { papers++; if (drawn[i]) shown++; }
    });
    const openCount = R.filter((r, k) => open[k] && k !== looseRegion).length;
    $("status").textContent = papers + " of " + all + " papers · " + shown + " drawn in " + openCount + " open topic" + (openCount === 1 ? "" : "s") + " · " + nodesShown + " nodes" + (openCount ? "" : " · click a topic to open it");
  }
  // Papers: those in the graph (drawn, or counted in a closed topic's bubble); others: drawn.
  api.visibleCount = (type) => N.reduce((acc, n, i) => acc + ((!type || n.type === type) && (n.type === "paper" ? inGraph[i] : drawn[i]) ? 1 : 0), 0);
  api.drawnCount = (type) => N.reduce((acc, n, i) => acc + (drawn[i] && (!type || n.type === type) ? 1 : 0), 0);

  /* ---------- filters ---------- */
  function buildFilters() {
    const minRating = $("min-rating");
    minRating.append(el("option", { value: "0", text: "any" }));
    for (let r = 1; r <= 10; r++) minRating.append(el("option", { value: String(r), text: String(r) }));
    minRating.addEventListener("change", () => { state.minRating = +minRating.value; sync(); });

    const topicSelect = $("topic-filter");
    const topicIds = N.map((n, i) => i).filter((i) => N[i].type === "topic");
    topicIds.sort((a, b) => collate(N[a].path || "", N[b].path || "") || a - b);
    for (const i of topicIds) {
      const depth = (N[i].path || "").split("/").length - 1;
      const below = descendants(i, "broader");
      let count = 0;
      N.forEach((n, j) => { if (n.type === "paper" && topicsOf[j].some((t) => below.has(t))) count++; });
      const opt = el("option", { value: String(i) });
      opt.text = "\u00a0\u00a0".repeat(depth) + N[i].label + " (" + count + ")";
      topicSelect.append(opt);
    }
    topicSelect.addEventListener("change", () => {
      state.topic = topicSelect.value;
      if (state.topic !== "") {
        const t = +state.topic;
        const groups = new Set([...descendants(t, "broader")].map((x) => groupOf[x]).filter((k) => k >= 0));
        computeModel(); // and where its papers are drawn: a tag's papers may live elsewhere
        N.forEach((n, i) => { if (n.type === "paper" && inGraph[i] && groupOf[i] >= 0) groups.add(groupOf[i]); });
        for (const k of groups) open[k] = 1;
      }
      sync();
      fitDrawn(true);
    });

    const techSelect = $("technique-filter");
    const techIds = N.map((n, i) => i).filter((i) => N[i].type === "technique" && mentionCount[i] > 0);
    techIds.sort((a, b) => mentionCount[b] - mentionCount[a] || byLabel(a, b));
    for (const i of techIds) {
      const opt = el("option", { value: String(i) });
      opt.text = N[i].label + " (" + mentionCount[i] + ")";
      techSelect.append(opt);
    }
    techSelect.addEventListener("change", () => {
      state.technique = techSelect.value;
      computeModel();
      const papers = N.map((_, i) => i).filter((i) => N[i].type === "paper" && inGraph[i]);
      if (state.technique !== "" && papers.length <= AUTO_OPEN) for (const p of papers) if (groupOf[p] >= 0) open[groupOf[p]] = 1;
      sync();
      fitDrawn(true);
    });

    $("neighbourhood").addEventListener("change", (ev) => { state.neighbourhood = ev.target.checked; sync(); if (state.neighbourhood) fitDrawn(true); });
    $("reset").addEventListener("click", reset);
  }

  function clearFilters() {
    state.types = new Set(TYPES);
    state.minRating = 0; state.topic = ""; state.technique = ""; state.query = ""; state.neighbourhood = false;
    for (const box of $("types").querySelectorAll("input")) box.checked = true;
    $("min-rating").value = "0"; $("topic-filter").value = ""; $("technique-filter").value = "";
    $("neighbourhood").checked = false;
  }
  function reset() {
    clearFilters();
    $("search").value = ""; closeResults();
    open.fill(0);
    if (looseRegion >= 0) open[looseRegion] = 1;
    closePanel(true);
    sync();
    fitDrawn(true);
  }

  /* ---------- selection and side panel ---------- */
  function selectNode(i, focus) {
    if (!inGraph[i]) clearFilters(); // filters hide it: lift them rather than select an invisible node
    if (groupOf[i] >= 0 && N[i].type !== "technique") open[groupOf[i]] = 1; // a hit in a closed topic opens it
    state.selected = i;
    openPanel(i);
    sync();
    if (drawn[i]) network.selectNodes([i]);
    listSelect(i);
    if (focus) {
      const v = viewportSize();
      let p = network.getPositions([i])[i] || { x: N[i].x, y: N[i].y };
      if (isMapTopic(i)) p = { x: (R[regionOfTopic.get(i)].box[0] + R[regionOfTopic.get(i)].box[2]) / 2, y: (R[regionOfTopic.get(i)].box[1] + R[regionOfTopic.get(i)].box[3]) / 2 };
      const scale = isMapTopic(i) ? Math.min(network.getScale(), 0.9) : Math.max(network.getScale(), 1.0);
      moveTo({ position: p, scale, offset: { x: -v.panel / 2, y: 0 } }, true);
    }
  }
  api.selectNode = (i) => selectNode(i, true);
  api.selected = () => state.selected; // `paperkg view --watch` keeps it across a reload

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
  function homeName(i) {
    // the heading path the note gives, or, where the paper is drawn under a tag, the tag's
    const t = topicOf[i];
    if (N[i].topic && N[i].topic.endsWith(N[t].label)) return N[i].topic;
    const trail = [];
    for (let x = t; x !== null && trail.length < 20; x = parentOf[x]) trail.unshift(N[x].label);
    return trail.join(" > ");
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
      const pub = [n.authors || n.first_author, n.venue, n.year].filter((x) => x !== undefined && x !== "").join(" · ");
      if (pub) parts.push(el("p", { class: "meta", text: pub }));
      if (n.tags) parts.push(textSection("Tags", n.tags.split("|").map((t) => "#" + t).join("  ")));
      if (topicOf[i] !== null) parts.push(chipSection("Topic", [chip(topicOf[i], "", homeName(i))]));
      else if (n.topic) parts.push(textSection("Topic", n.topic));
      parts.push(textSection("Summary", n.summary));
      parts.push(textSection("Comment", n.comment, "comment"));
      parts.push(chipSection("Techniques", uniq(out[i].filter(([, r]) => r === "mentions").map(([t]) => t)).sort(byLabel).map((t) => chip(t))));
      // links between noted papers (a wikilink, a link to the other's note or URL) apart from
      // the works a comment names that are no paper of the notes
      const related = out[i].filter(([, r]) => WORK_RELATIONS.includes(r));
      const toChip = ([t, r]) => chip(t, RELATIONS[r].text);
      parts.push(chipSection("Links to", related.filter(([t]) => N[t].type === "paper").map(toChip)));
      parts.push(chipSection("Related works", related.filter(([t]) => N[t].type !== "paper").map(toChip)));
      const linkedFrom = inc[i].filter(([, r]) => WORK_RELATIONS.includes(r)).map(([s, r]) => chip(s, RELATIONS[r].text + " this:"));
      parts.push(chipSection("Linked from", linkedFrom));
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
      if (isMapTopic(i)) {
        const k = regionOfTopic.get(i);
        const toggle = el("button", { type: "button", id: "topic-toggle", text: open[k] ? "Close this topic" : "Open this topic" });
        toggle.addEventListener("click", () => { if (open[k]) closeGroup(k); else openGroup(k, true); openPanel(i); });
        parts.push(el("p", null, [toggle]));
      }
      const broader = out[i].filter(([, r]) => r === "broader").map(([t]) => t);
      const narrower = inc[i].filter(([, r]) => r === "broader").map(([s]) => s).sort(byLabel);
      parts.push(chipSection("Broader", broader.map((t) => chip(t))));
      parts.push(chipSection("Narrower", narrower.map((t) => chip(t))));
      const papers = uniq(inc[i].filter(([s, r]) => N[s].type === "paper" && r !== "broader").map(([s]) => s)).sort(byRating);
      parts.push(chipSection(n.type === "topic" ? "Papers" : n.type === "technique" ? "Mentioned by" : "Referred to by", papers.slice(0, 300).map((p) => chip(p))));
    }
    body.append(...parts.filter(Boolean));
    $("panel").hidden = false;
    foldPanel(false);
  }
  function foldPanel(folded) {
    // A folded panel is a narrow strip: the graph behind it shows, the selection stays.
    const panel = $("panel");
    if (folded) panel.dataset.folded = "1"; else delete panel.dataset.folded;
    $("panel-fold").textContent = folded ? "‹" : "›";
    $("panel-fold").setAttribute("aria-label", folded ? "Show the details" : "Fold the details away");
    $("panel-fold").setAttribute("aria-expanded", folded ? "false" : "true");
    network.redraw();
  }
  $("panel-fold").addEventListener("click", () => foldPanel(!$("panel").dataset.folded));
  function closePanel(quiet) {
    $("panel").hidden = true;
    const had = state.selected !== null;
    state.selected = null;
    network.unselectAll();
    listSelect(null);
    if (had && !quiet) sync();
  }
  $("panel-close").addEventListener("click", () => closePanel(false));
  network.on("click", (params) => {
    if (params.nodes.length) {
      const i = params.nodes[0];
      if (isMapTopic(i) && !open[regionOfTopic.get(i)]) { openGroup(regionOfTopic.get(i), true); return; }
      selectNode(i, false);
    } else if (!params.edges.length) closePanel(false);
  });
  network.on("doubleClick", (params) => {
    if (params.nodes.length && isMapTopic(params.nodes[0])) { closeGroup(regionOfTopic.get(params.nodes[0])); fitDrawn(true); }
  });
  network.on("hoverNode", (params) => { state.hovered = params.node; document.body.dataset.hovered = String(params.node); network.redraw(); });
  network.on("blurNode", () => { state.hovered = null; delete document.body.dataset.hovered; network.redraw(); });

  /* ---------- dragging: physics for the dragged node's own leaves only ---------- */
  let loose = [];
  let settle = null;
  network.on("dragStart", (params) => {
    if (!params.nodes.length) return;
    const i = params.nodes[0];
    clearTimeout(settle);
    const leaves = [...neighbours(i)].filter((j) => j !== i && drawn[j] && !isMapTopic(j) &&
      out[j].concat(inc[j]).every(([k]) => k === i || !drawn[k] || (N[k].type === "technique" && N[j].type === "paper")));
    loose = leaves.concat([i]);
    nodes.update(loose.map((j) => ({ id: j, physics: true })));
    const links = data.edges.map((e, k) => k).filter((k) => !edgeOn[k] && loose.includes(data.edges[k][0]) && loose.includes(data.edges[k][1]));
    edges.add(links.map(visEdge).map((e) => Object.assign(e, { hidden: true })));
    for (const k of links) edgeOn[k] = 2;
    network.setOptions({ physics: { enabled: true } });
    document.body.dataset.physics = "1";
  });
  network.on("dragEnd", (params) => {
    if (!params.nodes.length || !loose.length) return;
    settle = setTimeout(() => {
      network.setOptions({ physics: { enabled: false } });
      nodes.update(loose.map((j) => ({ id: j, physics: false })));
      const temp = [];
      edgeOn.forEach((v, k) => { if (v === 2) { edgeOn[k] = 0; temp.push(k); } });
      edges.remove(temp);
      loose = [];
      delete document.body.dataset.physics;
    }, 1200);
  });

  /* ---------- search ---------- */
  // a paper is found by its title, authors, comment, tags and the techniques it mentions
  const haystack = N.map((n, i) => {
    const words = [n.label, n.alt_labels ? n.alt_labels.split("|").join(" ") : ""];
    if (n.type === "topic") words.push(n.path || "");
    if (n.type === "paper") {
      words.push(n.authors || n.first_author || "", n.comment || "", n.summary || "", (n.tags || "").split("|").join(" "));
      words.push(out[i].filter(([, r]) => r === "mentions").map(([t]) => N[t].label).join(" "));
    }
    return words.join(" \u0001 ").toLowerCase();
  });
  const typeRank = { paper: 0, technique: 1, topic: 2, work: 3 };
  let hits = [];
  let active = 0;

  function searchTerms(query) {
    return query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  }
  function matches(i, terms) {
    const h = haystack[i];
    return terms.every((t) => h.includes(t));
  }
  function search(query) {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    const terms = searchTerms(q);
    const found = [];
    for (let i = 0; i < N.length; i++) {
      const h = haystack[i];
      if (!matches(i, terms)) continue;
      const label = N[i].label.toLowerCase();
      const score = (label === q ? 0 : label.startsWith(q) ? 1 : h.includes(q) ? 2 : 3) * 10 + typeRank[N[i].type];
      found.push([score, i]);
    }
    found.sort((a, b) => a[0] - b[0] || byLabel(a[1], b[1]));
    return found.slice(0, 40).map((f) => f[1]);
  }
  function renderResults() {
    const results = $("results");
    results.replaceChildren();
    if (!$("search").value.trim()) { results.hidden = true; return; }
    if (!hits.length) results.append(el("li", { class: "empty", text: "no match" }));
    hits.forEach((i, k) => {
      const n = N[i];
      const item = el("li", { role: "option", "aria-selected": k === active ? "true" : "false", "data-index": String(i) }, [
        el("span", { class: "kind", text: STYLE[n.type].name }),
        el("span", { class: "hit", text: (n.starred ? "★ " : "") + n.label + (n.rating !== undefined ? "  " + ratingText(n) : "") }),
      ]);
      item.addEventListener("mousedown", (ev) => { ev.preventDefault(); choose(k); });
      results.append(item);
    });
    results.hidden = false;
    const current = results.children[active];
    if (current && current.scrollIntoView) current.scrollIntoView({ block: "nearest" });
  }
  function closeResults() { $("results").hidden = true; }
  function choose(k) {
    // The search becomes a filter (the list and the graph show the papers it finds, their
    // topics opened), and the chosen hit is selected.
    const i = hits[k];
    if (i === undefined) return;
    closeResults();
    state.query = input.value.trim().toLowerCase();
    computeModel();
    const found = N.map((_, j) => j).filter((j) => N[j].type === "paper" && inGraph[j]);
    if (found.length <= AUTO_OPEN) for (const p of found) if (groupOf[p] >= 0) open[groupOf[p]] = 1;
    selectNode(i, true);
    api.searched = (api.searched || 0) + 1;
    document.body.dataset.searched = String(api.searched);
  }
  function clearSearch() {
    if (state.query === "") return;
    state.query = "";
    sync();
  }
  const input = $("search");
  // `paperkg view --watch` keeps the search across a reload: its text and the filter it became
  api.searchState = () => ({ text: input.value, query: state.query });
  api.restoreSearch = (saved) => { input.value = saved.text; state.query = saved.query; sync(); };
  input.addEventListener("input", () => {
    if (!input.value.trim()) clearSearch();
    const t0 = performance.now();
    hits = search(input.value); active = 0; renderResults();
    api.searchMs = performance.now() - t0; // bench/html_tti.py: how long an answer takes
  });
  input.addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown") { active = Math.min(active + 1, hits.length - 1); renderResults(); ev.preventDefault(); }
    else if (ev.key === "ArrowUp") { active = Math.max(active - 1, 0); renderResults(); ev.preventDefault(); }
    else if (ev.key === "Enter") { choose(active); ev.preventDefault(); }
    else if (ev.key === "Escape") { input.value = ""; hits = []; closeResults(); clearSearch(); }
  });
  input.addEventListener("blur", () => setTimeout(closeResults, 150));
  input.addEventListener("focus", () => { if (input.value.trim()) renderResults(); });
  document.addEventListener("keydown", (ev) => {
    const typing = ev.target instanceof HTMLInputElement || ev.target instanceof HTMLSelectElement;
    if (ev.key === "/" && !typing) { input.focus(); input.select(); ev.preventDefault(); }
    else if (ev.key === "Escape" && !typing) closePanel(false);
  });

  /* ---------- the list of papers beside the graph ---------- */
  const list = $("paper-list");
  let rows = []; // paper indices, in the list's order
  let rendered = 0;
  let listActive = -1;
  let sortKey = "rating";
  const topicPath = (i) => (topicOf[i] !== null ? N[topicOf[i]].path || N[topicOf[i]].label : "\uffff");
  const SORTS = {
    rating: byRating,
    title: byLabel,
    topic: (a, b) => collate(topicPath(a), topicPath(b)) || byRating(a, b),
  };
  function techniquesOf(i) {
    return uniq(out[i].filter(([, r]) => r === "mentions").map(([t]) => t)).sort((a, b) => mentionCount[b] - mentionCount[a] || byLabel(a, b)).map((t) => N[t].label);
  }
  function listRow(i) {
    const n = N[i];
    const meta = [ratingText(n), n.year, topicName(i)].filter(Boolean).join(" · ");
    const techs = techniquesOf(i);
    return el("li", { role: "option", id: "row-" + i, "data-index": String(i), "aria-selected": i === state.selected ? "true" : "false" }, [
      el("div", { class: "row-title", text: (n.starred ? "★ " : "") + n.label }),
      el("div", { class: "row-meta", text: meta }),
      techs.length ? el("div", { class: "row-techs", text: short(techs.join(", "), 90) }) : null,
    ]);
  }
  function renderMore() {
    const end = Math.min(rows.length, rendered + LIST_CHUNK);
    const frag = document.createDocumentFragment();
    for (let k = rendered; k < end; k++) frag.append(listRow(rows[k]));
    list.append(frag);
    rendered = end;
  }
  function renderList() {
    list.replaceChildren();
    rendered = 0;
    renderMore();
    const all = N.reduce((acc, n) => acc + (n.type === "paper" ? 1 : 0), 0);
    $("list-count").textContent = rows.length + (rows.length < all ? " of " + all : "") + (all === 1 ? " paper" : " papers");
  }
  function updateList(force) {
    // On the topic map, every paper the filters keep; once a topic is open (by a click, the
    // topic filter or a search), the papers drawn: the list and the graph show the same.
    const next = [];
    const anyOpen = R.some((r, k) => open[k] && k !== looseRegion);
    N.forEach((n, i) => { if (n.type === "paper" && inGraph[i] && (!anyOpen || drawn[i])) next.push(i); });
    next.sort(SORTS[sortKey]);
    if (!force && next.length === rows.length && next.every((x, k) => x === rows[k])) return;
    rows = next;
    listActive = rows.indexOf(state.selected);
    renderList();
  }
  function listSelect(i) {
    for (const row of list.querySelectorAll("li[aria-selected=true]")) row.setAttribute("aria-selected", "false");
    if (i === null) return;
    const k = rows.indexOf(i);
    if (k < 0) return;
    listActive = k;
    while (rendered <= k) renderMore();
    const row = $("row-" + i);
    row.setAttribute("aria-selected", "true");
    list.setAttribute("aria-activedescendant", row.id);
    row.scrollIntoView({ block: "nearest" });
  }
  list.addEventListener("scroll", () => {
    if (rendered < rows.length && list.scrollTop + list.clientHeight > list.scrollHeight - 400) renderMore();
  });
  list.addEventListener("click", (ev) => {
    const row = ev.target.closest("li[data-index]");
    if (row) { list.focus(); selectNode(+row.dataset.index, true); }
  });
  list.addEventListener("keydown", (ev) => {
    if (!rows.length) return;
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      listActive = Math.max(0, Math.min(rows.length - 1, listActive + (ev.key === "ArrowDown" ? 1 : -1)));
      while (rendered <= listActive) renderMore();
      for (const row of list.querySelectorAll("li.active")) row.classList.remove("active");
      const row = $("row-" + rows[listActive]);
      row.classList.add("active");
      list.setAttribute("aria-activedescendant", row.id);
      row.scrollIntoView({ block: "nearest" });
      ev.preventDefault();
    } else if (ev.key === "Enter" && listActive >= 0) {
      selectNode(rows[listActive], true);
      ev.preventDefault();
    }
  });
  for (const button of document.querySelectorAll("#list-sort button")) {
    button.addEventListener("click", () => {
      sortKey = button.dataset.sort;
      for (const b of document.querySelectorAll("#list-sort button")) b.setAttribute("aria-pressed", b === button ? "true" : "false");
      updateList(true);
    });
  }
  api.listRows = () => rows.slice();

  /* ---------- legend ---------- */
  function buildLegend() {
    const legend = $("legend");
    const sym = { dot: "dot", diamond: "diamond", triangle: "triangle" };
    const types = el("fieldset", { id: "types" }, [el("legend", { text: "Show" })]);
    for (const t of TYPES) {
      const s = el("span", { class: "sym " + sym[STYLE[t].shape] });
      if (t !== "work") s.style.background = STYLE[t].colour;
      const box = el("input", { type: "checkbox", value: t, "aria-label": "show " + STYLE[t].plural });
      box.checked = true;
      box.addEventListener("change", () => {
        if (box.checked) state.types.add(t); else state.types.delete(t);
        sync();
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
    legend.append(el("div", { class: "note", text: "click a topic to open it · paper size = rating" }));
  }

  buildFilters();
  buildLegend();
  sync();
  fitDrawn(false);
})();
