// Not a check of its own: arranges the workbench for the picture the offline launcher takes
// (docs/images/e2e-problems.png): a flagged file, its quick-fix menu, the Problems panel.
import * as vscode from 'vscode';
import { open, sleep, waitForDiagnostic } from './helpers';

suite('showcase', () => {
  test('leaves a diagnostic, its quick-fix menu and the Problems panel on screen', async function () {
    const ack = process.env.CAL_E2E_SHOWCASE_ACK; // set by scripts/e2e/launch.mjs
    if (!ack) this.skip(); // desktop VS Code: nobody takes the picture
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const editor = await open('kubernetes-services/templates/oauth2-proxy.yaml');
    const d = await waitForDiagnostic(editor.document.uri, 'oauth2-proxy/email-domains-wildcard');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.window.showTextDocument(editor.document, { preview: false, selection: new vscode.Range(d.range.start, d.range.start) });
    editor.revealRange(d.range, vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('editor.action.quickFix');
    await sleep(500);
    console.log('[cal-e2e] showcase ready');
    const taken = async () => vscode.workspace.fs.stat(vscode.Uri.file(ack)).then(() => true, () => false);
    for (let waited = 0; !(await taken()) && waited < 30000; waited += 100) await sleep(100);
  });
});
