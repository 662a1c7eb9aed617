/*
 * Objects: the objects the owners know of, and a search by object id that shows one object's size, owner,
 * locations, producing task (a link to it) and whether put made it.
 */
'use strict';

Rayo.objects = (function () {
  const PAGE = 100;
  let offset = 0;

  function locations(values) {
    return values && values.length ? values.join(', ') : '—';
  }

  async function loadTable() {
    const answer = await Rayo.api('objects?limit=' + PAGE + '&offset=' + offset);
    Rayo.fillTable('objects-table', (answer.items || []).map(o => [
      Rayo.objectLink(o.object_id), Rayo.bytes(o.size_bytes), o.owner, locations(o.locations), Rayo.taskLink(o.task_id),
      o.is_put ? 'yes' : 'no', Rayo.badge(o.status)
    ]), 'No objects.');
    Rayo.pager('objects-pager', answer, offset, PAGE, o => { offset = o; loadTable().catch(Rayo.reportError); });
  }

  function renderDetail(o) {
    const box = Rayo.fill('object-detail',
      Rayo.el('h3', null, 'Object ', Rayo.el('span', { className: 'id', id: 'object-detail-id', text: o.object_id })),
      Rayo.facts([
        ['Size', Rayo.el('span', { id: 'object-detail-size', text: Rayo.bytes(o.size_bytes) + ' (' + o.size_bytes + ' bytes)' })],
        ['Owner', Rayo.el('span', { id: 'object-detail-owner', text: o.owner || '' })],
        ['Locations', Rayo.el('span', { id: 'object-detail-locations', text: locations(o.locations) })],
        ['Producing task', o.task_id ? Rayo.el('span', { id: 'object-detail-task' }, Rayo.taskLink(o.task_id))
          : Rayo.el('span', { id: 'object-detail-task', text: 'none (put)' })],
        ['Made by put', Rayo.el('span', { id: 'object-detail-put', text: o.is_put ? 'yes' : 'no' })],
        ['Status', Rayo.badge(o.status)]
      ]));
    box.hidden = false;
  }

  /** Shows object id in the detail box, or a clear message when it is unknown or malformed. */
  function search(id) {
    return Rayo.lookup('objects', 'object', id, 'object-search', 'object-detail', renderDetail);
  }

  function refresh() {
    return Rayo.refreshWith(() => loadTable());
  }

  document.getElementById('object-search-form').addEventListener('submit', ev => {
    ev.preventDefault();
    Rayo.navigate('objects', document.getElementById('object-search').value.trim());
  });

  return {
    /** Called when the objects page is shown, with the object id of #objects/ID if any. */
    show(param) {
      if (param !== undefined) {
        search(param);
      }
      return refresh();
    },
    refresh
  };
})();
