// Gateway dashboard: one server-sent event stream (GET /admin/api/events) carries every counter; the page keeps two
// minutes of rates per route and sink, draws the route map, and converts documents with POST /convert. Plain ES
// modules, no dependencies: the gateway serves them itself.
import { $, api, definitions, formatBytes, problem, status } from './common.js';
import { setUpConversion } from './convert.js';
import { draw, update } from './map.js';
import { renderReload, setUpOperate } from './operate.js';
import { openPanel, refreshPanel, setUpPanel } from './panel.js';
import { setUpTail } from './tail.js';

const HISTORY = 120; // points: two minutes at one snapshot a second

const history = new Map(); // "route:id" / "sink:id" -> rates
const rates = new Map();   // "route:id" / "sink:id" / "failed:id" -> the last rate
let previous = null;
let map = null, slots = null, generation = -1, lastSnapshot = null;
let failuresSeen = -1, deadSeen = -1;
const number = new Intl.NumberFormat();
const text = (value) => document.createTextNode(value ?? '');

function cell(content, className) {
  const td = document.createElement('td');
  if (className) td.className = className;
  td.append(content instanceof Node ? content : text(String(content)));
  return td;
}

function row(cells, testId) {
  const tr = document.createElement('tr');
  if (testId) tr.dataset.testid = testId;
  tr.append(...cells);
  return tr;
}

function spark(values) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('class', 'spark');
  // The points there are span the whole width: drawn at their place in the full history, the first minute's few
  // points made a line a few pixels wide at the right edge.
  const span = Math.max(1, values.length - 1);
  svg.setAttribute('viewBox', `0 0 ${span} 24`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('role', 'img');
  const max = Math.max(1, ...values);
  svg.setAttribute('aria-label', `peak ${max.toFixed(1)} msg/s`);
  const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
  line.setAttribute('points', values.map((v, i) => `${i},${(23 - (v / max) * 22).toFixed(1)}`).join(' '));
  svg.append(line);
  return svg;
}

function state(name) {
  const span = document.createElement('span');
  span.className = `state ${name}`;
  span.textContent = name;
  return span;
}

function rate(key, total, seconds) {
  const values = history.get(key) ?? [];
  const before = previous?.totals.get(key);
  if (before !== undefined && seconds > 0) {
    values.push(Math.max(0, (total - before) / seconds));
    if (values.length > HISTORY) values.shift();
  }
  history.set(key, values);
  rates.set(key, values.at(-1) ?? 0);
  return values;
}

function connect() {
  const events = new EventSource('/admin/api/events');
  events.addEventListener('snapshot', (event) => onSnapshot(JSON.parse(event.data)).catch(error => {
    $('#poll-state').textContent = `cannot show the snapshot: ${error.message}`;
  }));
  events.addEventListener('error', async () => {
    $('#poll-state').textContent = 'reconnecting to the gateway…';
    await api('/admin/api/reload').catch(() => {}); // a 401 means the session ended: back to the login page
  });
}

async function onSnapshot(snapshot) {
  lastSnapshot = snapshot;
  const { overview } = snapshot;
  render(overview);
  $('#poll-state').textContent = `live, updated ${new Date(overview.time).toLocaleTimeString()}`;
  if (snapshot.generation !== generation || !map) {
    map = await (await api('/admin/api/map')).json();
    generation = snapshot.generation;
    slots = draw($('#map'), map, select);
    setRoutes(map.routes.map(r => r.id));
  }
  update(slots, map, snapshot, rates);
  renderReload(snapshot.lastReload, snapshot.generation);
  refreshPanel(view());
  if (overview.failuresTotal !== failuresSeen) {
    failuresSeen = overview.failuresTotal;
    renderErrors(await (await api('/admin/api/failures')).json());
  }
  const dead = overview.counters.reduce((sum, c) => sum + c.deadLettered, 0);
  if (dead !== deadSeen) {
    deadSeen = dead;
    await loadDeadLetters();
  }
}

