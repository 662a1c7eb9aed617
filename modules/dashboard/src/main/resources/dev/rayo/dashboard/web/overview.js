/*
 * Overview: the nodes with their resources and stores, cluster totals, CPU in use over time (from polling
 * api/nodes every 2 s while the page is open) and a notice when a node's bounded event log dropped events.
 */
'use strict';

Rayo.overview = (function () {
  const POLL_MILLIS = 2000;
  const KEEP_SAMPLES = 150; // five minutes at one sample every 2 s
  const samples = []; // {t, used: {node: cpu}, total}
  let timer = null;

  function used(node, resource) {
    const total = (node.resources_total || {})[resource] || 0;
    const available = (node.resources_available || {})[resource] || 0;
    return Math.max(0, total - available);
  }

  function resourceCell(node) {
    const names = Object.keys(node.resources_total || {}).sort();
    if (names.length === 0) {
      return '—';
    }
    return names.map(r => Rayo.el('div', { className: 'res' },
      Rayo.el('span', { className: 'res-name', text: r }),
      ' ' + Rayo.amount(used(node, r)) + ' / ' + Rayo.amount(node.resources_total[r]),
      meter(used(node, r), node.resources_total[r])));
  }

  function meter(value, max) {
    const fraction = max > 0 ? Math.min(1, value / max) : 0;
    const bar = Rayo.el('span', { className: 'meter' + (fraction > 0.9 ? ' full' : '') },
      Rayo.el('span', { style: 'width:' + (fraction * 100).toFixed(1) + '%' }));
    bar.title = (fraction * 100).toFixed(0) + '%';
    return bar;
  }

  function card(label, value, sub) {
    return Rayo.el('div', { className: 'card' }, Rayo.el('div', { className: 'card-label', text: label }),
      Rayo.el('div', { className: 'card-value', text: value }), sub ? Rayo.el('div', { className: 'card-sub' }, sub) : null);
  }

  function renderTotals(nodes) {
    const alive = nodes.filter(n => n.state === 'ALIVE' || n.state === 'Up').length;
    const totals = {};
    const inUse = {};
    let storeUsed = 0;
    let storeCapacity = 0;
    const hosts = new Set();
    for (const n of nodes) {
      for (const r of Object.keys(n.resources_total || {})) {
        totals[r] = (totals[r] || 0) + n.resources_total[r];
        inUse[r] = (inUse[r] || 0) + used(n, r);
      }
      // Nodes on one host share its store: count each host's store once.
      const host = String(n.node_id || n.address || '').replace(/:\d+$/, '');
      if (!hosts.has(host)) {
        hosts.add(host);
        storeUsed += n.store_used_bytes || 0;
        storeCapacity += n.store_capacity_bytes || 0;
      }
    }
    const cards = [card('Nodes', String(nodes.length), alive + ' alive')];
    for (const r of Object.keys(totals).sort()) {
      cards.push(card(r + ' in use', Rayo.amount(inUse[r]) + ' / ' + Rayo.amount(totals[r]), meter(inUse[r], totals[r])));
    }
    cards.push(card('Object store', Rayo.bytes(storeUsed) + ' / ' + Rayo.bytes(storeCapacity),
      meter(storeUsed, storeCapacity)));
    Rayo.fill('cluster-totals', cards);
  }

  function renderNodes(answer) {
    const nodes = answer.items || [];
    Rayo.fillTable('nodes-table', nodes.map(n => [
      Rayo.el('span', { className: 'id', text: n.node_id }),
      n.address,
      Rayo.badge(n.state),
      resourceCell(n),
      [Rayo.bytes(n.store_used_bytes) + ' / ' + Rayo.bytes(n.store_capacity_bytes),
        meter(n.store_used_bytes || 0, n.store_capacity_bytes || 0)],
      (n.events_recorded !== undefined ? String(n.events_recorded) : '') +
        (n.events_dropped ? ' (' + n.events_dropped + ' dropped)' : ''),
      n.dashboard_url ? Rayo.el('a', { href: n.dashboard_url, text: n.dashboard_url }) : ''
    ]), 'No nodes answered.');
    const dropping = nodes.filter(n => n.events_dropped > 0);
    const notice = document.getElementById('dropped-notice');
    notice.hidden = dropping.length === 0;
    if (dropping.length > 0) {
      Rayo.fill(notice, 'Task events were dropped: ' +
        dropping.map(n => n.node_id + ' dropped ' + n.events_dropped).join(', ') +
        '. Each node keeps at most rayo.events.capacity events, so the oldest task history is incomplete. ' +
        'Raise rayo.events.capacity, or set rayo.events.export = jdbc to keep every event in the journal database.');
    }
    renderTotals(nodes);
  }

  function record(nodes) {
    const sample = { t: Date.now(), used: {}, total: 0 };
    for (const n of nodes) {
      sample.used[n.node_id] = used(n, 'CPU');
      sample.total += (n.resources_total || {}).CPU || 0;
    }
    samples.push(sample);
    while (samples.length > KEEP_SAMPLES) {
      samples.shift();
    }
    document.getElementById('cpu-chart').dataset.samples = String(samples.length);
  }

  function renderChart() {
    const canvas = document.getElementById('cpu-chart');
    if (canvas.offsetParent === null) {
      return; // hidden: drawn when shown
    }
    const nodeIds = [...new Set(samples.flatMap(s => Object.keys(s.used)))].sort();
    const series = [{ label: 'cluster CPU total', dashed: true, color: '#8a94a6', points: samples.map(s => [s.t, s.total]) },
      { label: 'cluster CPU in use', color: '#2f6fde',
        points: samples.map(s => [s.t, Object.values(s.used).reduce((a, b) => a + b, 0)]) }];
    if (nodeIds.length > 1) {
      nodeIds.forEach((id, i) => series.push({ label: id, color: Rayo.charts.color(i + 1),
        points: samples.filter(s => id in s.used).map(s => [s.t, s.used[id]]) }));
    }
    Rayo.charts.lines(canvas, series, { windowMillis: 60000 });
  }

  async function poll() {
    try {
      const answer = await Rayo.api('nodes?limit=10000');
      record(answer.items || []);
      renderNodes(answer);
      renderChart();
      Rayo.refreshed();
    } catch (e) {
      Rayo.reportError(e);
    }
  }

  return {
    /** Starts polling (once; it goes on while the page is open, so the CPU chart has a history). */
    start() {
      if (timer === null) {
        poll();
        timer = setInterval(poll, POLL_MILLIS);
      }
    },
    /** Called when the overview is shown. */
    show() {
      renderChart();
      return poll();
    }
  };
})();
