// The floor for the CLI comparison: a Node process that only finds, reads and parses the same
// YAML files with `yaml`.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

function walk(dir: string, out: string[]): string[] {
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.ya?ml$/.test(n)) out.push(p);
  }
  return out;
}

let docs = 0;
for (const f of walk(process.argv[2], [])) docs += parseAllDocuments(readFileSync(f, 'utf8')).length;
process.stdout.write(`${docs}\n`);
