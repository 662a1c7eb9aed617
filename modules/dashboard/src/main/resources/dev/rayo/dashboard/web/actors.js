/*
 * Actors: the cluster's actor table, one actor in full (#actors/ID), and a kill button per live actor that asks
 * for confirmation before POST api/actors/{id}/kill (one of the two endpoints that change the cluster).
 */
'use strict';

Rayo.actors = (function () {
  const PAGE = 100;
  let offset = 0;

  async function loadTable() {
    const answer = await Rayo.api('actors?limit=' + PAGE + '&offset=' + offset);
    Rayo.fillTable('actors-table', (answer.items || []).map(a => [
      Rayo.actorLink(a.actor_id), a.class_name, a.name, Rayo.badge(a.state), a.node, String(a.restarts),
      a.state === 'DEAD' ? '' : Rayo.el('button', {
        type: 'button', className: 'danger kill', 'data-actor': a.actor_id, text: 'Kill',
        onclick: () => kill(a)
      })
    ]), 'No actors.');
    Rayo.pager('actors-pager', answer, offset, PAGE, o => { offset = o; loadTable().catch(Rayo.reportError); });
  }

  async function kill(actor) {
    const label = actor.name ? actor.name + ' (' + actor.actor_id + ')' : actor.actor_id;
    if (!window.confirm('Kill actor ' + label + ' of class ' + actor.class_name + '?\n' +
      'Its pending calls fail and it does not restart.')) {
      return;
    }
    try {
      await Rayo.api('actors/' + encodeURIComponent(actor.actor_id) + '/kill', { method: 'POST' });
      Rayo.banner(null);
    } catch (e) {
      Rayo.banner('Could not kill actor ' + label + ': ' + e.message);
    }
    await refresh();
  }

  async function showDetail(id) {
    const box = document.getElementById('actor-detail');
    if (!id) {
      box.hidden = true;
      return;
    }
    box.hidden = false;
    try {
      const a = await Rayo.api('actors/' + encodeURIComponent(id));
      Rayo.fill(box, Rayo.el('h3', null, 'Actor ', Rayo.el('span', { className: 'id', text: a.actor_id })),
        Rayo.facts([['Class', a.class_name], ['Name', a.name], ['Namespace', a.namespace], ['State', Rayo.badge(a.state)],
          ['Node', a.node], ['Restarts', String(a.restarts)], ['Owner', a.owner]]),
        Rayo.el('a', { href: '#actors', text: 'close' }));
    } catch (e) {
      Rayo.fill(box, Rayo.el('div', { className: 'error', text: e.message }));
    }
  }

  function refresh() {
    return Rayo.refreshWith(() => loadTable());
  }

  return {
    /** Called when the actors page is shown, with the actor id of #actors/ID if any. */
    show(param) {
      showDetail(param);
      return refresh();
    },
    refresh
  };
})();
