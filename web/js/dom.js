// @ts-check
/* DOM helpers: text is always set as text, never parsed as HTML. */

/** @typedef {Node | string | null | undefined | false | readonly any[]} Child nested lists are flattened */
/** @typedef {Record<string, unknown>} Attrs */

/**
 * An element with attributes ("on…" are listeners, "class", "text") and children (lists flattened, empty
 * slots dropped).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attrs | null} [attrs]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), /** @type {EventListener} */ (v));
    else if (k === "class") el.className = String(v);
    else if (k === "text") el.textContent = String(v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  el.append(...present(children));
  return el;
}

/** @param {Child[]} kids @returns {(Node | string)[]} */
function present(kids) {
  return /** @type {(Node | string)[]} */ (
    kids.flat(Infinity).filter((k) => k !== null && k !== undefined && k !== false && k !== "")
  );
}

/**
 * The first element matching sel (the caller knows it exists).
 * @template {Element} [E=HTMLElement]
 * @param {string} sel
 * @param {ParentNode} [root]
 * @returns {E}
 */
export function $(sel, root = document) {
  return /** @type {E} */ (root.querySelector(sel));
}

/** replaceChildren that flattens lists and drops empty slots (replaceChildren would print "null"). */
export function fill(/** @type {Element} */ el, /** @type {Child[]} */ ...kids) {
  el.replaceChildren(...present(kids));
}

/** Say text to screen readers through the page's polite live region. @param {string} text */
export function announce(text) {
  const live = $("#live");
  live.textContent = "";
  // A fresh text node after a tick makes screen readers announce a repeated message too.
  setTimeout(() => {
    live.textContent = text;
  }, 30);
}

/**
 * A labelled form field: the label, the control, a hint (named by the control's aria-describedby) and an
 * error slot that is read out when it changes.
 * @param {string} id @param {string} label @param {HTMLElement} control @param {string} [hint]
 * @param {boolean} [requiredMark]
 */
export function field(id, label, control, hint, requiredMark) {
  return h(
    "div",
    { class: "field", id: `field-${id}` },
    h(
      "label",
      { for: id },
      label,
      requiredMark ? h("span", { class: "req", "aria-hidden": "true", text: " *" }) : null,
    ),
    control,
    hint ? h("p", { class: "hint", id: `${id}-hint`, text: hint }) : null,
    h("p", { class: "field-error", id: `${id}-error`, "aria-live": "polite" }),
  );
}
