/*
 * The dashboard's one page: hash routing between the views (#overview, #tasks[/ID], #actors[/ID],
 * #objects[/ID], #timeline), a refresh every few seconds of the view shown, and the token of ?token= taken out
 * of the address bar once the server has turned it into a cookie.
 */
'use strict';

(function () {
  const VIEWS = { overview: Rayo.overview, tasks: Rayo.tasks, actors: Rayo.actors, objects: Rayo.objects, timeline: Rayo.timeline };
  const REFRESH_MILLIS = 5000;
  let current = null;

  /** Notes a successful refresh: the time in the header, and no error banner. */
  Rayo.refreshed = function () {
    document.getElementById('last-refresh').textContent = 'updated ' + new Date().toLocaleTimeString(undefined, { hour12: false });
    Rayo.banner(null);
  };

  /** Goes to view (with an id to show); shows it again when the address is already there. */
  Rayo.navigate = function (view, param) {
    const hash = '#' + view + (param ? '/' + encodeURIComponent(param) : '');
    if (location.hash === hash) {
      route();
    } else {
      location.hash = hash;
    }
  };

  function route() {
    const hash = location.hash.replace(/^#/, '');
    const slash = hash.indexOf('/');
    let name = slash < 0 ? hash : hash.slice(0, slash);
    const param = slash < 0 ? undefined : decodeURIComponent(hash.slice(slash + 1));
    if (!VIEWS[name]) {
      name = 'overview';
    }
    current = name;
    for (const view of Object.keys(VIEWS)) {
      document.getElementById('view-' + view).hidden = view !== name;
    }
    for (const link of document.querySelectorAll('#tabs a')) {
      link.classList.toggle('active', link.dataset.view === name);
    }
    document.title = 'Rayo dashboard — ' + name;
    Promise.resolve(VIEWS[name].show(param)).catch(Rayo.reportError);
  }

  if (new URLSearchParams(location.search).has('token')) {
    // The server set the token cookie when it served this page: keep the token out of history and bookmarks.
    history.replaceState(null, '', location.pathname + location.hash);
  }
  document.getElementById('served-by').textContent = 'served by ' + location.host;
  window.addEventListener('hashchange', route);
  setInterval(() => {
    const view = VIEWS[current];
    if (current !== 'overview' && view && view.refresh && !document.hidden) {
      view.refresh();
    }
  }, REFRESH_MILLIS);
  Rayo.overview.start();
  route();
})();
