// Tiny DOM helpers. Text is always set with textContent, never parsed as HTML.

/** Creates an element: el('td', {class: 'x', 'data-id': id}, 'text', childNode). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = value;
    else if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (value === true) node.setAttribute(name, '');
    else node.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Shorthand for document.getElementById. */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`console markup has no #${id}`);
  return node;
}

/** Replaces all children. */
export function replaceChildren(node, ...children) {
  node.replaceChildren(...children);
}
