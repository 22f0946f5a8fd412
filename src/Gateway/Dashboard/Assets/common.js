// Helpers the dashboard's modules share.
export const $ = (selector) => document.querySelector(selector);

export async function api(path, init) {
  const response = await fetch(path, { credentials: 'same-origin', ...init });
  if (response.status === 401) { location.reload(); throw new Error('not logged in'); }
  return response;
}

export function status(selector, message, error = false) {
  const element = $(selector);
  element.textContent = message;
  element.classList.toggle('error', error);
}

export async function problem(response) {
  try {
    const body = await response.json();
    return `${response.status} ${body.title ?? ''}: ${body.detail ?? ''}`;
  } catch {
    return `${response.status} ${response.statusText}`;
  }
}

/** The <dt>/<dd> pairs of a definition list, from [name, value] pairs. */
export const definitions = (pairs) => pairs.flatMap(([name, value]) => [
  Object.assign(document.createElement('dt'), { textContent: name }), Object.assign(document.createElement('dd'), { textContent: String(value) })]);

export function formatBytes(bytes) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes, unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
