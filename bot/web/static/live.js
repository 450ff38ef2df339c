// Live updates for Guichet's pages: listen to the page's server-sent events and refresh the
// marked regions of the document from a server-rendered fragment. No framework, no build step.
//
// A region is an element with data-region="name"; its children may carry data-key="..." so
// only the children whose HTML changed are replaced (an open menu or a focused field elsewhere
// in the region stays as it is). Fragments come from the page's own origin and are parsed
// with DOMParser: scripts in them never run (and the CSP forbids inline scripts anyway).

/** Call `onChange(version)` whenever the server says something changed. */
export function listen(url, onChange) {
  const source = new EventSource(url);
  source.addEventListener("change", (event) => onChange(Number(event.data)));
  // After a reconnection the page may have missed changes: refresh once.
  source.addEventListener("hello", (event) => onChange(Number(event.data)));
  return source;
}

/** The CSRF token the page put in <meta name="csrf-token">. */
export function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.content : "";
}

/** POST a form (or FormData) with the CSRF token; resolves to the Response. */
export async function post(url, data) {
  const body = data instanceof FormData ? data : new FormData(data);
  return fetch(url, {
    method: "POST",
    body,
    headers: { "X-CSRF-Token": csrfToken(), Accept: "application/json" },
    credentials: "same-origin",
  });
}

let refreshing = null;
let again = false;

/** Fetch `url` and reconcile every region it holds into the document. Overlapping calls
 * collapse: at most one fetch runs, followed by one more if changes came in meanwhile. */
export async function refresh(url, { onUpdated } = {}) {
  if (refreshing) {
    again = true;
    return refreshing;
  }
  refreshing = (async () => {
    do {
      again = false;
      const response = await fetch(url, { credentials: "same-origin" });
      if (!response.ok) break;
      const html = await response.text();
      const fragment = new DOMParser().parseFromString(html, "text/html");
      const changed = [];
      for (const incoming of fragment.querySelectorAll("[data-region]")) {
        const name = incoming.dataset.region;
        const current = document.querySelector(`[data-region="${CSS.escape(name)}"]`);
        if (current && reconcile(current, incoming)) changed.push(current);
      }
      if (onUpdated && changed.length) onUpdated(changed);
    } while (again);
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

// The HTML each element was last rendered from: what the viewer did to it since (a menu
// opened, a dialog shown) does not count as a change to undo.
const rendered = new WeakMap();

function renderedHtml(node, inner) {
  return rendered.get(node) ?? (inner ? node.innerHTML : node.outerHTML);
}

/** Make `current`'s children match `incoming`'s; true when anything changed. */
export function reconcile(current, incoming) {
  for (const name of ["class", "hidden", "data-state"]) {
    if (incoming.getAttribute(name) !== current.getAttribute(name)) {
      if (incoming.hasAttribute(name)) current.setAttribute(name, incoming.getAttribute(name));
      else current.removeAttribute(name);
    }
  }
  const children = [...incoming.children];
  if (!children.length || !children.every((child) => child.dataset.key)) {
    if (renderedHtml(current, true) === incoming.innerHTML) return false;
    current.replaceChildren(...[...incoming.childNodes].map((n) => document.importNode(n, true)));
    rendered.set(current, incoming.innerHTML);
    return true;
  }
  rendered.delete(current);
  let changed = false;
  const existing = new Map([...current.children].map((child) => [child.dataset.key, child]));
  children.forEach((child, index) => {
    let node = existing.get(child.dataset.key);
    existing.delete(child.dataset.key);
    const html = child.outerHTML;
    if (!node || renderedHtml(node, false) !== html) {
      if (node) node.remove();
      node = document.importNode(child, true);
      rendered.set(node, html);
      changed = true;
    }
    const at = current.children[index] ?? null;
    if (node !== at) {
      current.insertBefore(node, at);
      changed = true;
    }
  });
  for (const stale of existing.values()) {
    stale.remove();
    changed = true;
  }
  return changed;
}
