// @ts-check
/* Files published next to the client (config.json, the region tree, the reason catalogue): no token. */
import { store } from "./store.js";

/** @param {string} path relative to the page @returns {Promise<any>} */
export async function staticJson(path) {
  const response = await fetch(new URL(path, document.baseURI));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

/** The reason catalogue (every code in both languages), loaded once. */
export async function catalogue() {
  if (!store.catalogue) store.catalogue = await staticJson("data/reasons.json").catch(() => ({}));
  return /** @type {import("./store.js").Catalogue} */ (store.catalogue);
}

/** @typedef {{ code: string, name: string, postal_codes?: string[] }} Region */

/** One level of the region tree: the provinces ("" parent) or a region's children. @param {string} parent */
export async function regionsUnder(parent) {
  const rows = await staticJson(`data/regions/${encodeURIComponent(parent || "index")}.json`).catch(() => []);
  return /** @type {Region[]} */ (rows);
}
