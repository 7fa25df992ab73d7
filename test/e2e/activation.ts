import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, open, ourDiagnostics, waitFor } from './helpers';

suite('activation', () => {
  test('the packaged extension activates and lints in a Restricted Mode (untrusted) workspace', async () => {
    // The offline launcher opens the folder untrusted; desktop VS Code under test-electron cannot.
    if (process.env.CAL_E2E_RESTRICTED === '1') {
      assert.equal(vscode.workspace.isTrusted, false, 'the workspace is open in Restricted Mode');
    }
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    // Installed from the .vsix, not loaded from the source tree.
    assert.match(ext.extensionUri.path, /\/cluster-auth-lint\.cluster-auth-lint-[^/]+$/);
    for (const file of [String(ext.packageJSON.main).replace(/(\.js)?$/, '.js'), 'dist/server.js']) {
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(ext.extensionUri, file));
    }

    // Opening a YAML file must be enough: no ext.activate() here, the manifest has to do it.
    const editor = await open('kubernetes-services/templates/oauth2-proxy.yaml');
    await waitFor(`${EXTENSION_ID} to activate`, () => ext.isActive);
    const { activationMs } = ext.exports as { activationMs: number };
    console.log(`# activation took ${activationMs.toFixed(1)} ms`);
    assert.ok(activationMs < 100, `activation took ${activationMs.toFixed(1)} ms (target < 100 ms)`);
    await waitFor('the language server to publish', () => ourDiagnostics(editor.document.uri).length > 0);
  });
});
