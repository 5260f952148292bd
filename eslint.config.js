import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/**", "public/build/**", "node_modules/**", "tests/.tmp/**", "bench-results/**"] },
  ...tseslint.configs.recommended,
  {
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["../**/db/*", "../db/*", "../**/search/*", "../search/*"],
              message: "Only *.server.ts files (and tests) may import db/ or search/ (docs/conventions.md).",
            },
          ],
        },
      ],
    },
  },
  {
    // app/cli/ holds commands run with tsx; the Remix bundle never imports them.
    files: ["**/*.server.ts", "db/**", "search/**", "tests/**", "app/**/*.test.ts", "app/cli/**"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    files: ["tests/**", "**/*.test.ts"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
);
