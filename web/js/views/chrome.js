// @ts-check
/* The header around every page: the title, who is signed in with the sign-out button, the language toggle. */
import { signOut } from "../auth.js";
import { $, fill, h } from "../dom.js";
import { t } from "../i18n.js";
import { store } from "../store.js";

export function renderChrome() {
  document.documentElement.lang = store.lang;
  document.title = t("app_title");
  $("#skip").textContent = t("skip");
  $("#title").textContent = t("app_title");
  const toggle = $("#lang");
  toggle.textContent = t("lang_toggle");
  toggle.setAttribute("aria-label", t("lang_toggle_label"));
  const who = $("#who");
  fill(who);
  if (store.session) {
    // A resident's way to the helpdesk on every page (issue 20 item 7).
    if (store.session.role === "resident")
      who.append(h("a", { href: "#/help", id: "help-link", text: t("help_nav") }));
    who.append(
      h("span", { text: `${t("signed_in_as")} ${store.session.username}` }),
      h("button", { type: "button", class: "link", onclick: () => signOut(), text: t("sign_out") }),
    );
  }
}
