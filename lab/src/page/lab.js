// The lab's page: draws the frames the server streams (Server-Sent Events on /events) and
// sends the controls as POST requests. Plain JS and canvas: no build step.
'use strict';

const FIELDS = ['dimension', 'data', 'objective', 'lr_d', 'lr_g', 'k', 'packing', 'width',
  'depth', 'prior', 'noise', 'batch', 'seed'];
const GREEN = [27, 120, 55], WHITE = [247, 247, 247], PURPLE = [118, 42, 131];
const MAX_POINTS = 2000; // per curve; older points are thinned out
const $ = (id) => document.getElementById(id);

const lab = {
  options: null, frame: null, fresh: false, run: -1,
  framesReceived: 0, framesDrawn: 0, rafCount: 0,
  rafPerSecond: 0, drawnPerSecond: 0,
  history: newHistory(), drawn: [], drawing: false,
};
window.__lab = lab;

function newHistory() {
  return { step: [], d_loss: [], g_loss: [], d_real: [], d_fake: [], js: [], w1: [], value: [], value_at_optimum: [] };
}

function message(text, kind) {
  const m = $('message');
  m.textContent = text || '';
  m.className = text ? kind : '';
}

async function post(path) {
  let response;
  try {
    response = await fetch(path, { method: 'POST' });
  } catch (e) {
    message('the lab server does not answer: ' + e, 'error');
    return false;
  }
  if (!response.ok) {
    message(await response.text(), 'error');
    return false;
  }
  message('', '');
  return true;
}

function parseQuery(text) {
  const out = {};
  for (const [k, v] of new URLSearchParams(text)) out[k] = v;
  return out;
}

function fill(select, names) {
  select.replaceChildren(...names.map((n) => new Option(n, n)));
}

function setFields(values) {
  fill($('data'), lab.options.datasets[values.dimension]);
  for (const f of FIELDS) if (values[f] !== undefined) $(f).value = values[f];
}

function query() {
  const q = new URLSearchParams();
  for (const f of FIELDS) q.set(f, $(f).value.trim());
  if ($('data').value === 'drawn') {
    q.set('points', lab.drawn.map(([x, y]) => x.toFixed(4) + ',' + y.toFixed(4)).join(';'));
  }
  return q.toString();
}

function restart() {
  if ($('data').value === 'drawn' && lab.drawn.length === 0) {
    message('Draw points on the 2-D view with the mouse: they become p_data when you release.', 'info');
    return;
  }
  post('/api/run?' + query());
}

// ---- controls

function wireControls() {
  $('play').onclick = () => post(lab.frame && lab.frame.playing ? '/api/pause' : '/api/play');
  $('step-d').onclick = () => post('/api/step?kind=d');
  $('step-g').onclick = () => post('/api/step?kind=g');
  $('step-full').onclick = () => post('/api/step?kind=full');
  $('reset').onclick = () => post('/api/reset');
  $('speed').onchange = () => post('/api/speed?value=' + $('speed').value);
  $('dimension').onchange = () => {
    const dimension = $('dimension').value;
    setFields(parseQuery(lab.options.defaults[dimension]));
    restart();
  };
  for (const f of FIELDS) if (f !== 'dimension') $(f).onchange = restart;
  $('clear-drawing').onclick = () => { lab.drawn = []; restart(); };
  document.addEventListener('keydown', (e) => {
    if (e.key === ' ' && e.target === document.body) { e.preventDefault(); $('play').click(); }
  });
  const canvas = $('view2d');
  const toData = (e) => {
    const r = canvas.getBoundingClientRect(), extent = lab.options.view2d;
    const x = ((e.clientX - r.left) / r.width) * 2 * extent - extent;
    const y = extent - ((e.clientY - r.top) / r.height) * 2 * extent;
    return [Math.max(-extent, Math.min(extent, x)), Math.max(-extent, Math.min(extent, y))];
  };
  canvas.addEventListener('mousedown', (e) => {
    if ($('data').value !== 'drawn') return;
    lab.drawing = true;
    lab.drawn.push(toData(e));
  });
  canvas.addEventListener('mousemove', (e) => {
    if (lab.drawing && lab.drawn.length < 4000) lab.drawn.push(toData(e));
  });
  window.addEventListener('mouseup', () => {
    if (lab.drawing) { lab.drawing = false; restart(); }
  });
}

