/*
 * The two small charts of the dashboard, drawn on a <canvas> with no library: a line chart over time (CPU in
 * use) and a histogram (completion times). Both scale to the canvas' CSS width and the screen's pixel ratio.
 */
'use strict';

Rayo.charts = {};

/** Sizes the canvas' backing store to its displayed size and returns a 2D context in CSS pixels. */
Rayo.charts.context = function (canvas) {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth || canvas.width;
  const height = canvas.clientHeight || canvas.height;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.font = '11px system-ui, sans-serif';
  return { ctx, width, height };
};

const AXIS = '#8a94a6';
const GRID = '#e4e8ef';
const PALETTE = ['#2f6fde', '#e8833a', '#2e9e6b', '#b44cc4', '#d0454c', '#7a8a1f', '#1e9bb0', '#8c5a2b'];

/** A colour per series index. */
Rayo.charts.color = function (i) {
  return PALETTE[i % PALETTE.length];
};

/**
 * Lines over time. series: [{label, points: [[epochMillis, value]], dashed}], drawn against a y range from 0 to
 * the largest value; a legend names each line.
 */
Rayo.charts.lines = function (canvas, series, opts) {
  const { ctx, width, height } = Rayo.charts.context(canvas);
  opts = opts || {};
  const left = 40, right = 10, top = 18, bottom = 20;
  const all = series.flatMap(s => s.points);
  if (all.length < 1) {
    ctx.fillStyle = AXIS;
    ctx.fillText(opts && opts.empty ? opts.empty : 'waiting for data…', left, top + 20);
    return;
  }
  // A window of at least opts.windowMillis ending at the latest point, so that lines grow from the right.
  const t1 = Math.max(...all.map(p => p[0]));
  const t0 = Math.min(t1 - ((opts && opts.windowMillis) || 1000), ...all.map(p => p[0]));
  const ymax = Math.max(1, ...all.map(p => p[1])) * 1.1;
  const x = t => left + (t - t0) / (t1 - t0) * (width - left - right);
  const y = v => height - bottom - v / ymax * (height - top - bottom);
  ctx.strokeStyle = GRID;
  ctx.fillStyle = AXIS;
  ctx.lineWidth = 1;
  for (let i = 0; i <= 4; i++) {
    const v = ymax * i / 4;
    ctx.beginPath();
    ctx.moveTo(left, y(v));
    ctx.lineTo(width - right, y(v));
    ctx.stroke();
    ctx.fillText(v < 10 ? v.toFixed(1) : v.toFixed(0), 4, y(v) + 4);
  }
  const seconds = Math.round((t1 - t0) / 1000);
  ctx.fillText('−' + seconds + ' s', left, height - 5);
  ctx.fillText('now', width - right - 22, height - 5);
  let legendX = left;
  series.forEach((s, i) => {
    const color = s.color || Rayo.charts.color(i);
    ctx.strokeStyle = color;
    ctx.lineWidth = 2;
    ctx.setLineDash(s.dashed ? [5, 4] : []);
    ctx.beginPath();
    s.points.forEach((p, j) => (j === 0 ? ctx.moveTo(x(p[0]), y(p[1])) : ctx.lineTo(x(p[0]), y(p[1]))));
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = color;
    ctx.fillRect(legendX, 4, 10, 8);
    ctx.fillStyle = '#333';
    ctx.fillText(s.label, legendX + 14, 12);
    legendX += 24 + ctx.measureText(s.label).width;
  });
};

/**
 * A histogram of values (milliseconds) in up to `bins` equal bins from the smallest to the largest value, with
 * the count over each bar.
 */
Rayo.charts.histogram = function (canvas, values, opts) {
  const { ctx, width, height } = Rayo.charts.context(canvas);
  const left = 40, right = 10, top = 14, bottom = 22;
  if (values.length === 0) {
    ctx.fillStyle = AXIS;
    ctx.fillText(opts && opts.empty ? opts.empty : 'no data', left, top + 20);
    return [];
  }
  const bins = Math.max(1, Math.min((opts && opts.bins) || 20, values.length));
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const step = hi > lo ? (hi - lo) / bins : 1;
  const counts = new Array(bins).fill(0);
  for (const v of values) {
    counts[Math.min(bins - 1, Math.floor((v - lo) / step))]++;
  }
  const cmax = Math.max(...counts);
  const barWidth = (width - left - right) / bins;
  ctx.strokeStyle = GRID;
  ctx.fillStyle = AXIS;
  for (let i = 0; i <= 4; i++) {
    const c = cmax * i / 4;
    const yy = height - bottom - c / cmax * (height - top - bottom);
    ctx.beginPath();
    ctx.moveTo(left, yy);
    ctx.lineTo(width - right, yy);
    ctx.stroke();
    ctx.fillText(c.toFixed(c < 10 && c % 1 ? 1 : 0), 4, yy + 4);
  }
  counts.forEach((c, i) => {
    const h = c / cmax * (height - top - bottom);
    ctx.fillStyle = '#2f6fde';
    ctx.fillRect(left + i * barWidth + 1, height - bottom - h, Math.max(1, barWidth - 2), h);
  });
  ctx.fillStyle = '#333';
  ctx.fillText(Rayo.millis(lo), left, height - 6);
  const hiText = Rayo.millis(hi > lo ? hi : lo + step);
  ctx.fillText(hiText, width - right - ctx.measureText(hiText).width, height - 6);
  const mid = Rayo.millis((lo + (hi > lo ? hi : lo + step)) / 2);
  ctx.fillText(mid, left + (width - left - right) / 2 - ctx.measureText(mid).width / 2, height - 6);
  return counts;
};
