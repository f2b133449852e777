/* paperkg view --watch: the served copy of graph.html asks its server, every few hundred
 * milliseconds, for the version of graph.html on disk. When a rebuild has replaced the file it
 * keeps what the reader was looking at (the filters, open topics, the selected node, the search,
 * the camera) in sessionStorage, reloads, and puts it back once the new page says it is ready
 * (body[data-ready]); then it sets body[data-restored]. Nodes are kept by their IRI, not by
 * their index, which a rebuild may change. Only the page's own server is asked (CSP:
 * connect-src 'self'). */
"use strict";
(function () {
  const KEY = "paperkg-watch";
  const config = JSON.parse(document.getElementById("paperkg-watch").textContent);
  const api = window.paperkg;
  const N = api.data.nodes;

  const FILTERS = ["min-rating", "topic-filter", "technique-filter"]; // rating, node, node
  const $ = (id) => document.getElementById(id);
  const nodeFilter = (id) => id !== "min-rating";

  function filters() {
    const kept = {};
    for (const id of FILTERS) {
      const value = $(id).value;
      kept[id] = value === "" || !nodeFilter(id) ? value : N[+value].id;
    }
    kept.neighbourhood = $("neighbourhood").checked;
    return kept;
  }
  function restoreFilters(kept, index) {
    // through the page's own change handlers, as if the reader had picked them again
    for (const id of FILTERS) {
      const value = kept[id];
      if (value === "" || (nodeFilter(id) && !index.has(value))) continue;
      $(id).value = nodeFilter(id) ? String(index.get(value)) : value;
      $(id).dispatchEvent(new Event("change"));
    }
    if (kept.neighbourhood) {
      $("neighbourhood").checked = true;
      $("neighbourhood").dispatchEvent(new Event("change"));
    }
  }

  function snapshot() {
    const selected = api.selected();
    return {
      filters: filters(),
      topics: api.regions.filter((r) => r.t >= 0 && api.isOpen(r.t)).map((r) => N[r.t].id),
      selected: selected === null ? null : N[selected].id,
      search: api.searchState(),
      camera: { position: api.network.getViewPosition(), scale: api.network.getScale() },
    };
  }

  function restore(saved) {
    const index = new Map(N.map((n, i) => [n.id, i]));
    restoreFilters(saved.filters, index);
    for (const id of saved.topics) if (index.has(id)) api.openTopic(index.get(id));
    if (saved.search.text || saved.search.query) api.restoreSearch(saved.search);
    if (saved.selected !== null && index.has(saved.selected)) api.selectNode(index.get(saved.selected));
    api.network.moveTo({ position: saved.camera.position, scale: saved.camera.scale, animation: false });
    document.body.dataset.restored = "1";
  }

  function whenReady(then) {
    if (document.body.dataset.ready) { then(); return; }
    const watcher = new MutationObserver(() => {
      if (!document.body.dataset.ready) return;
      watcher.disconnect();
      then();
    });
    watcher.observe(document.body, { attributes: true, attributeFilter: ["data-ready"] });
  }

  whenReady(() => {
    const kept = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
    if (kept) restore(JSON.parse(kept));
  });

  async function poll() {
    try {
      const answer = await fetch("/version", { cache: "no-store" });
      const version = answer.ok ? (await answer.text()).trim() : "";
      if (version && version !== "none" && version !== config.version) {
        // a reload before the page was ready would keep nothing: wait for it
        whenReady(() => {
          sessionStorage.setItem(KEY, JSON.stringify(snapshot()));
          location.reload();
        });
        return;
      }
    } catch (err) {
      // the server stopped or is restarting: keep asking
    }
    setTimeout(poll, config.interval);
  }
  setTimeout(poll, config.interval);
})();
