// The route map: the running configuration drawn as SVG (inputs left, each route's converter steps in the middle,
// sinks right), with rates and queue depths on the edges and health as colour. draw() lays it out from
// GET /admin/api/map; update() writes the counters of each server-sent snapshot into it without redrawing.
const SVG = 'http://www.w3.org/2000/svg';
const ROW = 64;       // px per route
const NODE_H = 36;
const PAD = 12;
// Room kept for an edge's label at 11 px: "999.9/s" from an input, "999.9/s · q 99999" to a sink. Labels are placed
// once, at draw time, and must not run into each other when their numbers grow.
const RATE_W = 48;
const QUEUE_W = 104;
const LABEL_H = 16;

const el = (name, attributes = {}, children = []) => {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  node.append(...children);
  return node;
};
const label = (x, y, value, className) => el('text', { x, y, class: className ?? '' }, [document.createTextNode(value)]);
const short = (value, chars) => value.length > chars ? `${value.slice(0, chars - 1)}…` : value;
const overlaps = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * Where an edge's label goes: the first point along the edge's curve, from its middle outwards, where the label's box
 * meets no node and no label placed before; failing that, the middle moved up or down by a line at a time. Two routes
 * that share a sink have edges that meet at the sink, so their labels at the middles of the curves could cover each
 * other.
 */
function labelPlace(x1, y1, x2, y2, width, taken) {
  const mid = (x1 + x2) / 2;
  const at = (t) => {
    const u = 1 - t; // the cubic Bézier of the edge's path: (x1,y1) (mid,y1) (mid,y2) (x2,y2)
    return { x: u * u * u * x1 + 3 * u * t * mid + t * t * t * x2, y: (u * u * u + 3 * u * u * t) * y1 + (3 * u * t * t + t * t * t) * y2 };
  };
  const points = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8].map(at);
  for (const shift of [0, -1, 1, -2, 2, -3, 3, -4, 4]) {
    for (const p of shift === 0 ? points : [points[0]]) {
      const baseline = p.y - 4 + shift * LABEL_H;
      const box = { x: p.x - width / 2, y: baseline - LABEL_H + 4, w: width, h: LABEL_H };
      if (!taken.some(t => overlaps(t, box))) {
        taken.push(box);
        return { x: p.x, y: baseline };
      }
    }
  }
  return { x: mid, y: (y1 + y2) / 2 - 4 }; // a map too crowded for that: the middle
}

/**
 * Draws `map` into `svg`; `onSelect(kind, node)` runs when a node is clicked or chosen with Enter or Space.
 * Returns the elements update() fills in, by key.
 */
export function draw(svg, map, onSelect) {
  const width = Math.max(560, svg.clientWidth || svg.parentElement.clientWidth || 900);
  const rows = Math.max(map.routes.length, map.inputs.length, map.sinks.length, 1);
  const height = rows * ROW + PAD * 2;
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('height', height);
  const column = Math.min(190, Math.floor(width * 0.2));
  const left = PAD, right = width - PAD - column;
  // Between the routes and the sinks there is room for a label with a queue; between the inputs and the routes,
  // for a rate.
  const middle = { x: left + column + RATE_W + 24, width: right - left - column - RATE_W - QUEUE_W - 48 };
  const parts = { edges: el('g', { class: 'edges' }), nodes: el('g', { class: 'nodes' }) };
  const slots = new Map();
  const taken = []; // the boxes of nodes and edge labels, which labels keep clear of
  const edges = []; // drawn once every node is placed

  const routeY = new Map(map.routes.map((route, i) => [route.id.toLowerCase(), PAD + i * ROW + (ROW - NODE_H) / 2]));
  const place = (items, usedBy) => {
    // An input or sink sits beside the routes that use it (their mean), or below the others when none does.
    const used = new Set();
    return new Map(items.map((item, i) => {
      const ys = map.routes.filter(r => usedBy(r, item)).map(r => routeY.get(r.id.toLowerCase()));
      let y = ys.length ? ys.reduce((a, b) => a + b, 0) / ys.length : PAD + i * ROW + (ROW - NODE_H) / 2;
      while ([...used].some(t => Math.abs(t - y) < NODE_H + 6)) y += NODE_H + 8;
      used.add(y);
      return [item.id.toLowerCase(), y];
    }));
  };
  const inputY = place(map.inputs, (r, i) => r.input.toLowerCase() === i.id.toLowerCase());
  const sinkY = place(map.sinks, (r, s) => r.sinks.some(id => id.toLowerCase() === s.id.toLowerCase()));
  const bottom = Math.max(height, ...[...inputY.values(), ...sinkY.values()].map(y => y + NODE_H + PAD));
  svg.setAttribute('viewBox', `0 0 ${width} ${bottom}`);
  svg.setAttribute('height', bottom);

  const node = (kind, item, x, y, w, title, subtitle) => {
    const group = el('g', {
      class: `node ${kind}`, tabindex: '0', role: 'button', 'data-testid': `map-${kind}-${item.id}`,
      'aria-label': `${kind} ${item.id}: ${subtitle}. Show settings and counters.`,
    }, [
      el('rect', { x, y, width: w, height: NODE_H, rx: 6 }),
      label(x + 8, y + 15, short(title, Math.floor(w / 7.5)), 'title'),
      label(x + 8, y + 29, short(subtitle, Math.floor(w / 6.5)), 'sub'),
    ]);
    const choose = () => onSelect(kind, item);
    group.addEventListener('click', choose);
    group.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); choose(); }
    });
    parts.nodes.append(group);
    taken.push({ x, y, w, h: NODE_H });
    slots.set(`${kind}:${item.id.toLowerCase()}`, { group, sub: group.querySelector('.sub'), subtitle });
    return group;
  };
  const edge = (key, x1, y1, x2, y2, labelWidth) => {
    const mid = (x1 + x2) / 2;
    const path = el('path', { d: `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`, class: 'edge' });
    const at = labelPlace(x1, y1, x2, y2, labelWidth, taken);
    const text = label(at.x, at.y, '', 'rate');
    text.setAttribute('text-anchor', 'middle');
    text.dataset.testid = `map-edge-${key}`;
    parts.edges.append(path, text);
    slots.set(`edge:${key}`, { path, text });
  };

  for (const input of map.inputs) {
    node('input', input, left, inputY.get(input.id.toLowerCase()), column, input.id, `${input.type}${input.format ? ` · ${input.format}` : ''}`);
  }
  for (const sink of map.sinks) {
    node('sink', sink, right, sinkY.get(sink.id.toLowerCase()), column, sink.id, `${sink.type} · ${sink.format}`);
  }
  for (const route of map.routes) {
    const y = routeY.get(route.id.toLowerCase());
    const boxes = [route.id, ...route.steps];
    const gap = 10;
    const w = Math.max(60, Math.min(150, (middle.width - gap * (boxes.length - 1)) / boxes.length));
    const steps = route.steps.length ? route.steps.join(' → ') : 'no converters';
    node('route', route, middle.x, y, w, route.id, steps);
    route.steps.forEach((step, i) => {
      const x = middle.x + (i + 1) * (w + gap);
      parts.nodes.append(el('g', { class: 'node step', 'aria-hidden': 'true' }, [
        el('rect', { x, y: y + 4, width: w, height: NODE_H - 8, rx: 4 }), label(x + 6, y + 22, short(`${i}: ${step}`, Math.floor(w / 7)), 'sub'),
      ]));
      taken.push({ x, y, w, h: NODE_H });
      parts.edges.append(el('path', { d: `M${x - gap},${y + NODE_H / 2} L${x},${y + NODE_H / 2}`, class: 'edge step' }));
    });
    const end = middle.x + boxes.length * (w + gap) - gap;
    const iy = inputY.get(route.input.toLowerCase());
    if (iy !== undefined) edges.push([`${route.input}-${route.id}`, left + column, iy + NODE_H / 2, middle.x, y + NODE_H / 2, RATE_W]);
    for (const sink of route.sinks) {
      const sy = sinkY.get(sink.toLowerCase());
      if (sy !== undefined) edges.push([`${route.id}-${sink}`, end, y + NODE_H / 2, right, sy + NODE_H / 2, QUEUE_W]);
    }
  }
  for (const args of edges) edge(...args);
  svg.replaceChildren(el('title', {}, [document.createTextNode('Route map: inputs, routes with their converter steps, sinks')]), parts.edges, parts.nodes);
  return slots;
}

