// "Try a conversion": a pasted or dropped document converted by POST /convert with the formats and options chosen.
import { $, formatBytes, status } from './common.js';

export function setUpConversion() {
  const form = $('#convert');
  const input = $('#convert-input');
  const byExtension = { csv: 'text/csv', json: 'application/json', ndjson: 'application/x-ndjson', jsonl: 'application/x-ndjson', xml: 'application/xml' };
  const load = async (file) => {
    input.value = await file.text();
    const type = byExtension[file.name.split('.').pop()?.toLowerCase()];
    if (type) form.from.value = type;
    status('#convert-status', `Loaded ${file.name} (${formatBytes(file.size)}).`);
  };
  $('#convert-file').addEventListener('change', (event) => event.target.files[0] && load(event.target.files[0]));
  input.addEventListener('dragover', (event) => { event.preventDefault(); input.classList.add('dragging'); });
  input.addEventListener('dragleave', () => input.classList.remove('dragging'));
  input.addEventListener('drop', (event) => {
    event.preventDefault();
    input.classList.remove('dragging');
    if (event.dataTransfer.files[0]) load(event.dataTransfer.files[0]);
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const query = new URLSearchParams(form.more.value);
    if (form.delimiter.value) query.set('delimiter', form.delimiter.value);
    if (!form.header.checked) query.set('header', 'false');
    if (form.inferTypes.checked) query.set('inferTypes', 'true');
    if (form.pretty.checked) query.set('pretty', 'true');
    if (form.root.value) query.set('root', form.root.value);
    status('#convert-status', 'Converting…');
    const started = performance.now();
    const response = await fetch(`/convert?${query}`, {
      method: 'POST', headers: { 'Content-Type': form.from.value, Accept: form.to.value }, body: input.value,
    });
    const body = await response.text();
    if (response.ok) {
      const records = response.headers.get('Gateway-Record-Count');
      status('#convert-status', `${records ?? '?'} record(s) in ${(performance.now() - started).toFixed(0)} ms.`);
      $('#convert-output').textContent = body;
    } else {
      let message = `${response.status}`;
      try { const p = JSON.parse(body); message = `${response.status} ${p.title}: ${p.detail}`; } catch { /* not problem details */ }
      status('#convert-status', message, true);
      $('#convert-output').textContent = '';
    }
  });
}
