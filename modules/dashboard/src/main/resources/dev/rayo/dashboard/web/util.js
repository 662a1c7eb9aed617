/*
 * Shared helpers of the dashboard pages: the API client (errors become readable messages, never a crash),
 * DOM building without innerHTML (ids and names come from user programs), and number formatting.
 */
'use strict';
var Rayo = window.Rayo || {};
window.Rayo = Rayo;

/** An answer of the API that was not 2xx: its status and the server's one-line message. */
Rayo.ApiError = class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
};

/**
 * Fetches api/PATH (relative, so the dashboard also works behind a path prefix) and returns its JSON, or its
 * text when asText. The token cookie set by ?token= travels with it (same origin).
 */
Rayo.api = async function (path, options) {
  const opts = options || {};
  let response;
  try {
    response = await fetch('api/' + path, {
      method: opts.method || 'GET',
      credentials: 'same-origin',
      headers: { 'Accept': opts.asText ? 'text/plain, application/json' : 'application/json' }
    });
  } catch (e) {
    throw new Rayo.ApiError(0, 'The dashboard server cannot be reached (' + e.message + ').');
  }
  const text = await response.text();
  if (!response.ok) {
    throw new Rayo.ApiError(response.status, Rayo.errorText(response.status, text));
  }
  if (opts.asText) {
    return text;
  }
  try {
    return text ? JSON.parse(text) : {};
  } catch (e) {
    throw new Rayo.ApiError(response.status, 'The server answered something that is not JSON.');
  }
};

/** The message for a failed answer: the server's {"error": ...} when there is one. */
Rayo.errorText = function (status, body) {
  let message = '';
  try {
    const parsed = JSON.parse(body);
    message = parsed && parsed.error ? String(parsed.error) : '';
  } catch (e) {
    message = (body || '').trim().split('\n')[0].slice(0, 300);
  }
  if (status === 401) {
    return 'Not authorized (401): this dashboard needs its token. Open it once as ' + location.origin +
      location.pathname + '?token=YOUR_TOKEN' + (message ? ' — ' + message : '');
  }
  if (status === 404) {
    return 'Not found (404)' + (message ? ': ' + message : '');
  }
  if (status === 400) {
    return 'Bad request (400)' + (message ? ': ' + message : '');
  }
  return 'Error ' + status + (message ? ': ' + message : '');
};

/** Creates an element: attrs (className, text, on<event>, dataset entries as data-*, the rest attributes). */
Rayo.el = function (tag, attrs) {
  const node = document.createElement(tag);
  const a = attrs || {};
  for (const key of Object.keys(a)) {
    const value = a[key];
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key === 'className') {
      node.className = value;
    } else if (key === 'text') {
      node.textContent = String(value);
    } else if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2), value);
    } else {
      node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  for (let i = 2; i < arguments.length; i++) {
    Rayo.append(node, arguments[i]);
  }
  return node;
};

/** Appends a node, a string (as text) or an array of those. */
Rayo.append = function (parent, child) {
  if (child === undefined || child === null || child === false) {
    return;
  }
  if (Array.isArray(child)) {
    child.forEach(c => Rayo.append(parent, c));
  } else if (child instanceof Node) {
    parent.appendChild(child);
  } else {
    parent.appendChild(document.createTextNode(String(child)));
  }
};

/** Replaces the children of the element with the given id (or element). */
Rayo.fill = function (target) {
  const node = typeof target === 'string' ? document.getElementById(target) : target;
  node.replaceChildren();
  for (let i = 1; i < arguments.length; i++) {
    Rayo.append(node, arguments[i]);
  }
  return node;
};

/** Fills the tbody of table tableId with rows (arrays of cells), or one row saying empty when there are none. */
Rayo.fillTable = function (tableId, rows, empty) {
  const table = document.getElementById(tableId);
  const body = table.tBodies[0];
  const columns = table.tHead.rows[0].cells.length;
  body.replaceChildren();
  if (rows.length === 0) {
    body.appendChild(Rayo.el('tr', { className: 'empty' }, Rayo.el('td', { colspan: columns, text: empty })));
    return;
  }
  for (const cells of rows) {
    const tr = Rayo.el('tr');
    for (const cell of cells) {
      tr.appendChild(cell instanceof HTMLTableCellElement ? cell : Rayo.el('td', null, cell));
    }
    body.appendChild(tr);
  }
};

/** The error banner at the top of the page: shown with a message, hidden with null. */
Rayo.banner = function (message) {
  const banner = document.getElementById('error-banner');
  banner.textContent = message || '';
  banner.hidden = !message;
};

/** Shows an error of a view's refresh in the banner (the page keeps working). */
Rayo.reportError = function (e) {
  Rayo.banner(e instanceof Rayo.ApiError ? e.message : 'Unexpected error: ' + (e && e.message ? e.message : e));
};

/** Bytes for people: 1.5 MiB. */
Rayo.bytes = function (n) {
  const value = Number(n) || 0;
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = value;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return (u === 0 ? v.toFixed(0) : v.toFixed(v < 10 ? 2 : 1)) + ' ' + units[u];
};

/** Milliseconds for people: 850 µs, 12.3 ms, 4.20 s. */
Rayo.millis = function (ms) {
  if (ms === null || ms === undefined || ms < 0 || Number.isNaN(ms)) {
    return '';
  }
  if (ms < 1) {
    return Math.round(ms * 1000) + ' µs';
  }
  if (ms < 1000) {
    return (ms < 10 ? ms.toFixed(2) : ms.toFixed(1)) + ' ms';
  }
  return (ms / 1000).toFixed(ms < 10000 ? 2 : 1) + ' s';
};

/** A resource amount: integers without decimals. */
Rayo.amount = function (x) {
  const v = Number(x) || 0;
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
};