const view = () => ({ map, snapshot: lastSnapshot, rates });
const select = (kind, item) => openPanel(kind, item, view());

function render(overview) {
  const time = Date.parse(overview.time);
  const seconds = previous ? (time - previous.time) / 1000 : 0;
  const totals = new Map();
  const depth = (route, sink) => overview.queues.filter(q => (route === null || q.route === route) && q.sink === sink).reduce((s, q) => s + q.depth, 0);
  const sinkDepth = (sink) => overview.queues.filter(q => q.sink === sink).reduce((s, q) => s + q.depth, 0);
  const component = (kind, id) => overview.components.find(c => c.kind === kind && c.id === id);
  $('#uptime').textContent = `up ${formatDuration(overview.uptimeSeconds)} · ${number.format(overview.failuresTotal)} failure(s) since start`;

  const routes = [], sinks = [], inputs = [];
  for (const c of overview.counters) {
    const key = `${c.kind}:${c.id}`;
    if (c.kind === 'route') {
      totals.set(key, c.received);
      const failedBefore = previous?.totals.get(`failed:${c.id}`);
      totals.set(`failed:${c.id}`, c.failed + c.deadLettered);
      rates.set(`failed:${c.id}`, failedBefore === undefined ? 0 : c.failed + c.deadLettered - failedBefore);
      const values = rate(key, c.received, seconds);
      routes.push(row([cell(c.id), cell(number.format(c.received)), cell(number.format(c.converted)), cell(number.format(c.failed)),
        cell(number.format(c.deadLettered)), cell(depth(c.id, null)), cell((values.at(-1) ?? 0).toFixed(1)), cell(spark(values))], `route-${c.id}`));
    } else if (c.kind === 'sink') {
      totals.set(key, c.delivered);
      const values = rate(key, c.delivered, seconds);
      const health = component('sink', c.id);
      sinks.push(row([cell(c.id), cell(state(health?.state ?? 'Up')), cell(number.format(c.delivered)), cell(number.format(c.retried)),
        cell(number.format(c.failed)), cell(number.format(c.deadLettered)), cell(formatBytes(c.bytes)), cell(sinkDepth(c.id)),
        cell((values.at(-1) ?? 0).toFixed(1)), cell(spark(values))], `sink-${c.id}`));
    } else {
      totals.set(key, c.received);
      const values = rate(key, c.received, seconds);
      const health = component('input', c.id);
      inputs.push(row([cell(c.id), cell(health?.type ?? ''), cell(state(health?.state ?? 'Up')), cell(number.format(c.received)),
        cell(formatBytes(c.bytes)), cell((values.at(-1) ?? 0).toFixed(1)), cell(health?.detail ?? '', 'text')], `input-${c.id}`));
    }
  }
  for (const c of overview.components) {
    // Components that have not counted anything yet still show up.
    if (!totals.has(`${c.kind}:${c.id}`) && c.kind === 'input') {
      inputs.push(row([cell(c.id), cell(c.type), cell(state(c.state)), cell(0), cell('0 B'), cell('0.0'), cell(c.detail ?? '', 'text')], `input-${c.id}`));
    }
  }
  replace('[data-testid=routes] tbody', routes, 8, 'No routes have received anything yet.');
  replace('[data-testid=sinks] tbody', sinks, 10, 'No sink has been used yet.');
  replace('[data-testid=inputs] tbody', inputs, 7, 'No inputs.');
  previous = { time, totals };
}

function replace(selector, rows, columns, empty) {
  const body = $(selector);
  if (rows.length === 0) {
    const td = cell(empty, 'empty');
    td.colSpan = columns;
    rows = [row([td])];
  }
  body.replaceChildren(...rows);
}

