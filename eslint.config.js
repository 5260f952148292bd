import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/**", "public/build/**", "node_modules/**", "tests/.tmp/**", "bench-results/**"] },
  ...tseslint.configs.recommended,
  {
    // Type-aware rules: mistakes the types reveal and tsc does not report (a promise nobody awaits,
    // an async handler where a void one is expected, a File stringified as "[object File]", a
    // switch that forgets a case). Not no-unnecessary-condition: drizzle's and zod's types claim
    // more than the rows guarantee, and the guards it calls unnecessary are wanted.
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/no-unnecessary-type-assertion": "error",
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      "@typescript-eslint/no-base-to-string": "error",
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      "@typescript-eslint/return-await": ["error", "in-try-catch"],
    },
  },
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
