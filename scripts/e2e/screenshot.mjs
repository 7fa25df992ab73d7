// The README's picture of the product: the workbench as the e2e suite's showcase test arranges it
// (a flagged file open, its quick-fix menu showing, the Problems panel open).
import { mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Waits (briefly) for the Problems panel to list one of our diagnostics and for the editor to
 * draw its squiggle, then saves a PNG. A missing element is reported, never fatal: the tests have
 * already judged the product; the picture only shows it.
 * @param {import('playwright-core').Page} page
 * @param {string} file
 * @param {(msg: string) => void} log
 */
export async function saveProblemsScreenshot(page, file, log) {
  const problemsRow = page.locator('.markers-panel .monaco-list-row', { hasText: 'cluster-auth-lint' }).first();
  const squiggle = page.locator('.monaco-editor .squiggly-error').first();
  for (const [what, locator] of [['Problems panel row', problemsRow], ['error squiggle', squiggle]]) {
    await locator.waitFor({ state: 'visible', timeout: 15000 }).catch(() => log(`screenshot: no ${what} visible`));
  }
  // let the quick-fix menu and hover finish their fade-in
  await page.waitForTimeout(500);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  await page.screenshot({ path: file, timeout: 15000 });
}
