// Loaded by VS Code's extension host through --extensionTestsPath: runs the mocha suite inside the
// host, next to the installed (packaged) extension. The host reports the returned promise's outcome
// as the test run's exit code.
import * as path from 'node:path';
import Mocha from 'mocha';

// Order matters a little: activation first (it proves the extension starts on its own), the
// showcase last (it leaves the workbench arranged for the launcher's screenshot).
const FILES = ['activation', 'diagnostics', 'cross-file', 'snippets', 'showcase'];

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, reporter: 'spec', timeout: 60000 });
  // CAL_E2E_GREP=<regex>: run only the matching tests while working on one scenario
  if (process.env.CAL_E2E_GREP) mocha.grep(new RegExp(process.env.CAL_E2E_GREP));
  for (const name of FILES) mocha.addFile(path.resolve(__dirname, `${name}.js`));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} e2e test(s) failed`)) : resolve()));
  });
}
