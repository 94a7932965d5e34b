/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  // isolatedModules: transpile only; `npm run typecheck` type-checks everything first.
  transform: { "^.+\\.tsx?$": ["ts-jest", { isolatedModules: true, diagnostics: false }] },
  moduleFileExtensions: ["ts", "tsx", "js", "json"],
  testTimeout: 60000,
};
