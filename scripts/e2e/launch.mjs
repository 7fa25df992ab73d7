// Runs VS Code extension tests in code-server's real Node extension host, with the workbench
// opened by headless Debian Chromium through playwright-core. This is the offline stand-in for the
// desktop VS Code that @vscode/test-electron would download (see code-shim.mjs and docs/e2e.md).
//
// The mechanism is the one VS Code's own browser integration tests use: the workbench URL's
// `payload` query carries extensionDevelopmentPath / extensionTestsPath, and when the tests' run()
// settles the workbench calls window.codeAutomationExit(code).
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, mkdirSync, writeFileSync, rmSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { saveProblemsScreenshot } from './screenshot.mjs';

const log = (msg) => console.log(`[e2e] ${msg}`);

// The suite's last test arranges the workbench, prints this line and waits for the file named by
// $CAL_E2E_SHOWCASE_ACK: the picture has to be taken while the extension host still runs (it is
// shut down before window.codeAutomationExit is called, and its diagnostics with it).
const SHOWCASE_READY = '[cal-e2e] showcase ready';

/** Settings for a quiet, offline, Restricted Mode workbench. */
function userSettings({ restricted }) {
  return {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false,
    'editor.minimap.enabled': false, // a cleaner screenshot
    'editor.stickyScroll.enabled': false,
    // Restricted Mode without the modal that would ask whether to trust the folder.
    'security.workspace.trust.enabled': restricted,
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.banner': 'never',
    'security.workspace.trust.untrustedFiles': 'open',
  };
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Every process below `root`, read from /proc (Linux). */
function descendants(root) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat;
    try { stat = readFileSync(`/proc/${name}/stat`, 'utf8'); } catch { continue; }
    // "pid (comm) state ppid ...": comm may contain spaces and parentheses
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(Number(name));
  }
  const out = [];
  for (let queue = [root]; queue.length;) {
    for (const child of children.get(queue.shift()) ?? []) { out.push(child); queue.push(child); }
  }
  return out;
}

/**
 * The extension host's log and the output channels of the extensions it ran (where the language
 * client logs its server's stderr), without VS Code's built-in extensions.
 */
function extensionHostLogs(userDataDir) {
  const found = [];
  (function walk(dir) {
    let names;
    try { names = readdirSync(dir); } catch { return; }
    for (const name of names.sort()) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) { if (!name.startsWith('vscode.')) walk(p); }
      else if (/^(remote)?exthost\.log$/.test(name) || /output_logging_|cluster-auth-lint/i.test(p)) found.push(p);
    }
  })(path.join(userDataDir, 'logs'));
  return found;
}

function printLogs(userDataDir, serverOutput) {
  console.log('---- code-server output (tail) ----\n' + serverOutput.slice(-3000));
  for (const file of extensionHostLogs(userDataDir)) {
    // drop the long "extension path mappings" listing VS Code logs for the test files' require('vscode')
    const text = readFileSync(file, 'utf8').split('\n').filter((l) => !/^\s+file:\/\/\S+ -> \S+$/.test(l)).join('\n');
    if (!text.trim()) continue;
    console.log(`---- ${path.relative(userDataDir, file)} (tail) ----\n` + text.slice(-8000));
  }
}

/**
 * Starts code-server, runs the tests, always stops everything.
 * @param {object} o
 * @param {string} o.codeServer path of the code-server executable (scripts/e2e/install.sh prints it)
 * @param {string} o.extensionDevelopmentPath
 * @param {string} o.extensionTestsPath
 * @param {string} [o.workspace] folder to open
 * @param {string} [o.userDataDir] made (and later removed) by the launcher when not given
 * @param {string} [o.extensionsDir] installed extensions; empty throwaway dir when not given
 * @param {boolean} [o.restricted=true] open the folder untrusted (Restricted Mode)
 * @param {string} [o.screenshot] PNG of the workbench with the Problems panel, on success
 * @param {string} [o.failureScreenshot] PNG of the workbench when the run fails
 * @param {number} [o.timeoutSeconds=300] hard limit for the whole run
 * @param {string} [o.chromium] browser executable (default /usr/bin/chromium)
 * @returns {Promise<number>} 0 when every test passed
 */
