/* paperkg view --watch: the served copy of graph.html asks its server, every few hundred
 * milliseconds, for the version of graph.html on disk. When a rebuild has replaced the file it
 * keeps what the reader was looking at (open topics, the selected node, the search, the camera)
 * in sessionStorage, reloads, and puts it back once the new page says it is ready
 * (body[data-ready]); then it sets body[data-restored]. Nodes are kept by their IRI, not by
 * their index, which a rebuild may change. Only the page's own server is asked (CSP:
 * connect-src 'self'). */
"use strict";
(function () {
  const KEY = "paperkg-watch";
  const config = JSON.parse(document.getElementById("paperkg-watch").textContent);
  const api = window.paperkg;
  const N = api.data.nodes;

  function snapshot() {
    const selected = api.selected();
    return {
      topics: api.regions.filter((r) => r.t >= 0 && api.isOpen(r.t)).map((r) => N[r.t].id),
      selected: selected === null ? null : N[selected].id,
      search: api.searchState(),
      camera: { position: api.network.getViewPosition(), scale: api.network.getScale() },
    };
  }

  function restore(saved) {
    const index = new Map(N.map((n, i) => [n.id, i]));
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
