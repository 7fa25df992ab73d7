#!/usr/bin/env node
// `npm run test:e2e`: packages the extension, installs the .vsix into a throwaway VS Code profile
// and runs test/e2e inside a real VS Code extension host through @vscode/test-electron's runTests.
// Offline by default (code-server + headless Chromium, see launch.mjs); CAL_E2E_DESKTOP=1 lets
// test-electron download desktop VS Code instead (needs internet and a display).
//
// Two runs: the suite, which must pass, and the same suite against a server told to publish
// nothing (CAL_SERVER_PUBLISH_NOTHING=1), which must fail in every test: proof the suite can fail.
//   --only=suite | --only=negative   run one of them
//   --vsix=<file>                    test this package instead of running `npm run package`
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { downloadAndUnzipVSCode, resolveCliPathFromVSCodeExecutablePath, runTests } from '@vscode/test-electron';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const VSCODE_VERSION = '1.100.3'; // the VS Code inside code-server 4.100.3
const MAX_VSIX_BYTES = 1.5 * 1024 * 1024;
const DESKTOP = process.env.CAL_E2E_DESKTOP === '1';
const SCREENSHOT = process.env.CAL_E2E_SCREENSHOT ?? path.join(ROOT, 'docs', 'images', 'e2e-problems.png');
const log = (msg) => console.log(`[e2e] ${msg}`);

const option = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const only = option('only');
const started = Date.now();
const seconds = (since) => ((Date.now() - since) / 1000).toFixed(1) + ' s';

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], encoding: 'utf8', timeout: 600000, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})${r.stderr ? '\n' + r.stderr : ''}`);
  return r;
}

/** The VS Code to test in: code-server behind the shim, or a downloaded desktop build. */
async function prepareHost() {
  const t = Date.now();
  if (DESKTOP) {
    const exe = await downloadAndUnzipVSCode(VSCODE_VERSION);
    const cli = resolveCliPathFromVSCodeExecutablePath(exe);
    return { exe, install: (vsix, profile) => run(cli, [...profile, '--install-extension', vsix, '--force']) };
  }
  const out = run('bash', [path.join(ROOT, 'scripts', 'e2e', 'install.sh')], { stdio: ['ignore', 'pipe', 'inherit'] }).stdout;
  const codeServer = /^CAL_E2E_CODE_SERVER=(.+)$/m.exec(out)?.[1];
  if (!codeServer) throw new Error('scripts/e2e/install.sh did not print CAL_E2E_CODE_SERVER');
  log(`code-server ready (${seconds(t)}): ${codeServer}`);
  process.env.CAL_E2E_CODE_SERVER = codeServer;
  return {
    exe: path.join(ROOT, 'scripts', 'e2e', 'code-shim.mjs'),
    // code-server's own CLI installs a .vsix offline; keep its config/state out of $HOME
    install: (vsix, profile, scratch) => run(codeServer, [...profile, '--install-extension', vsix, '--force'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, XDG_CONFIG_HOME: path.join(scratch, 'xdg'), XDG_DATA_HOME: path.join(scratch, 'xdg'), EXTENSIONS_GALLERY: '{}' },
    }),
  };
}

function packageExtension() {
  const given = option('vsix');
  const vsix = given ? path.resolve(given) : path.join(ROOT, 'out', 'cluster-auth-lint.vsix');
  if (!given) {
    const t = Date.now();
    rmSync(vsix, { force: true });
    run('npm', ['run', '--silent', 'package']);
    log(`packaged ${path.relative(ROOT, vsix)} (${seconds(t)})`);
  }
  const size = statSync(vsix).size;
  if (size > MAX_VSIX_BYTES) throw new Error(`${vsix} is ${(size / 1048576).toFixed(2)} MB (limit 1.5 MB): check .vscodeignore`);
  return vsix;
}

/**
 * One test run in a fresh copy of the fixture workspace and a fresh profile with the .vsix
 * installed. Resolves to the exit code and what the run printed.
 */
async function testRun(host, vsix, { env = {}, echo = true, screenshot } = {}) {
  const scratch = mkdtempSync(path.join(tmpdir(), 'cal-e2e-run-'));
  try {
    const workspace = path.join(scratch, 'workspace');
    cpSync(path.join(ROOT, 'test', 'e2e', 'fixtures'), workspace, { recursive: true });
    const profile = [`--extensions-dir=${path.join(scratch, 'extensions')}`, `--user-data-dir=${path.join(scratch, 'user-data')}`];
    mkdirSync(path.join(scratch, 'extensions'));
    host.install(vsix, profile, scratch);

    let output = '';
    const sink = new PassThrough();
    sink.on('data', (d) => { output += d; if (echo) process.stdout.write(d); });
    const code = await runTests({
      vscodeExecutablePath: host.exe,
      extensionDevelopmentPath: path.join(ROOT, 'test', 'e2e', 'runner-extension'),
      extensionTestsPath: path.join(ROOT, 'out', 'test', 'e2e', 'index.js'),
      launchArgs: [workspace, ...profile],
      extensionTestsEnv: {
        ...env,
        // what scenario 7 expects: test-electron opens desktop VS Code trusted
        CAL_E2E_RESTRICTED: DESKTOP || process.env.CAL_E2E_TRUSTED === '1' ? '' : '1',
        CAL_E2E_SCREENSHOT: screenshot ?? '',
        CAL_E2E_FAILURE_SCREENSHOT: path.join(ROOT, 'out', 'e2e', 'failure.png'),
      },
      stdout: sink,
      stderr: sink,
    }).catch((e) => e?.code ?? 1);
    return { code, output };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function main() {
  if (!existsSync(path.join(ROOT, 'test', 'e2e', 'fixtures'))) throw new Error('run from a checkout of cluster-auth-lint');
  const host = await prepareHost();
  const vsix = packageExtension();
  if (!existsSync(path.join(ROOT, 'out', 'test', 'e2e', 'index.js'))) throw new Error('out/test/e2e is missing: run `npm run build`');
  let ok = true;

  if (only !== 'negative') {
    const t = Date.now();
    const { code } = await testRun(host, vsix, { screenshot: SCREENSHOT });
    log(`suite: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${seconds(t)}`);
    ok &&= code === 0;
  }

  if (only !== 'suite') {
    const t = Date.now();
    // Short waits: every test is expected to time out waiting for diagnostics.
    const { code, output } = await testRun(host, vsix, { env: { CAL_SERVER_PUBLISH_NOTHING: '1', CAL_E2E_WAIT_MS: '3000' }, echo: false });
    const passing = Number(/^\s*(\d+) passing/m.exec(output)?.[1] ?? NaN);
    const failing = Number(/^\s*(\d+) failing/m.exec(output)?.[1] ?? NaN);
    const proven = code === 1 && passing === 0 && failing > 0;
    if (!proven) process.stdout.write(output);
    log(`negative proof (server publishes nothing): ${proven ? `suite failed as it must, ${failing} of ${failing} tests`
      : `NOT PROVEN: exit ${code}, ${passing} passing, ${failing} failing (expected exit 1 and 0 passing)`} in ${seconds(t)}`);
    ok &&= proven;
  }

  log(`total ${seconds(started)}`);
  process.exit(ok ? 0 : 1);
}

main().catch((e) => {
  console.error(`[e2e] ${e?.stack ?? e}`);
  process.exit(1);
});
