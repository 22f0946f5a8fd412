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