function renderErrors(failures) {
  const list = $('#errors');
  if (failures.length === 0) {
    list.replaceChildren(Object.assign(document.createElement('li'), { className: 'empty', textContent: 'No errors.' }));
    return;
  }
  list.replaceChildren(...failures.map(f => {
    const li = document.createElement('li');
    li.dataset.testid = 'error';
    const when = Object.assign(document.createElement('span'), { className: 'when', textContent: new Date(f.at).toLocaleTimeString() });
    const where = f.sink ? `route ${f.route} → sink ${f.sink}` : `route ${f.route}`;
    li.append(when, text(`${where} (${f.stage}), input ${f.input}, message ${f.messageId}: ${f.error}`));
    return li;
  }));
}

async function loadDeadLetters() {
  const letters = await (await api('/admin/api/dead-letters?limit=50')).json();
  const rows = letters.map(letter => {
    const actions = document.createElement('td');
    for (const [label, action] of [['Inspect', inspect], ['Re-drive', redrive], ['Delete', remove]]) {
      const button = Object.assign(document.createElement('button'), { type: 'button', textContent: label });
      button.dataset.testid = `${label.toLowerCase()}-${letter.name}`;
      button.setAttribute('aria-label', `${label} ${letter.name}`);
      button.addEventListener('click', () => action(letter));
      actions.append(button, text(' '));
    }
    return row([cell(letter.failedAt ? new Date(letter.failedAt).toLocaleString() : ''), cell(letter.route),
      cell(letter.sink ? `${letter.stage} (${letter.sink})` : letter.stage), cell(letter.error, 'text'), actions], `dead-${letter.name}`);
  });
  replace('[data-testid=dead-letters] tbody', rows, 5, 'The dead-letter folder is empty.');
}

async function inspect(letter) {
  const response = await api(`/admin/api/dead-letters/${encodeURIComponent(letter.name)}`);
  if (!response.ok) return status('#dead-status', await problem(response), true);
  const detail = await response.json();
  $('#dead-name').textContent = detail.entry.name;
  $('#dead-meta').replaceChildren(...definitions(Object.entries({ id: detail.entry.id, input: detail.entry.input, route: detail.entry.route,
    sink: detail.entry.sink ?? '-', stage: detail.entry.stage, error: detail.entry.error, format: detail.entry.format,
    received: detail.entry.receivedAt, failed: detail.entry.failedAt, ...detail.entry.metadata })));
  $('#dead-body').textContent = detail.body + (detail.truncated ? '\n… (cut)' : '');
  $('#dead-detail').hidden = false;
}

async function redrive(letter) {
  const response = await api(`/admin/api/dead-letters/${encodeURIComponent(letter.name)}/redrive`, { method: 'POST' });
  if (response.ok) {
    const result = await response.json();
    status('#dead-status', `Re-drove message ${result.id} into route ${result.route}${result.sink ? ` (sink ${result.sink})` : ''}.`);
  } else {
    status('#dead-status', await problem(response), true);
  }
  $('#dead-detail').hidden = true;
  await loadDeadLetters();
}

async function remove(letter) {
  const response = await api(`/admin/api/dead-letters/${encodeURIComponent(letter.name)}`, { method: 'DELETE' });
  status('#dead-status', response.ok ? `Deleted ${letter.name}.` : await problem(response), !response.ok);
  $('#dead-detail').hidden = true;
  await loadDeadLetters();
}

function formatDuration(seconds) {
  const s = Math.floor(seconds);
  const d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
  return d > 0 ? `${d}d ${h}h` : h > 0 ? `${h}h ${m}m` : m > 0 ? `${m}m ${s % 60}s` : `${s}s`;
}

const setRoutes = setUpTail();
setUpConversion();
setUpOperate(loadDeadLetters);
setUpPanel();
window.addEventListener('resize', () => { if (map) { slots = draw($('#map'), map, select); if (lastSnapshot) update(slots, map, lastSnapshot, rates); } });
await loadDeadLetters();
connect();
