// @ts-check
/* ektp reference web client: ES modules, no build step, nothing fetched from outside the two origins (this
   server's API and the storage URL an upload ticket names).

   Residents: sign in, register an application, upload each document straight to S3 through its presigned
   POST, see each check's result, submit, follow the status. Officers: the district's review queue, a case's
   evidence side by side, approve or reject with reasons. Anyone: the status by registration number.

   Layout (todomvc's ES6 example): store.js holds the state, views/ draw pages from it, router.js (the
   controller) picks the page from the hash; api.js, auth.js and data.js talk to the servers; domain-data.js
   is generated from ektp.domain (tools/web_data.py); nik.js and validate.js are the domain's form rules. */
import { finishSignIn } from "./auth.js";
import { catalogue } from "./data.js";
import { $ } from "./dom.js";
import { render, startRouter } from "./router.js";
import { setLang, store } from "./store.js";
import { renderChrome } from "./views/chrome.js";
import { viewForm } from "./views/form.js";
import { viewHelp, viewHelpdesk } from "./views/help.js";
import { viewHome } from "./views/home.js";
import { viewCapture } from "./views/capture.js";
import { viewFieldVisits } from "./views/field-visits.js";
import { viewAssisted } from "./views/assisted.js";
import { viewCase, viewQueue } from "./views/officer.js";
import { viewApplication, viewApplications } from "./views/resident.js";
import { publicStatusNumber, viewPublicStatus } from "./views/status.js";

/** The page for a route: public first, then by the session's role. @type {import("./router.js").Resolver} */
function routes(route, arg) {
  // The public status page (the receipt's QR opens it with ?n=<number>): no account needed.
  if (route === "status" || (!route && publicStatusNumber() !== null)) {
    return viewPublicStatus(arg || publicStatusNumber() || "");
  }
  const s = store.session;
  if (!s) return viewHome(store.signInError);
  if (s.role === "officer" && route === "capture") return viewCapture(arg); // the recording station (issue 20)
  if (s.role === "officer" && route === "field-visits") return viewFieldVisits(); // domicile visits (issue 20 item 4)
  if (s.role === "officer" && route === "assisted") return viewAssisted(arg); // registering at the office
  if (s.role === "officer") return route === "case" && arg ? viewCase(arg) : viewQueue();
  if (s.role === "helpdesk") return viewHelpdesk(route === "helpdesk" ? arg : ""); // issue 20 item 7
  if (route === "help") return viewHelp(arg);
  if (route === "new") return viewForm(arg || "NEW");
  if (route === "edit" && arg) return viewForm(null, arg);
  if (route === "app" && arg) return viewApplication(arg);
  return viewApplications();
}

/** The language toggle keeps what the form holds (the draft) and draws the page again. */
function toggleLanguage() {
  const form = document.querySelector("#application-form, #assisted-form");
  if (form instanceof HTMLFormElement) store.draft = Object.fromEntries(new FormData(form));
  setLang(store.lang === "id" ? "en" : "id");
  render();
}

$("#lang").addEventListener("click", toggleLanguage);
startRouter(routes, renderChrome);
catalogue();
finishSignIn()
  .catch((err) => {
    store.signInError = err;
  })
  .then(() => {
    // replaceState: no hashchange, so one render
    if (store.session && !location.hash) {
      const home = { officer: "#/queue", helpdesk: "#/helpdesk", resident: "#/apps" };
      history.replaceState(null, "", home[store.session.role]);
    }
    render();
  });
