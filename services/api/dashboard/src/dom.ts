/** Small DOM helpers: text is always set as text, never parsed as HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  node.append(...children);
  return node;
}

/** What a view shows when there is nothing to show, or the API said no: a sentence, never a stack trace. */
export function emptyState(parent: HTMLElement, message: string): void {
  parent.append(el("p", { class: "empty", role: "status" }, message));
}

/** For the few places a library takes HTML (chart tooltips). */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
