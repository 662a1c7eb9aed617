/*
 * Timeline: the cluster's Chrome trace (api/timeline) drawn as one track per node (pid) and worker (tid), each
 * task attempt a box split into its three phases (get arguments, execute, store outputs). Hovering a box shows
 * the task's name, id, attempt and phase durations. For zooming, the trace downloads and opens in Perfetto.
 */
'use strict';

Rayo.timeline = (function () {
  const PHASES = {
    'task:deserialize_arguments': { cls: 'tl-deserialize', label: 'get arguments' },
    'task:execute': { cls: 'tl-execute', label: 'execute' },
    'task:store_outputs': { cls: 'tl-store', label: 'store outputs' }
  };
  const MAX_BOXES = 20000;
  const LABEL_PX = 220;
  let zoom = 1;
  let model = null;

  /** Parses the trace into {processes: Map pid -> {name, threads: Map tid -> {name, tasks: []}}, t0, t1}. */
  function parse(trace) {
    const events = (trace && trace.traceEvents) || [];
    const processes = new Map();
    const proc = pid => {
      if (!processes.has(pid)) {
        processes.set(pid, { name: 'pid ' + pid, threads: new Map() });
      }
      return processes.get(pid);
    };
    const thread = (pid, tid) => {
      const p = proc(pid);
      if (!p.threads.has(tid)) {
        p.threads.set(tid, { name: 'tid ' + tid, tasks: [] });
      }
      return p.threads.get(tid);
    };
    const phases = new Map();
    const tasks = [];
    for (const e of events) {
      if (e.ph === 'M' && e.name === 'process_name') {
        proc(e.pid).name = (e.args && e.args.name) || proc(e.pid).name;
      } else if (e.ph === 'M' && e.name === 'thread_name') {
        thread(e.pid, e.tid).name = (e.args && e.args.name) || thread(e.pid, e.tid).name;
      } else if (e.ph === 'X') {
        const args = e.args || {};
        const key = e.pid + '|' + e.tid + '|' + args.task_id + '|' + args.attempt;
        if (PHASES[e.name]) {
          if (!phases.has(key)) {
            phases.set(key, []);
          }
          phases.get(key).push(e);
        } else {
          tasks.push({ key, event: e });
        }
      }
    }
    let t0 = Infinity;
    let t1 = -Infinity;
    for (const t of tasks) {
      t.phases = phases.get(t.key) || [];
      thread(t.event.pid, t.event.tid).tasks.push(t);
      t0 = Math.min(t0, t.event.ts);
      t1 = Math.max(t1, t.event.ts + (t.event.dur || 0));
    }
    return { processes, t0, t1, count: tasks.length };
  }

  function title(task) {
    const e = task.event;
    const a = e.args || {};
    const lines = [e.name, 'task ' + a.task_id + (a.attempt ? ' (attempt ' + a.attempt + ')' : ''),
      'state ' + (a.state || '?') + ' on ' + (a.node || '?'), 'total ' + Rayo.millis((e.dur || 0) / 1000)];
    if (a.actor_id) {
      lines.splice(2, 0, 'actor ' + a.actor_id);
    }
    for (const p of task.phases) {
      lines.push(PHASES[p.name].label + ': ' + Rayo.millis((p.dur || 0) / 1000));
    }
    return lines.join('\n');
  }

  function niceStep(rangeMicros, ticks) {
    const raw = rangeMicros / ticks;
    const pow = Math.pow(10, Math.floor(Math.log10(raw)));
    const n = raw / pow;
    return (n < 1.5 ? 1 : n < 3.5 ? 2 : n < 7.5 ? 5 : 10) * pow;
  }

  function render() {
    const view = document.getElementById('timeline-view');
    view.replaceChildren();
    if (model.count === 0) {
      view.appendChild(Rayo.el('div', { className: 'muted empty-timeline', text: 'No task attempts recorded in this window.' }));
      document.getElementById('timeline-summary').textContent = '';
      return;
    }
    const range = Math.max(1, model.t1 - model.t0);
    const pct = ts => ((ts - model.t0) / range * 100);
    const axis = Rayo.el('div', { className: 'tl-row tl-axis' }, Rayo.el('div', { className: 'tl-label', text: '' }));
    const axisTrack = Rayo.el('div', { className: 'tl-track' });
    const step = niceStep(range, Math.min(2000, 8 * zoom));
    for (let t = 0; t <= range; t += step) {
      axisTrack.appendChild(Rayo.el('span', { className: 'tl-tick', style: 'left:' + (t / range * 100) + '%',
        text: t === 0 ? '0' : '+' + Rayo.millis(t / 1000) }));
    }
    axis.appendChild(axisTrack);
    view.appendChild(axis);
    let boxes = 0;
    const pids = [...model.processes.keys()].sort((a, b) => a - b);
    for (const pid of pids) {
      const p = model.processes.get(pid);
      view.appendChild(Rayo.el('div', { className: 'tl-process', 'data-pid': pid }, Rayo.el('span', null, p.name,
        p.threads.size === 0 ? Rayo.el('span', { className: 'muted', text: ' — no task attempts in this window' }) : null)));
      const tids = [...p.threads.keys()].sort((a, b) => a - b);
      for (const tid of tids) {
        const th = p.threads.get(tid);
        const track = Rayo.el('div', { className: 'tl-track' });
        for (const task of th.tasks) {
          if (boxes >= MAX_BOXES) {
            break;
          }
          boxes++;
          const e = task.event;
          const a = e.args || {};
          const box = Rayo.el('div', {
            className: 'tl-task' + (a.state === 'FAILED' ? ' tl-failed' : ''),
            style: 'left:' + pct(e.ts).toFixed(4) + '%;width:' + Math.max(0, (e.dur || 0) / range * 100).toFixed(4) + '%',
            title: title(task), 'data-task-id': a.task_id, 'data-name': e.name
          });
          for (const ph of task.phases) {
            const rel = e.dur > 0 ? (ph.ts - e.ts) / e.dur * 100 : 0;
            const width = e.dur > 0 ? (ph.dur || 0) / e.dur * 100 : 0;
            box.appendChild(Rayo.el('div', { className: 'tl-phase ' + PHASES[ph.name].cls,
              style: 'left:' + rel.toFixed(3) + '%;width:' + width.toFixed(3) + '%' }));
          }
          box.addEventListener('click', () => Rayo.navigate('tasks', a.task_id));
          track.appendChild(box);
        }
        view.appendChild(Rayo.el('div', { className: 'tl-row', 'data-pid': pid, 'data-tid': tid },
          Rayo.el('div', { className: 'tl-label', title: th.name, text: th.name }), track));
      }
    }
    document.getElementById('timeline-summary').textContent = model.count + ' task attempts on ' + pids.length +
      ' node(s) over ' + Rayo.millis(range / 1000) + (boxes < model.count ? ' (the first ' + boxes + ' drawn)' : '') +
      '. Hover a box for its task; click it for the task\'s details.';
  }

  /**
   * Widens every track to zoom times the visible width; the view scrolls sideways, and the rows are as wide as
   * their tracks so that the sticky labels stay in view.
   */
  function applyZoom() {
    const view = document.getElementById('timeline-view');
    const width = Math.max(200, (view.clientWidth - LABEL_PX) * zoom);
    for (const track of view.querySelectorAll('.tl-track')) {
      track.style.flex = '0 0 ' + width + 'px';
    }
    for (const row of view.querySelectorAll('.tl-row, .tl-process')) {
      row.style.width = (LABEL_PX + width) + 'px';
    }
  }

  function setZoom(z) {
    const view = document.getElementById('timeline-view');
    const centre = (view.scrollLeft + view.clientWidth / 2) / Math.max(1, view.scrollWidth);
    zoom = Math.min(1000, Math.max(1, z));
    if (model) {
      render();
    }
    applyZoom();
    view.scrollLeft = centre * view.scrollWidth - view.clientWidth / 2;
  }

  async function refresh() {
    const since = document.getElementById('timeline-since').value;
    const query = since ? '?since=' + encodeURIComponent(since) : '';
    document.getElementById('timeline-download').setAttribute('href',
      'api/timeline' + (since ? query + '&' : '?') + 'download=1');
    try {
      const text = await Rayo.api('timeline' + query, { asText: true });
      let trace;
      try {
        trace = JSON.parse(text);
      } catch (e) {
        throw new Rayo.ApiError(200, 'The timeline is not valid JSON.');
      }
      model = parse(trace);
      render();
      applyZoom();
      Rayo.refreshed();
    } catch (e) {
      Rayo.fill('timeline-view', Rayo.el('div', { className: 'error', text: e.message || String(e) }));
      Rayo.reportError(e);
    }
  }

  document.getElementById('timeline-refresh').addEventListener('click', refresh);
  document.getElementById('timeline-zoom-in').addEventListener('click', () => setZoom(zoom * 2));
  document.getElementById('timeline-zoom-out').addEventListener('click', () => setZoom(zoom / 2));
  document.getElementById('timeline-zoom-fit').addEventListener('click', () => setZoom(1));
  document.getElementById('timeline-since').addEventListener('change', refresh);

  return {
    /** Called when the timeline is shown; it is not refreshed on its own, so a hovered box stays put. */
    show: refresh,
    refresh: null
  };
})();
