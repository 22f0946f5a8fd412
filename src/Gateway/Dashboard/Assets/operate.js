// Operating from the page: the last reload and "Reload now", pausing and resuming sinks, bulk dead-letter actions.
import { api, problem, status } from './common.js';

export function renderReload(last, generation) {
  const box = document.querySelector('#reload-status');
  if (!last) {
    box.textContent = 'No reload since start.';
    box.className = '';
    return;
  }
  box.className = last.applied ? 'ok' : 'error';
  const when = new Date(last.at).toLocaleString();
  const what = last.applied ? `applied (${last.trigger}${changes(last.changes)})` : `rejected (${last.trigger}): the running configuration stayed`;
  const head = document.createElement('p');
  head.textContent = `Last reload ${when}: ${what}. Configuration generation ${generation}.`;
  const problems = document.createElement('ul');
  for (const p of last.problems) problems.append(Object.assign(document.createElement('li'), { textContent: p }));
  box.replaceChildren(head, ...(last.problems.length ? [problems] : []));
}

function changes(c) {
  if (!c) return '';
  const parts = [['routes added', c.routesAdded], ['routes changed', c.routesChanged], ['routes removed', c.routesRemoved],
    ['sinks added', c.sinksAdded], ['sinks changed', c.sinksChanged], ['sinks removed', c.sinksRemoved]]
    .filter(([, ids]) => ids.length).map(([name, ids]) => `${name}: ${ids.join(', ')}`);
  return parts.length ? `; ${parts.join('; ')}` : '; nothing changed';
}

export function setUpOperate(afterDeadLetters) {
  document.querySelector('#reload-run').addEventListener('click', async () => {
    status('#reload-result', 'Reloading…');
    const response = await api('/admin/api/reload', { method: 'POST' });
    status('#reload-result', response.ok ? 'Reloaded.' : await problem(response), !response.ok);
  });
  const form = document.querySelector('#dead-bulk');
  const run = async (method, path, verb) => {
    const query = new URLSearchParams();
    for (const name of ['route', 'sink', 'error']) if (form[name].value) query.set(name, form[name].value);
    const response = await api(`${path}?${query}`, { method });
    if (response.ok) {
      const r = await response.json();
      status('#dead-status', `${r.matched} matched; ${r.done} ${verb}${r.kept ? `, ${r.kept} kept (${r.errors.join(' ')})` : ''}${r.remaining ? `, ${r.remaining} left for another run` : ''}.`, r.kept > 0);
    } else {
      status('#dead-status', await problem(response), true);
    }
    await afterDeadLetters();
  };
  form.addEventListener('submit', (event) => { event.preventDefault(); run('POST', '/admin/api/dead-letters/redrive', 're-driven'); });
  document.querySelector('#dead-bulk-delete').addEventListener('click', () => run('DELETE', '/admin/api/dead-letters', 'deleted'));
}

/** Pauses or resumes `sink`; returns the message to show. */
export async function setPaused(sink, paused) {
  const response = await api(`/admin/api/sinks/${encodeURIComponent(sink)}/${paused ? 'pause' : 'resume'}`, { method: 'POST' });
  if (!response.ok) return problem(response);
  const state = await response.json();
  return `Sink ${state.sink} ${state.paused ? 'paused' : 'resumed'}; ${state.waiting} message(s) waiting.`;
}