export async function runInCodeServer(o) {
  const t0 = Date.now();
  const elapsed = () => ((Date.now() - t0) / 1000).toFixed(1) + 's';
  const scratch = mkdtempSync(path.join(tmpdir(), 'cal-e2e-'));
  const userDataDir = o.userDataDir ?? path.join(scratch, 'user-data');
  const extensionsDir = o.extensionsDir ?? path.join(scratch, 'extensions');
  const restricted = o.restricted ?? true;
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(userSettings({ restricted }), null, 2));

  const port = await freePort();
  const args = [
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--cert', 'false',
    '--config', path.join(scratch, 'config.yaml'),
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override',
    '--disable-proxy', '--ignore-last-opened',
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    ...(restricted ? [] : ['--disable-workspace-trust']),
  ];
  writeFileSync(path.join(scratch, 'config.yaml'), '');
  const env = {
    ...process.env,
    // code-server writes its config and state under XDG dirs: keep them in the scratch dir.
    XDG_CONFIG_HOME: path.join(scratch, 'xdg-config'),
    XDG_DATA_HOME: path.join(scratch, 'xdg-data'),
    XDG_CACHE_HOME: path.join(scratch, 'xdg-cache'),
    // the extension host's sockets and temp files go away with the scratch dir
    TMPDIR: path.join(scratch, 'tmp'),
    // no gallery: nothing tries to reach open-vsx.org
    EXTENSIONS_GALLERY: '{}',
    CAL_E2E_SHOWCASE_ACK: path.join(scratch, 'showcase-taken'),
  };
  const showcasePng = path.join(scratch, 'showcase.png');
  let showcase = Promise.resolve();
  mkdirSync(env.TMPDIR);

  log(`${elapsed()} code-server on 127.0.0.1:${port}, ${restricted ? 'Restricted Mode' : 'trusted'} workspace ${o.workspace ?? '(none)'}`);
  // Same process group as ours (not detached): whoever kills the test run's group (CI, Ctrl+C)
  // also reaches code-server, the extension host and the language server.
  const server = spawn(o.codeServer, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let serverOutput = '';
  const listening = new Promise((resolve) => {
    for (const stream of [server.stdout, server.stderr]) {
      stream.setEncoding('utf8');
      stream.on('data', (d) => {
        serverOutput += d;
        if (process.env.CAL_E2E_VERBOSE) process.stdout.write('[code-server] ' + d);
        if (/HTTP server listening/.test(d)) resolve(true);
      });
    }
    server.on('exit', () => resolve(false));
    server.on('error', (e) => { serverOutput += String(e); resolve(false); });
  });

  let browser;
  const stopAll = async () => {
    if (browser) await browser.close().catch(() => {});
    browser = undefined;
    // Collect the tree first: once code-server is gone its children are re-parented out of reach.
    const tree = server.pid ? [server.pid, ...descendants(server.pid)] : [];
    const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
    for (const pid of tree) { try { process.kill(pid, 'SIGTERM'); } catch { /* already gone */ } }
    for (let waited = 0; tree.some(alive) && waited < 5000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    for (const pid of tree.filter(alive)) { try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ } }
  };
  const onSignal = (signal) => { stopAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143)); };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let timer;
  const timedOut = new Promise((resolve) => {
    timer = setTimeout(() => resolve('timeout'), (o.timeoutSeconds ?? 300) * 1000);
  });

  let exitCode = 1;
  let page;
  try {
    const outcome = await Promise.race([runWorkbench(), timedOut]);
    if (outcome === 'timeout') {
      log(`${elapsed()} TIMEOUT after ${o.timeoutSeconds ?? 300}s`);
      exitCode = 124;
    } else {
      exitCode = outcome;
    }
    await showcase;
    if (exitCode === 0 && o.screenshot && existsSync(showcasePng)) {
      mkdirSync(path.dirname(path.resolve(o.screenshot)), { recursive: true });
      copyFileSync(showcasePng, o.screenshot);
      log(`screenshot: ${o.screenshot}`);
    } else if (page && exitCode !== 0 && o.failureScreenshot) {
      mkdirSync(path.dirname(o.failureScreenshot), { recursive: true });
      await page.screenshot({ path: o.failureScreenshot, timeout: 10000 }).then(
        () => log(`failure screenshot: ${o.failureScreenshot}`), () => {});
    }
  } catch (e) {
    log(`error: ${e?.stack ?? e}`);
    exitCode = 1;
  } finally {
    clearTimeout(timer);
    await stopAll();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (exitCode !== 0) printLogs(userDataDir, serverOutput);
    rmSync(scratch, { recursive: true, force: true });
    log(`${elapsed()} done, exit code ${exitCode}`);
  }
  return exitCode;

  async function runWorkbench() {
    if (!(await listening)) throw new Error('code-server did not start');
    log(`${elapsed()} code-server ready`);
    browser = await chromium.launch({
      executablePath: o.chromium ?? process.env.CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      // its crash-report and dconf folders belong in the scratch dir, not in $HOME
      env: { ...process.env, XDG_CONFIG_HOME: env.XDG_CONFIG_HOME, XDG_CACHE_HOME: env.XDG_CACHE_HOME },
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await (await browser.newContext({ viewport: { width: 1400, height: 860 } })).newPage();
    let exit;
    const exited = new Promise((resolve) => { exit = resolve; });
    // The workbench forwards the extension host's console (mocha's reporter) to these.
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = Array.isArray(args) ? format(...args) : String(args);
      if (text.includes(SHOWCASE_READY)) {
        showcase = (o.screenshot ? saveProblemsScreenshot(page, showcasePng, log) : Promise.resolve())
          .catch((e) => log(`screenshot failed: ${e.message}`))
          .finally(() => writeFileSync(env.CAL_E2E_SHOWCASE_ACK, 'taken'));
        return;
      }
      console.log(text);
    });
    await page.exposeFunction('codeAutomationExit', (code) => exit(typeof code === 'number' ? code : 1));
    page.on('pageerror', (e) => log(`workbench error: ${e.message}`));

    const authority = `127.0.0.1:${port}`;
    const remote = (p) => `vscode-remote://${authority}${path.resolve(p)}`;
    const payload = [
      ['extensionDevelopmentPath', remote(o.extensionDevelopmentPath)],
      ['extensionTestsPath', remote(o.extensionTestsPath)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    const folder = o.workspace ? `folder=${encodeURIComponent(path.resolve(o.workspace))}&` : '';
    await page.goto(`http://${authority}/?${folder}payload=${encodeURIComponent(JSON.stringify(payload))}`,
      { waitUntil: 'domcontentloaded' });
    log(`${elapsed()} workbench loaded, tests running`);
    const code = await exited;
    log(`${elapsed()} tests finished with code ${code}`);
    return code;
  }
}
