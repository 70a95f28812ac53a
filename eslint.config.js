// ESLint for the web client (web/): plain ES modules in the browser, no build step. `make lint` runs it.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["node_modules/", "cdk.out/", ".venv/", "build/", ".cache/"] },
  js.configs.recommended,
  {
    files: ["web/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.browser },
    rules: {
      eqeqeq: ["error", "always"],
      "no-var": "error",
      "prefer-const": "error",
      "no-implicit-globals": "error",
      "no-unused-vars": ["error", { args: "after-used", argsIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        // Text is set as text: never parsed as HTML (the CSP forbids inline script; this forbids the rest).
        { selector: "AssignmentExpression[left.property.name='innerHTML']", message: "Set textContent, or build nodes with h()." },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: "Build nodes with h()." },
      ],
      "no-eval": "error",
      "no-new-func": "error",
    },
  },
  {
    files: ["eslint.config.js", "tests/**/*.js", "tests/**/*.mjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.node },
  },
];