/** Epoch milliseconds as a local time with milliseconds, or empty when not known. */
Rayo.time = function (millis) {
  if (!millis) {
    return '';
  }
  const d = new Date(millis);
  return d.toLocaleTimeString(undefined, { hour12: false }) + '.' + String(d.getMilliseconds()).padStart(3, '0');
};

/**
 * The epoch milliseconds of field `base` of a row: `base_at` (milliseconds, as the API writes times) or
 * `base_micros`; 0 when not recorded.
 */
Rayo.at = function (row, base) {
  if (typeof row[base + '_at'] === 'number') {
    return row[base + '_at'];
  }
  if (typeof row[base + '_micros'] === 'number') {
    return row[base + '_micros'] / 1000;
  }
  return 0;
};

/** How long a task ran in milliseconds, from whichever of the fields the server gives, or -1. */
Rayo.durationMs = function (t) {
  if (typeof t.duration_ms === 'number' && t.duration_ms >= 0) {
    return t.duration_ms;
  }
  if (typeof t.duration_micros === 'number' && t.duration_micros >= 0) {
    return t.duration_micros / 1000;
  }
  const started = Rayo.at(t, 'started');
  const ended = Rayo.at(t, 'ended');
  if (started > 0 && ended >= started) {
    return ended - started;
  }
  return -1;
};

/** A CSS class for a state name, for its colour. */
Rayo.stateClass = function (state) {
  return 'state state-' + String(state || 'unknown').toLowerCase().replace(/[^a-z_]/g, '');
};

/** A state as a coloured badge. */
Rayo.badge = function (state) {
  return Rayo.el('span', { className: Rayo.stateClass(state), text: state || '?' });
};

/** A link to the task page of a task id (the task's details), or the empty string. */
Rayo.taskLink = function (taskId) {
  return taskId ? Rayo.el('a', { href: '#tasks/' + encodeURIComponent(taskId), className: 'id', text: taskId }) : '';
};

/** A link to the objects page of an object id. */
Rayo.objectLink = function (objectId) {
  return objectId ? Rayo.el('a', { href: '#objects/' + encodeURIComponent(objectId), className: 'id', text: objectId }) : '';
};

/** A link to the actors page of an actor id. */
Rayo.actorLink = function (actorId) {
  return actorId ? Rayo.el('a', { href: '#actors/' + encodeURIComponent(actorId), className: 'id', text: actorId }) : '';
};

/** A definition list from [label, value] pairs. */
Rayo.facts = function (pairs) {
  const dl = Rayo.el('dl', { className: 'facts' });
  for (const [label, value] of pairs) {
    dl.appendChild(Rayo.el('dt', { text: label }));
    dl.appendChild(Rayo.el('dd', null, value === '' || value === undefined || value === null ? '—' : value));
  }
  return dl;
};

/** Resources {"CPU": 2} as "CPU 2". */
Rayo.resources = function (map) {
  const keys = Object.keys(map || {}).sort();
  return keys.length === 0 ? '—' : keys.map(k => k + ' ' + Rayo.amount(map[k])).join(', ');
};

/** Pager buttons under a table: offset/limit/total of a list answer, calling go(newOffset). */
Rayo.pager = function (targetId, answer, offset, limit, go) {
  const total = answer.total || 0;
  const shown = (answer.items || []).length;
  const parts = [Rayo.el('span', { text: total === 0 ? 'none' :
      'rows ' + (offset + 1) + '–' + (offset + shown) + ' of ' + total +
      (answer.truncated ? ' — truncated: the cluster may hold more than it listed' : '') })];
  const unanswered = answer.unanswered_nodes || [];
  if (unanswered.length > 0) {
    parts.push(Rayo.el('span', { className: 'warn-text', text: 'no answer from ' + unanswered.join(', ') }));
  }
  if (answer.dropped_events > 0) {
    parts.push(Rayo.el('span', { className: 'warn-text',
      text: answer.dropped_events + ' task events dropped (rayo.events.capacity): old history is incomplete' }));
  }
  if (offset > 0) {
    parts.push(Rayo.el('button', { type: 'button', text: '‹ previous', onclick: () => go(Math.max(0, offset - limit)) }));
  }
  if (offset + shown < total) {
    parts.push(Rayo.el('button', { type: 'button', text: 'next ›', onclick: () => go(offset + limit) }));
  }
  Rayo.fill(targetId, parts);
};

/**
 * Shows one task or object found by id in its search's detail box: "looking up" while the API answers, then
 * what render(answer) draws, or the API's message in place (a 404 says nothing has that id) so the page goes on.
 */
Rayo.lookup = async function (kind, label, id, inputId, boxId, render) {
  const wanted = (id || '').trim();
  document.getElementById(inputId).value = wanted;
  const box = document.getElementById(boxId);
  if (!wanted) {
    box.hidden = true;
    return;
  }
  Rayo.fill(box, Rayo.el('span', { className: 'muted', text: 'Looking up ' + wanted + '…' }));
  box.hidden = false;
  try {
    render(await Rayo.api(kind + '/' + encodeURIComponent(wanted)));
  } catch (e) {
    Rayo.fill(box, Rayo.el('div', { className: 'error', id: boxId + '-error-message',
      text: e instanceof Rayo.ApiError && e.status === 404 ? 'No ' + label + ' ' + wanted + ' is known to the cluster. ' + e.message
        : (e.message || String(e)) }));
  }
};

/** Reloads a page's data with loader(), saying when it was refreshed, or showing the error in the banner. */
Rayo.refreshWith = async function (loader) {
  try {
    await loader();
    Rayo.refreshed();
  } catch (e) {
    Rayo.reportError(e);
  }
};