// ---- the stream

function receive(frame) {
  lab.framesReceived++;
  if (frame.run !== lab.run) {
    lab.run = frame.run;
    lab.history = newHistory();
    const values = parseQuery(frame.settings);
    if (values.dimension !== $('dimension').value || FIELDS.some((f) => $(f).value !== values[f])) {
      setFields(values);
    }
  }
  const h = lab.history;
  const last = h.step.length ? h.step[h.step.length - 1] : -1;
  if (frame.step + frame.discriminator_steps / 1e9 !== last) {
    h.step.push(frame.step + frame.discriminator_steps / 1e9);
    for (const k of ['d_loss', 'g_loss', 'd_real', 'd_fake']) h[k].push(frame.losses[k]);
    for (const k of ['js', 'w1', 'value', 'value_at_optimum']) h[k].push(frame[k]);
    if (h.step.length > MAX_POINTS) for (const k in h) h[k] = h[k].filter((_, i) => i % 2 === 0);
  }
  lab.frame = frame;
  lab.fresh = true;
}

function connect() {
  const source = new EventSource('/events');
  source.onmessage = (e) => receive(JSON.parse(e.data));
  source.onerror = () => message('connection to the lab lost; retrying…', 'info');
  source.onopen = () => { if ($('message').className === 'info') message('', ''); };
}

// ---- drawing

function colour(d) {
  // PRGn: D = 0 purple (fake), ½ white, 1 green (real).
  const t = Math.max(0, Math.min(1, d));
  const [a, b, s] = t < 0.5 ? [PURPLE, WHITE, t * 2] : [WHITE, GREEN, t * 2 - 1];
  return [0, 1, 2].map((i) => Math.round(a[i] + (b[i] - a[i]) * s));
}

const heatCanvas = document.createElement('canvas');

function draw2d(v) {
  const c = $('view2d'), g = c.getContext('2d'), size = c.width;
  const px = (x) => ((x + v.extent) / (2 * v.extent)) * size;
  const py = (y) => ((v.extent - y) / (2 * v.extent)) * size;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, size, size);
  if ($('show-heat').checked) {
    heatCanvas.width = heatCanvas.height = v.cells;
    const hg = heatCanvas.getContext('2d');
    const image = hg.createImageData(v.cells, v.cells);
    v.heat.forEach((d, i) => {
      const [r, gr, b] = d === null ? [200, 200, 200] : colour(d);
      image.data.set([r, gr, b, 255], i * 4);
    });
    hg.putImageData(image, 0, 0);
    g.imageSmoothingEnabled = true;
    g.drawImage(heatCanvas, 0, 0, size, size);
  }
  g.strokeStyle = 'rgba(0,0,0,0.15)';
  g.beginPath();
  g.moveTo(px(0), 0); g.lineTo(px(0), size); g.moveTo(0, py(0)); g.lineTo(size, py(0));
  g.stroke();
  if ($('show-manifold').checked && v.manifold_size > 0) {
    const m = v.manifold_size, p = v.manifold;
    g.strokeStyle = 'rgba(118,42,131,0.35)';
    g.lineWidth = 1;
    g.beginPath();
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        const a = p[i * m + j];
        if (j + 1 < m) { const b = p[i * m + j + 1]; g.moveTo(px(a[0]), py(a[1])); g.lineTo(px(b[0]), py(b[1])); }
        if (i + 1 < m) { const b = p[(i + 1) * m + j]; g.moveTo(px(a[0]), py(a[1])); g.lineTo(px(b[0]), py(b[1])); }
      }
    }
    g.stroke();
  }
  const dots = (points, fill) => {
    g.fillStyle = fill;
    for (const [x, y] of points) if (x !== null && y !== null) g.fillRect(px(x) - 1.5, py(y) - 1.5, 3, 3);
  };
  if ($('show-real').checked) dots(v.real, 'rgba(27,120,55,0.8)');
  if ($('show-fake').checked) dots(v.fake, 'rgba(118,42,131,0.85)');
  if ($('show-arrows').checked && v.arrows.length) {
    // The longest arrow is 10% of the view; the others to scale.
    const longest = Math.max(1e-12, ...v.arrows.map((a) => Math.hypot(a[2], a[3]) || 0));
    const scale = (0.2 * v.extent) / longest;
    g.strokeStyle = 'rgba(40,40,40,0.75)';
    g.lineWidth = 1;
    g.beginPath();
    for (const [x, y, dx, dy] of v.arrows) {
      if ([x, y, dx, dy].some((n) => n === null)) continue;
      const [x0, y0, x1, y1] = [px(x), py(y), px(x + dx * scale), py(y + dy * scale)];
      g.moveTo(x0, y0); g.lineTo(x1, y1);
      const angle = Math.atan2(y1 - y0, x1 - x0);
      for (const s of [-0.5, 0.5]) {
        g.moveTo(x1, y1);
        g.lineTo(x1 - 5 * Math.cos(angle + s), y1 - 5 * Math.sin(angle + s));
      }
    }
    g.stroke();
  }
  if ($('data').value === 'drawn' && lab.drawing) dots(lab.drawn, 'rgba(27,120,55,0.5)');
}

