// @ts-check
/* The router (the todomvc "controller"): the hash names the page (#/app/<number>); each change renders the
   chrome and the page the resolver returns, clears the timers of the page before and moves focus to the
   new heading. The route table lives in main.js, so views import render without a cycle. */
import { $, fill, h } from "./dom.js";
import { ApiError } from "./errors.js";
import { t } from "./i18n.js";
import { clearTimers } from "./store.js";
import { errorBox, page } from "./views/parts.js";

/** @typedef {(route: string, arg: string) => Promise<import("./dom.js").Child[]> | import("./dom.js").Child[]} Resolver */

/** @type {Resolver} */
let resolve = () => [];
/** @type {() => void} */
let chrome = () => {};

/** "#/app/7K3M-…" → ["app", "7K3M-…"]. @param {string} hash @returns {[string, string]} */
export function parseHash(hash) {
  const [route, arg] = hash.replace(/^#\/?/, "").split("/");
  return [route || "", arg ? decodeURIComponent(arg) : ""];
}

/** Counts renders: a page that arrives after a newer one started is dropped (a slow answer never wins). */
let generation = 0;

/** The page for the current hash. */
export async function render() {
  const mine = ++generation;
  clearTimers();
  chrome();
  const main = $("#main");
  let view;
  try {
    view = await resolve(...parseHash(location.hash));
  } catch (err) {
    view = page(t("app_title"), err instanceof ApiError ? errorBox(err) : h("p", { text: String(err) }));
  }
  if (mine !== generation) return;
  fill(main, ...view);
  const heading = $("h1", main);
  if (heading && document.activeElement !== heading && !main.contains(document.activeElement))
    heading.focus();
}

/** Route with `resolver`, drawing `drawChrome` first on every page. @param {Resolver} resolver @param {() => void} drawChrome */
export function startRouter(resolver, drawChrome) {
  resolve = resolver;
  chrome = drawChrome;
  window.addEventListener("hashchange", render);
}
