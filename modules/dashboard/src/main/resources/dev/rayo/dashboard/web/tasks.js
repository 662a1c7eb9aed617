/*
 * Tasks: how many tasks are in each state, a table filtered by state, a search box that shows one task in full
 * (spec, state history, attempts, error) and a histogram of the completion times of finished tasks.
 */
'use strict';

Rayo.tasks = (function () {
  const STATES = ['PENDING_ARGS', 'PENDING_NODE_ASSIGNMENT', 'RUNNING', 'BLOCKED_IN_GET', 'FINISHED', 'FAILED'];
  const PAGE = 50;
  const HISTOGRAM_SAMPLE = 5000;
  let stateFilter = '';
  let offset = 0;

  async function loadCounts() {
    const totals = await Promise.all(STATES.map(s =>
      Rayo.api('tasks?state=' + s + '&limit=1').then(a => a.total || 0)));
    const all = totals.reduce((a, b) => a + b, 0);
    const cards = [stateCard('', 'ALL', all)];
    STATES.forEach((s, i) => cards.push(stateCard(s, s, totals[i])));
    Rayo.fill('task-state-counts', cards);
  }

  function stateCard(state, label, count) {
    return Rayo.el('button', {
      type: 'button', className: 'card state-card' + (state === stateFilter ? ' selected' : ''),
      'data-state': label, id: 'task-count-' + label,
      onclick: () => { stateFilter = state; offset = 0; refresh(); }
    }, Rayo.el('div', { className: 'card-label' }, Rayo.badge(label)), Rayo.el('div', { className: 'card-value', text: count }));
  }

  async function loadTable() {
    const answer = await Rayo.api('tasks?limit=' + PAGE + '&offset=' + offset +
      (stateFilter ? '&state=' + encodeURIComponent(stateFilter) : ''));
    document.getElementById('tasks-filter-label').textContent = stateFilter ? '(state ' + stateFilter + ')' : '(all states)';
    Rayo.fillTable('tasks-table', (answer.items || []).map(t => [
      Rayo.taskLink(t.task_id), t.name, Rayo.badge(t.state), t.node, String(t.attempt), Rayo.actorLink(t.actor_id),
      Rayo.millis(Rayo.durationMs(t)), Rayo.el('span', { className: 'error-text', text: firstLine(t.error) })
    ]), stateFilter ? 'No task is ' + stateFilter + '.' : 'No tasks recorded yet.');
    Rayo.pager('tasks-pager', answer, offset, PAGE, o => { offset = o; loadTable().catch(Rayo.reportError); });
  }

  async function loadHistogram() {
    const answer = await Rayo.api('tasks?state=FINISHED&limit=' + HISTOGRAM_SAMPLE);
    const durations = (answer.items || []).map(Rayo.durationMs).filter(d => d >= 0);
    Rayo.charts.histogram(document.getElementById('task-histogram'), durations,
      { bins: 24, empty: 'No finished task with a recorded duration yet.' });
    const sorted = durations.slice().sort((a, b) => a - b);
    const q = f => sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))];
    document.getElementById('task-histogram-note').textContent = sorted.length === 0 ? '' :
      sorted.length + ' finished tasks' + ((answer.total || 0) > sorted.length ? ' (of ' + answer.total + ')' : '') +
      ' — median ' + Rayo.millis(q(0.5)) + ', p90 ' + Rayo.millis(q(0.9)) + ', p99 ' + Rayo.millis(q(0.99)) +
      ', max ' + Rayo.millis(sorted[sorted.length - 1]);
  }

  function firstLine(text) {
    return text ? String(text).split('\n')[0] : '';
  }

  function list(values, link) {
    if (!values || values.length === 0) {
      return '—';
    }
    return Rayo.el('ul', { className: 'ids' }, values.map(v => Rayo.el('li', null, link ? link(v) : v)));
  }

  function renderDetail(t) {
    const resources = t.resources || (t.spec && t.spec.resources) || {};
    const history = t.history || [];
    const attempts = t.attempts || [];
    const detail = Rayo.fill('task-detail',
      Rayo.el('h3', null, 'Task ', Rayo.el('span', { className: 'id', id: 'task-detail-id', text: t.task_id })),
      Rayo.facts([
        ['Name', Rayo.el('span', { id: 'task-detail-name', text: t.name })],
        ['State', Rayo.el('span', { id: 'task-detail-state' }, Rayo.badge(t.state))],
        ['Node', Rayo.el('span', { id: 'task-detail-node', text: t.node || '' })],
        ['Attempt', String(t.attempt) + (t.max_retries !== undefined ? ' (max retries ' + t.max_retries + ')' : '')],
        ['Actor', Rayo.actorLink(t.actor_id)],
        ['Owner', t.owner],
        ['Submitted', Rayo.time(Rayo.at(t, 'submitted'))],
        ['Duration', Rayo.millis(Rayo.durationMs(t))],
        ['Resources', Rayo.resources(resources)],
        ['Returns', list(t.return_ids, Rayo.objectLink)],
        ['Arguments (refs)', list(t.arg_refs, Rayo.objectLink)],
        ['Error', t.error ? Rayo.el('pre', { className: 'error-text', id: 'task-detail-error', text: t.error }) : '']
      ]),
      Rayo.el('h4', { text: 'Attempts' }),
      table(['Attempt', 'Node', 'Worker', 'State', 'Started', 'Arguments ready', 'Executed', 'Ended', 'Duration', 'Error'],
        attempts.map(a => [String(a.attempt), a.node, a.worker, Rayo.badge(a.state), Rayo.time(Rayo.at(a, 'started') || Rayo.at(a, 'start')),
          Rayo.time(Rayo.at(a, 'arguments_ready')), Rayo.time(Rayo.at(a, 'executed')),
          Rayo.time(Rayo.at(a, 'ended') || Rayo.at(a, 'end')), Rayo.millis(Rayo.durationMs(a)), firstLine(a.error)]),
        'task-attempts'),
      Rayo.el('h4', { text: 'State history' }),
      table(['Time', 'Attempt', 'State', 'Node'],
        history.map(h => [Rayo.time(typeof h.time === 'number' ? h.time : Rayo.at(h, 'epoch')), String(h.attempt),
          Rayo.badge(h.state), h.node]), 'task-history'));
    detail.hidden = false;
  }

  function table(headers, rows, id) {
    return Rayo.el('table', { className: 'grid compact', id },
      Rayo.el('thead', null, Rayo.el('tr', null, headers.map(h => Rayo.el('th', { text: h })))),
      Rayo.el('tbody', null, rows.length === 0
        ? Rayo.el('tr', { className: 'empty' }, Rayo.el('td', { colspan: headers.length, text: 'none recorded' }))
        : rows.map(r => Rayo.el('tr', null, r.map(c => Rayo.el('td', null, c))))));
  }

  /** Shows task id in the detail box, or a clear message when it is unknown or malformed. */
  function search(id) {
    return Rayo.lookup('tasks', 'task', id, 'task-search', 'task-detail', renderDetail);
  }

  function refresh() {
    return Rayo.refreshWith(() => Promise.all([loadCounts(), loadTable(), loadHistogram()]));
  }

  document.getElementById('task-search-form').addEventListener('submit', ev => {
    ev.preventDefault();
    const id = document.getElementById('task-search').value.trim();
    Rayo.navigate('tasks', id);
  });

  return {
    /** Called when the tasks page is shown, with the task id of #tasks/ID if any. */
    show(param) {
      if (param !== undefined) {
        search(param);
      }
      return refresh();
    },
    /** Periodic refresh while shown (the detail box stays as it is). */
    refresh
  };
})();