function finite(values) {
  return values.filter((x) => x !== null && Number.isFinite(x));
}

function draw1d(v) {
  const c = $('view1d'), g = c.getContext('2d'), W = c.width, H = c.height;
  const pad = 30, x0 = v.xs[0], x1 = v.xs[v.xs.length - 1];
  g.fillStyle = '#fff';
  g.fillRect(0, 0, W, H);
  const densities = finite(v.p_data.concat(v.p_g || []));
  const top = Math.max(1e-9, ...densities) * 1.1;
  const px = (x) => pad + ((x - x0) / (x1 - x0)) * (W - 2 * pad);
  const pyDensity = (p) => H - pad - (p / top) * (H - 2 * pad);
  const pyProbability = (p) => H - pad - p * (H - 2 * pad);
  g.strokeStyle = '#bbb';
  g.strokeRect(pad, pad, W - 2 * pad, H - 2 * pad);
  g.fillStyle = '#555';
  g.font = '11px sans-serif';
  for (let t = Math.ceil(x0); t <= x1; t++) g.fillText(String(t), px(t) - 3, H - pad + 13);
  g.fillText('1', W - pad + 4, pad + 4);
  g.fillText('½', W - pad + 4, pyProbability(0.5) + 4);
  g.setLineDash([2, 3]);
  g.beginPath(); g.moveTo(pad, pyProbability(0.5)); g.lineTo(W - pad, pyProbability(0.5)); g.stroke();
  const line = (ys, y, colour, dash) => {
    if (!ys) return;
    g.strokeStyle = colour; g.lineWidth = 2; g.setLineDash(dash);
    g.beginPath();
    ys.forEach((value, i) => { if (value !== null) g.lineTo(px(v.xs[i]), y(value)); });
    g.stroke();
  };
  line(v.p_data, pyDensity, '#1b7837', []);
  line(v.p_g, pyDensity, '#762a83', []);
  line(v.d, pyProbability, '#2166ac', []);
  line(v.d_star, pyProbability, '#e08214', [6, 4]);
  g.setLineDash([]);
  g.lineWidth = 1;
  const rug = (xs, colour, y) => {
    g.strokeStyle = colour; g.beginPath();
    for (const x of xs.slice(0, 300)) if (x !== null && x >= x0 && x <= x1) { g.moveTo(px(x), y); g.lineTo(px(x), y + 6); }
    g.stroke();
  };
  rug(v.real, 'rgba(27,120,55,0.4)', H - pad - 14);
  rug(v.fake, 'rgba(118,42,131,0.4)', H - pad - 7);
}

