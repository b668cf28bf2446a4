// What the host's pages inside the frame share (企业账号管理, 消息): the session's CSRF token, the
// status box and instants shown as local date and time. Not a page.

export const $ = (id) => document.getElementById(id);

/** Shows `text` in the page's `#message` box; `kind` is `ok`, `error` or `info`. */
export function show(text, kind) {
  const box = $('message');
  box.textContent = text;
  box.className = `message ${kind}`;
}

/** An ISO instant as `YYYY-MM-DD HH:MM` in the browser's time zone (the text itself if unreadable). */
export function when(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The session's CSRF token, or null after sending the whole window (not the frame) to log in. */
export async function csrfTokenOrLogin() {
  const res = await fetch('/api/session', { credentials: 'same-origin', cache: 'no-store' });
  if (res.status === 401) {
    window.top.location.replace('/login');
    return null;
  }
  return (await res.json()).csrfToken;
}
