// @ts-check
/* The home page for someone not signed in: the way to the managed sign-in page, and to the public status. */
import { signIn } from "../auth.js";
import { h } from "../dom.js";
import { ApiError, SignInError } from "../errors.js";
import { t } from "../i18n.js";
import { errorBox, page } from "./parts.js";

/** @param {Error | null} failure a sign-in that came back refused */
export function viewHome(failure) {
  const button = h("button", { type: "button", class: "primary", id: "sign-in", text: t("sign_in_or_up") });
  button.addEventListener("click", async () => {
    button.disabled = true;
    button.textContent = t("signing_in");
    await signIn().catch((err) => {
      button.disabled = false;
      button.textContent = t("sign_in_or_up");
      button.after(errorBox(err instanceof ApiError ? err : new SignInError("config")));
    });
  });
  return page(
    t("app_title"),
    h("p", { class: "lead", text: t("home_intro") }),
    failure instanceof ApiError ? errorBox(failure) : null,
    h(
      "div",
      { class: "card", id: "signin" },
      h("h2", { text: t("sign_in") }),
      h("p", { text: t("sign_in_intro") }),
      button,
      h("p", { class: "hint", text: t("officer_accounts") }),
    ),
    h("p", {}, h("a", { href: "#/status", id: "public-status-link", text: t("public_status_link") })),
  );
}
