// The command line: `cluster-auth-lint [options] [PATH...]` and `cluster-auth-lint probe-mcp <url>`.
// Exit codes: 0 no error-level finding, 1 an error finding (or too many warnings), 2 bad usage or an internal failure.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findConfigFile, loadConfig } from './engine/config';
import { Workspace, CLI_MODEL_CACHE_BYTES } from './engine/workspace';
import { applyEdits, fixAllEdits } from './engine/fix';
import { metaRules } from './engine/metaRules';
import { rules, docsUrl } from './rules/index';
import { collectFiles } from './cli/walk';
import { toJson, toSarif, toText } from './cli/format';
import type { Finding } from './engine/types';

const VERSION = '0.1.0';

const USAGE = `Usage: cluster-auth-lint [options] [PATH...]
       cluster-auth-lint probe-mcp <url> [--spec 2025-06-18|2025-11-25] [--format text|json]

Lints the YAML files (*.yaml, *.yml) under each PATH (default: the current folder).

Options:
  --format text|json|sarif   output format (default: text)
  --config FILE              use this config file instead of the nearest .cluster-auth-lint.yaml
  --no-config                ignore any config file
  --max-warnings N           exit 1 when there are more than N warnings
  --fix                      apply every fix the rules offer, write the files, then lint again
  -h, --help                 show this help
  -v, --version              show the version
`;

export interface Io {
  out(s: string): void;
  err(s: string): void;
  cwd: string;
}

const processIo: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), cwd: process.cwd() };

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  if (argv[0] === 'probe-mcp') {
    const { probeMain } = await import('./probe/main');
    return probeMain(argv.slice(1), io.out);
  }
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        config: { type: 'string' },
        'no-config': { type: 'boolean', default: false },
        'max-warnings': { type: 'string' },
        fix: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (e) {
    io.err(`cluster-auth-lint: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const o = args.values;
  if (o.help) {
    io.out(USAGE);
    return 0;
  }
  if (o.version) {
    io.out(`${VERSION}\n`);
    return 0;
  }
  const format = o.format as string;
  if (!['text', 'json', 'sarif'].includes(format)) {
    io.err(`cluster-auth-lint: unknown --format "${format}" (text, json or sarif)\n`);
    return 2;
  }
  let maxWarnings = Infinity;
  if (o['max-warnings'] !== undefined) {
    maxWarnings = Number(o['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) {
      io.err('cluster-auth-lint: --max-warnings needs a whole number\n');
      return 2;
    }
  }
  if (o.config && o['no-config']) {
    io.err('cluster-auth-lint: --config and --no-config exclude each other\n');
    return 2;
  }
  // Like ESLint: the config nearest to what is linted, else the one above the working folder.
  const first = resolve(io.cwd, args.positionals[0] ?? '.');
  const firstDir = existsSync(first) && statSync(first).isDirectory() ? first : dirname(first);
  const configFile = o['no-config'] ? undefined : o.config ?? findConfigFile(firstDir) ?? findConfigFile(io.cwd);
  const { config, findings: configFindings } = loadConfig(configFile);
  if (o.config && configFindings.some((f) => f.message.includes('cannot be read'))) {
    io.err(`cluster-auth-lint: cannot read config file ${o.config}\n`);
    return 2;
  }
  const ws = new Workspace(config, rules, { modelCacheBytes: CLI_MODEL_CACHE_BYTES });
  const { files, missing } = collectFiles(args.positionals.length ? args.positionals : ['.'], (p) => ws.isIgnored(p));
  if (missing.length) {
    io.err(`cluster-auth-lint: no such file or folder: ${missing.join(', ')}\n`);
    return 2;
  }
  for (const f of files) {
    try {
      ws.update(f, readFileSync(f, 'utf8'));
    } catch {
      // Unreadable files are skipped; the walk already filtered what it could.
    }
  }
  const lintAll = (): Finding[] => ws.files().flatMap((f) => ws.lint(f));
  let findings = lintAll();
  if (o.fix) {
    findings = fixFiles(ws, findings, lintAll);
  }
  findings = [...configFindings, ...findings];
  if (format === 'json') io.out(JSON.stringify(toJson(files.length, findings)) + '\n');
  else if (format === 'sarif') io.out(JSON.stringify(toSarif(findings, [...rules.map((r) => r.meta), ...metaRules], docsUrl, VERSION), null, 2) + '\n');
  else io.out(toText(files.length, findings));
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  return errors > 0 || warnings > maxWarnings ? 1 : 0;
}

/** Applies fixes file by file until none is left (bounded), writes the files, returns the final findings. */
function fixFiles(ws: Workspace, findings: Finding[], lintAll: () => Finding[]): Finding[] {
  for (let pass = 0; pass < 10; pass++) {
    const byFile = new Map<string, Finding[]>();
    for (const f of findings) if (f.fixes.length) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
    let changed = false;
    for (const [file, list] of byFile) {
      const text = ws.text(file);
      const edits = fixAllEdits(list);
      if (text === undefined || edits.length === 0) continue;
      const next = applyEdits(text, edits);
      if (next === text) continue;
      writeFileSync(file, next);
      ws.update(file, next);
      changed = true;
    }
    if (!changed) break;
    findings = lintAll();
  }
  return findings;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`cluster-auth-lint: internal error (${(e as Error)?.name ?? 'Error'})\n`);
      process.exit(2);
    },
  );
}
