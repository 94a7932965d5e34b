import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";
import tsPlugin from "@typescript-eslint/eslint-plugin";
import prettierPlugin from "eslint-plugin-prettier";
import react from "eslint-plugin-react";

export default [
  { ignores: ["dist/**", "node_modules/**", "out/**", "coverage/**"] },
  ...officeAddins.configs.recommended,
  {
    plugins: { "office-addins": officeAddins },
    languageOptions: { parser: tsParser },
    rules: {
      // TypeScript checks undefined names and type/value pairs itself (typescript-eslint's advice).
      "no-undef": "off",
      "no-redeclare": "off",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // The Office.js rules (load before read, sync before read…) apply to Office.js code only; on
    // ExcelJS code they misread cell.formula and friends as proxy objects.
    files: ["src/adapters/xlsx/**/*.ts", "src/cli/**/*.ts", "test/**/*.ts", "bench/**/*.ts"],
    ignores: ["test/**/officejs*/**", "test/**/*officejs*.ts"],
    rules: {
      "office-addins/call-sync-before-read": "off",
      "office-addins/load-object-before-read": "off",
      "office-addins/call-sync-after-load": "off",
    },
  },
  {
    // React (.tsx: the task pane, the preview and their tests). office-addins' recommended set names only
    // .ts/.js files, so without this block ESLint would skip every .tsx file.
    files: ["**/*.tsx"],
    plugins: { react, "@typescript-eslint": tsPlugin, prettier: prettierPlugin },
    languageOptions: {
      parser: tsParser,
      sourceType: "module",
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    settings: { react: { version: "detect" } },
    rules: {
      ...react.configs.flat.recommended.rules,
      ...react.configs.flat["jsx-runtime"].rules, // React 17+ JSX transform: no `import React` needed
      "react/prop-types": "off", // TypeScript types the props
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/no-explicit-any": "error",
      "no-unused-vars": "off",
      "no-eval": "error",
      "prettier/prettier": ["error", { endOfLine: "auto" }],
      // The pane never holds Office.js proxy objects (the host does, in .ts): the proxy rules would misread
      // plain objects such as finding.cells.
      "office-addins/call-sync-before-read": "off",
      "office-addins/load-object-before-read": "off",
      "office-addins/call-sync-after-load": "off",
    },
  },
  {
    // Build scripts and webpack.config.js run in Node (CommonJS config, ESM scripts).
    files: ["webpack.config.js", "scripts/**/*.mjs"],
    languageOptions: {
      globals: {
        require: "readonly",
        module: "writable",
        __dirname: "readonly",
        process: "readonly",
        console: "readonly",
        Buffer: "readonly",
      },
    },
  },
  {
    files: ["src/domain/**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "exceljs",
                "react",
                "react-dom",
                "@fluentui/*",
                "@microsoft/office-js",
                "office-addin-*",
              ],
              message: "src/domain is pure TypeScript.",
            },
            {
              group: ["fs", "path", "os", "node:*", "child_process"],
              message: "src/domain must not use Node APIs.",
            },
          ],
        },
      ],
    },
  },
];