function chart(id, series, references) {
  const c = $(id), g = c.getContext('2d'), W = c.width, H = c.height, pad = 24;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, W, H);
  const xs = lab.history.step;
  const all = finite(series.flatMap((s) => s.values).concat(references.map((r) => r.y)));
  if (xs.length === 0 || all.length === 0) return;
  let [lo, hi] = [Math.min(...all), Math.max(...all)];
  if (hi - lo < 1e-9) { lo -= 0.5; hi += 0.5; }
  const [a, b] = [xs[0], Math.max(xs[xs.length - 1], xs[0] + 1)];
  const px = (x) => pad + ((x - a) / (b - a)) * (W - 2 * pad);
  const py = (y) => H - pad - ((y - lo) / (hi - lo)) * (H - 2 * pad);
  g.font = '10px sans-serif';
  g.fillStyle = '#666';
  g.fillText(hi.toPrecision(3), 2, pad - 4);
  g.fillText(lo.toPrecision(3), 2, H - pad + 12);
  g.fillText('step ' + Math.floor(b), W - 70, H - 6);
  for (const r of references) {
    g.strokeStyle = r.colour; g.setLineDash([4, 4]); g.lineWidth = 1;
    g.beginPath(); g.moveTo(pad, py(r.y)); g.lineTo(W - pad, py(r.y)); g.stroke();
  }
  g.setLineDash([]);
  let legend = pad;
  for (const s of series) {
    g.strokeStyle = s.colour; g.lineWidth = 1.5;
    g.beginPath();
    let pen = false;
    s.values.forEach((y, i) => {
      if (y === null || !Number.isFinite(y)) { pen = false; return; }
      if (pen) g.lineTo(px(xs[i]), py(y)); else g.moveTo(px(xs[i]), py(y));
      pen = true;
    });
    g.stroke();
    const last = finite(s.values).pop();
    const text = s.label + (last === undefined ? '' : ' ' + last.toFixed(3));
    g.fillStyle = s.colour;
    g.fillText(text, legend, 11);
    legend += g.measureText(text).width + 14;
  }
}

function drawFrame(f) {
  const two = f.view2d !== null;
  $('panel2d').hidden = !two;
  $('panel1d').hidden = two;
  if (two) draw2d(f.view2d); else draw1d(f.view1d);
  const h = lab.history;
  chart('losses', [
    { label: 'L_D', values: h.d_loss, colour: '#2166ac' },
    { label: 'L_G', values: h.g_loss, colour: '#762a83' },
  ], [{ y: f.equilibrium[0], colour: '#2166ac' }, { y: f.equilibrium[1], colour: '#762a83' }]
    .filter((r) => r.y !== null));
  chart('probs', [
    { label: 'mean D(x)', values: h.d_real, colour: '#1b7837' },
    { label: 'mean D(G(z))', values: h.d_fake, colour: '#762a83' },
  ], [{ y: 0.5, colour: '#888' }]);
  chart('divergences', [
    { label: 'JS (grid histograms)', values: h.js, colour: '#c51b7d' },
    { label: two ? 'sliced W₁' : 'W₁', values: h.w1, colour: '#e08214' },
  ], [{ y: Math.LN2, colour: '#c51b7d' }]);
  chart('values', [
    { label: 'V(G, D) = −L_D', values: h.value, colour: '#2166ac' },
    { label: '−log 4 + 2·JS', values: h.value_at_optimum, colour: '#c51b7d' },
  ], [{ y: -Math.log(4), colour: '#888' }]);
  $('w1-kind').textContent = f.w1_kind + '. JS in nats (ln 2 dashed). V(G, D*) = −log 4 + 2·JSD: a trained D sits below it.';
  $('step').textContent = String(f.step);
  $('d-steps').textContent = String(f.discriminator_steps);
  $('rate').textContent = f.steps_per_second.toFixed(0);
  $('play').textContent = f.playing ? '❚❚ pause' : '▶ play';
  $('play').classList.toggle('playing', f.playing);
  if (f.error) message(f.error + ' — change a setting or reset to go on.', 'error');
}

let secondStart = performance.now(), rafAtSecond = 0, drawnAtSecond = 0;
function animate(now) {
  lab.rafCount++;
  if (lab.fresh && lab.frame && lab.frame.view2d !== undefined) {
    lab.fresh = false;
    drawFrame(lab.frame);
    lab.framesDrawn++;
  }
  if (now - secondStart >= 1000) {
    const seconds = (now - secondStart) / 1000;
    lab.rafPerSecond = (lab.rafCount - rafAtSecond) / seconds;
    lab.drawnPerSecond = (lab.framesDrawn - drawnAtSecond) / seconds;
    [secondStart, rafAtSecond, drawnAtSecond] = [now, lab.rafCount, lab.framesDrawn];
    $('fps').textContent = lab.drawnPerSecond.toFixed(0);
  }
  requestAnimationFrame(animate);
}

async function start() {
  const response = await fetch('/api/options');
  lab.options = await response.json();
  fill($('objective'), lab.options.objectives);
  fill($('prior'), lab.options.priors);
  setFields(parseQuery(lab.options.defaults['2']));
  wireControls();
  connect();
  requestAnimationFrame(animate);
}

start();
