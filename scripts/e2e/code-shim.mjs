#!/usr/bin/env node
// A stand-in "VS Code executable" for @vscode/test-electron's `vscodeExecutablePath`: it accepts
// the desktop command line test-electron builds (--extensionDevelopmentPath=, --extensionTestsPath=,
// --user-data-dir=, --extensions-dir=, [folder], and flags it has no use for) and runs the tests in
// code-server instead (launch.mjs). Its exit code is the test result, as with desktop VS Code.
//
// Environment: CAL_E2E_CODE_SERVER (required: the code-server executable), CAL_E2E_SCREENSHOT,
// CAL_E2E_FAILURE_SCREENSHOT (PNG paths), CAL_E2E_TIMEOUT (seconds, default 300),
// CAL_E2E_TRUSTED=1 (open the folder trusted instead of in Restricted Mode).
import { runInCodeServer } from './launch.mjs';

/** Parses the subset of VS Code's command line that test-electron uses. */
function parseVSCodeArgs(argv) {
  const out = { extensionDevelopmentPath: undefined, extensionTestsPath: undefined, folder: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--([\w-]+?)(?:=(.*))?$/s.exec(a);
    if (!m) {
      out.folder = a;
      continue;
    }
    const [, name, inline] = m;
    const takesValue = ['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir'].includes(name);
    const value = takesValue ? (inline ?? argv[++i]) : undefined;
    if (name === 'extensionDevelopmentPath') out.extensionDevelopmentPath ??= value; // code-server loads one
    else if (name === 'extensionTestsPath') out.extensionTestsPath = value;
    else if (name === 'user-data-dir') out.userDataDir = value;
    else if (name === 'extensions-dir') out.extensionsDir = value;
    // --no-sandbox, --disable-workspace-trust, --skip-welcome, ...: desktop-only or decided here
  }
  return out;
}

const args = parseVSCodeArgs(process.argv.slice(2));
if (process.argv.includes('--version')) {
  console.log('1.100.3\ncode-server shim');
  process.exit(0);
}
if (!args.extensionDevelopmentPath || !args.extensionTestsPath || !process.env.CAL_E2E_CODE_SERVER) {
  console.error('code-shim: needs --extensionDevelopmentPath, --extensionTestsPath and $CAL_E2E_CODE_SERVER');
  process.exit(2);
}
const code = await runInCodeServer({
  codeServer: process.env.CAL_E2E_CODE_SERVER,
  extensionDevelopmentPath: args.extensionDevelopmentPath,
  extensionTestsPath: args.extensionTestsPath,
  workspace: args.folder,
  userDataDir: args.userDataDir,
  extensionsDir: args.extensionsDir,
  restricted: process.env.CAL_E2E_TRUSTED !== '1',
  screenshot: process.env.CAL_E2E_SCREENSHOT || undefined,
  failureScreenshot: process.env.CAL_E2E_FAILURE_SCREENSHOT || undefined,
  timeoutSeconds: Number(process.env.CAL_E2E_TIMEOUT || 300),
});
process.exit(code);
