#!/usr/bin/env node
// Rewrites the README's rule index from the rules' metadata (run after `npm run build`).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { withRuleIndex } = require('../out/server/src/ruleIndex.js');
const before = readFileSync('README.md', 'utf8');
const after = withRuleIndex(before);
if (after !== before) writeFileSync('README.md', after);
console.log(after === before ? 'README rule index is up to date' : 'README rule index updated');
