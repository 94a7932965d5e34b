import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";

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
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
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
    files: ["src/domain/**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["exceljs", "react", "react-dom", "@fluentui/*", "@microsoft/office-js", "office-addin-*"], message: "src/domain is pure TypeScript." },
            { group: ["fs", "path", "os", "node:*", "child_process"], message: "src/domain must not use Node APIs." },
          ],
        },
      ],
    },
  },
];
