// The node panel beside the route map: the counters and the masked settings of the input, route or sink the admin
// clicked, with Pause / Resume for a sink and "Watch live tail" for a route. It is drawn again with each snapshot.
import { $, definitions, formatBytes, status } from './common.js';
import { setPaused } from './operate.js';
import { watch } from './tail.js';

let selected = null; // { kind, item }: the node shown, or null when the panel is closed

/** Opens the panel for `item` of `kind` ('input', 'route' or 'sink'); `view` is { map, snapshot, rates }. */
export function openPanel(kind, item, view) {
  selected = { kind, item };
  refreshPanel(view);
  $('#node-panel').hidden = false;
  $('#node-close').focus();
}

/** Draws the open panel, if any, from the latest map, snapshot and rates. */
export function refreshPanel({ map, snapshot, rates }) {
  if (!selected) return;
  const { kind } = selected;
  // Looked up again: after a reload the map carries the node's new settings (a removed node keeps its last ones).
  const item = map?.[`${kind}s`].find(n => n.id.toLowerCase() === selected.item.id.toLowerCase()) ?? selected.item;
  const overview = snapshot?.overview;
  const same = (id) => id.toLowerCase() === item.id.toLowerCase();
  const c = overview?.counters.find(x => x.kind === kind && same(x.id));
  const paused = snapshot?.pausedSinks.some(same) ?? false;
  const rate = (rates.get(`${kind}:${item.id}`) ?? 0).toFixed(1);
  $('#node-title').textContent = `${kind} ${item.id}`;
  const counters = kind === 'input' ? { received: c?.received, bytes: formatBytes(c?.bytes ?? 0) }
    : kind === 'route' ? {
      received: c?.received, converted: c?.converted, failed: c?.failed, 'dead-lettered': c?.deadLettered, 'msg/s': rate,
      input: item.input, steps: item.steps.join(' → ') || 'none', sinks: item.sinks.join(', '), 'dead letters to': item.deadLetter ?? 'the folder',
    }
    : {
      state: paused ? 'paused' : overview?.components.find(x => x.kind === 'sink' && same(x.id))?.state ?? 'Up',
      delivered: c?.delivered, retried: c?.retried, failed: c?.failed, 'dead-lettered': c?.deadLettered, bytes: formatBytes(c?.bytes ?? 0), 'msg/s': rate,
    };
  $('#node-counters').replaceChildren(...definitions(Object.entries(counters).map(([k, v]) => [k, v ?? 0])));
  $('#node-settings').replaceChildren(...definitions(Object.entries(item.settings)));
  // The buttons are made again only when they change, so that one keeps the focus across snapshots.
  const actions = $('#node-actions');
  if (actions.dataset.for !== `${kind}:${item.id}:${paused}`) {
    actions.dataset.for = `${kind}:${item.id}:${paused}`;
    const buttons = [];
    if (kind === 'sink') {
      buttons.push(button(paused ? 'Resume' : 'Pause', 'node-pause', async () => status('#node-status', await setPaused(item.id, !paused))));
    }
    if (kind === 'route') buttons.push(button('Watch live tail', 'node-tail', () => watch(item.id)));
    actions.replaceChildren(...buttons);
  }
}

export function setUpPanel() {
  $('#node-close').addEventListener('click', () => { selected = null; $('#node-panel').hidden = true; });
}

function button(textContent, testId, onClick) {
  const b = Object.assign(document.createElement('button'), { type: 'button', textContent });
  b.dataset.testid = testId;
  b.addEventListener('click', onClick);
  return b;
}