/** Writes one snapshot's rates, queues, dead letters and health into the drawn map. */
export function update(slots, map, snapshot, rates) {
  const { overview } = snapshot;
  const counter = (kind, id) => overview.counters.find(c => c.kind === kind && c.id.toLowerCase() === id.toLowerCase());
  const component = (kind, id) => overview.components.find(c => c.kind === kind && c.id.toLowerCase() === id.toLowerCase());
  const queue = (route, sink) => overview.queues.find(q => q.route.toLowerCase() === route.toLowerCase() && (q.sink ?? '').toLowerCase() === (sink ?? '').toLowerCase())?.depth ?? 0;
  const paused = new Set(snapshot.pausedSinks.map(s => s.toLowerCase()));
  const health = (slot, state) => {
    slot.group.classList.remove('Up', 'Degraded', 'Down', 'Starting', 'Paused');
    slot.group.classList.add(state);
  };

  for (const input of map.inputs) {
    const slot = slots.get(`input:${input.id.toLowerCase()}`);
    health(slot, component('input', input.id)?.state ?? 'Up');
  }
  for (const route of map.routes) {
    const slot = slots.get(`route:${route.id.toLowerCase()}`);
    const c = counter('route', route.id);
    const dead = c?.deadLettered ?? 0;
    slot.sub.textContent = `${slot.subtitle}${dead ? ` · ${dead} dead` : ''}`;
    health(slot, (rates.get(`failed:${route.id}`) ?? 0) > 0 ? 'Degraded' : 'Up');
    const edge = slots.get(`edge:${route.input}-${route.id}`);
    if (edge) setEdge(edge, rates.get(`route:${route.id}`) ?? 0, null);
    for (const sink of route.sinks) {
      const out = slots.get(`edge:${route.id}-${sink}`);
      if (out) setEdge(out, rates.get(`sink:${sink}`) ?? 0, queue(route.id, sink));
    }
  }
  for (const sink of map.sinks) {
    const slot = slots.get(`sink:${sink.id.toLowerCase()}`);
    const c = counter('sink', sink.id);
    const dead = c?.deadLettered ?? 0;
    const isPaused = paused.has(sink.id.toLowerCase());
    slot.sub.textContent = `${isPaused ? 'paused · ' : ''}${slot.subtitle}${dead ? ` · ${dead} dead` : ''}`;
    health(slot, isPaused ? 'Paused' : component('sink', sink.id)?.state ?? 'Up');
  }
}

function setEdge(edge, rate, depth) {
  edge.text.textContent = `${rate.toFixed(1)}/s${depth === null ? '' : ` · q ${depth}`}`;
  edge.path.setAttribute('stroke-width', (1.5 + Math.min(5, Math.log10(1 + rate) * 2)).toFixed(1));
  edge.path.classList.toggle('active', rate > 0);
  edge.path.classList.toggle('backlog', (depth ?? 0) > 0);
}
