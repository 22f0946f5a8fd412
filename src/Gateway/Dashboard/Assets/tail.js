// The live tail: watches one route through GET /admin/api/routes/{id}/tail (server-sent events) while the admin
// asks for it, and shows each sampled message as received, after each converter step and as encoded for each sink.
import { definitions } from './common.js';

const KEPT = 60; // samples on the page
let source = null;

const stageName = (s) => s.stage === 'step' ? `after step ${s.step} (${s.name})`
  : s.stage === 'encoded' ? `encoded for ${s.name}` : s.stage;

export function setUpTail() {
  const select = document.querySelector('#tail-route');
  const button = document.querySelector('#tail-toggle');
  const status = document.querySelector('#tail-status');
  const list = document.querySelector('#tail-samples');
  const stop = (message) => {
    source?.close();
    source = null;
    button.textContent = 'Start';
    button.setAttribute('aria-pressed', 'false');
    status.textContent = message;
  };
  button.addEventListener('click', () => {
    if (source) return stop('Stopped.');
    const route = select.value;
    if (!route) return;
    list.replaceChildren();
    source = new EventSource(`/admin/api/routes/${encodeURIComponent(route)}/tail`);
    button.textContent = 'Stop';
    button.setAttribute('aria-pressed', 'true');
    status.textContent = `Watching route ${route}: up to 5 messages a second, bodies cut at 4 KiB. Waiting for messages…`;
    source.addEventListener('sample', (event) => {
      const sample = JSON.parse(event.data);
      if (sample.stage === 'watching') return;
      status.textContent = `Watching route ${route}.`;
      list.prepend(render(sample));
      while (list.children.length > KEPT) list.lastElementChild.remove();
    });
    source.addEventListener('error', () => stop('The tail closed (too many tails open, the route is gone, or the gateway stopped).'));
  });
  return (names) => {
    const current = select.value;
    select.replaceChildren(...names.map(name => Object.assign(document.createElement('option'), { value: name, textContent: name })));
    if (names.includes(current)) select.value = current;
  };
}

/** Starts watching `route` (the map's route panel offers it). */
export function watch(route) {
  const select = document.querySelector('#tail-route');
  select.value = route;
  if (source) document.querySelector('#tail-toggle').click();
  document.querySelector('#tail-toggle').click();
  document.querySelector('#tail-title').scrollIntoView({ block: 'start' });
}

function render(sample) {
  const li = document.createElement('li');
  li.dataset.testid = 'tail-sample';
  li.dataset.stage = sample.stage;
  const head = document.createElement('p');
  head.className = 'sample-head';
  const stage = Object.assign(document.createElement('strong'), { textContent: stageName(sample) });
  head.append(stage, document.createTextNode(` · ${new Date(sample.at).toLocaleTimeString()} · message ${sample.messageId.slice(-12)} · ${sample.format}, ${sample.bytes} B${sample.truncated ? ' (cut)' : ''}`));
  li.append(head);
  if (sample.error) li.append(Object.assign(document.createElement('p'), { className: 'error', textContent: sample.error }));
  li.append(Object.assign(document.createElement('pre'), { textContent: sample.body }));
  const entries = Object.entries(sample.metadata ?? {});
  if (entries.length) {
    const details = document.createElement('details');
    details.append(Object.assign(document.createElement('summary'), { textContent: `metadata (${entries.length})` }));
    const dl = document.createElement('dl');
    dl.append(...definitions(entries));
    details.append(dl);
    li.append(details);
  }
  return li;
}
