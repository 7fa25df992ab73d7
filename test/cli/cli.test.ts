// Runs the built CLI as a process, as users and CI do.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const BIN = join(ROOT, 'bin/cluster-auth-lint.js');
const EXAMPLES = join(ROOT, 'examples');

function run(args: string[], cwd = ROOT): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

/** `# PLANTED <rule-id>[, <rule-id>]` marks problems on the next line that is not a comment (or on its own line when trailing). */
export function plantedFindings(dir: string): Array<{ file: string; line: number; ruleId: string }> {
  const out: Array<{ file: string; line: number; ruleId: string }> = [];
  for (const file of yamlFiles(dir)) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((l, i) => {
      const m = /#\s*PLANTED ([a-z0-9-]+\/[a-z0-9-]+(?:\s*,\s*[a-z0-9-]+\/[a-z0-9-]+)*)/.exec(l);
      if (!m) return;
      let target = i;
      if (/^\s*#/.test(l)) {
        target = i + 1;
        while (target < lines.length && /^\s*(#|$)/.test(lines[target])) target++;
      }
      for (const ruleId of m[1].split(/\s*,\s*/)) out.push({ file: relative(ROOT, file).split('\\').join('/'), line: target + 1, ruleId });
    });
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

describe('cluster-auth-lint CLI', () => {
  it('--format json keeps its public shape and reports the planted problems at their lines, and nothing else', () => {
    const r = run(['--format', 'json', 'examples']);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ['version', 'files', 'findings']);
    assert.equal(out.version, 1);
    assert.equal(out.files, yamlFiles(EXAMPLES).length);
    for (const f of out.findings) {
      assert.deepEqual(Object.keys(f), ['ruleId', 'severity', 'file', 'line', 'column', 'endLine', 'endColumn', 'message', 'fixable']);
      assert.ok(['error', 'warning', 'info'].includes(f.severity));
      assert.ok(!f.file.includes('\\') && !f.file.startsWith('/'), 'relative path with forward slashes');
      assert.ok(f.line >= 1 && f.column >= 1 && (f.endLine > f.line || (f.endLine === f.line && f.endColumn >= f.column)));
    }
    const got = out.findings.map((f: { file: string; line: number; ruleId: string }) => `${f.file}:${f.line} ${f.ruleId}`).sort();
    const want = plantedFindings(EXAMPLES).map((p) => `${p.file}:${p.line} ${p.ruleId}`).sort();
    assert.deepEqual(got, want);
  });

  it('text output groups by file with file:line:col severity rule message and a summary', () => {
    const r = run(['examples']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^examples\/\S+:\d+:\d+ (error|warning|info) [a-z0-9-]+\/[a-z0-9-]+ .+$/m);
    assert.match(r.stdout, /\d+ problems? \(\d+ errors?, \d+ warnings?, \d+ info\) in \d+ files?/);
  });

  it('SARIF 2.1.0 with rule metadata and help links', () => {
    const r = run(['--format', 'sarif', 'examples']);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0');
    const driver = log.runs[0].tool.driver;
    assert.equal(driver.name, 'cluster-auth-lint');
    assert.ok(driver.rules.length > 0);
    for (const rule of driver.rules) assert.match(rule.helpUri, /docs\/rules\/.+\.md$/);
    for (const res of log.runs[0].results) {
      assert.equal(driver.rules[res.ruleIndex].id, res.ruleId);
      assert.ok(res.locations[0].physicalLocation.region.startLine >= 1);
    }
  });

  const exitCases: Array<{ name: string; args: string[]; code: number; setup?: (dir: string) => void }> = [
    { name: 'clean files exit 0', args: ['--no-config', 'ok.yaml'], code: 0, setup: (d) => writeFileSync(join(d, 'ok.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n') },
    { name: 'an unknown option is bad usage (2)', args: ['--colour'], code: 2 },
    { name: 'a missing path is bad usage (2)', args: ['no/such/place'], code: 2 },
    { name: 'a bad --format is bad usage (2)', args: ['--format', 'xml', '.'], code: 2 },
    { name: 'a bad --max-warnings is bad usage (2)', args: ['--max-warnings', 'many', '.'], code: 2 },
    {
      name: '--max-warnings 0 turns warnings into exit 1',
      args: ['--max-warnings', '0', 'w.yaml'],
      code: 1,
      setup: (d) => writeFileSync(join(d, 'w.yaml'), '# cluster-auth-lint-disable-next-line oauth2-proxy/cookie-secret\na: 1\n'),
    },
    {
      name: 'a broken config file is a finding, not a crash',
      args: ['--format', 'json', 'ok.yaml'],
      code: 1,
      setup: (d) => {
        writeFileSync(join(d, '.cluster-auth-lint.yaml'), 'rules:\n  x/y: loud\n');
        writeFileSync(join(d, 'ok.yaml'), 'a: 1\n');
      },
    },
  ];
  for (const c of exitCases) {
    it(`exit code: ${c.name}`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'cal-cli-'));
      c.setup?.(dir);
      const r = run(c.args, dir);
      assert.equal(r.code, c.code, r.stdout + r.stderr);
      assert.ok(!/\n\s+at .+\(.+:\d+:\d+\)/.test(r.stderr), 'no stack trace');
    });
  }

  it('--fix writes every offered fix, lints again, and leaves no fixable finding', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cal-fix-'));
    cpSync(EXAMPLES, dir, { recursive: true });
    const before = JSON.parse(run(['--format', 'json', '.'], dir).stdout);
    const fixable = before.findings.filter((f: { fixable: boolean }) => f.fixable).length;
    assert.ok(fixable > 0, 'the examples offer fixes');
    run(['--fix', '.'], dir);
    const after = JSON.parse(run(['--format', 'json', '.'], dir).stdout);
    assert.ok(after.findings.length < before.findings.length);
    const changed = yamlFiles(dir).filter((f) => readFileSync(f, 'utf8') !== readFileSync(join(EXAMPLES, relative(dir, f)), 'utf8'));
    assert.ok(changed.length > 0);
  });
});
