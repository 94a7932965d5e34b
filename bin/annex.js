#!/usr/bin/env node
// The `annex` command. Compiled by `npm run build` (npm run demo and npm test build it first).
require("../dist/cli/src/cli/main.js").run();
