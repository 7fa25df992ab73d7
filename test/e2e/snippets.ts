import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { nextSettledPublish, open, ourDiagnostics, waitForDiagnostic, workspaceFile } from './helpers';

const SNIPPET = 'cal-mcp-service';
const EMPTY = 'kubernetes-services/templates/mcp-server.yaml';
const FLAGGED = 'kubernetes-services/templates/oauth2-proxy.yaml';

suite('snippets', () => {
  test(`inserting the ${SNIPPET} snippet into an empty YAML file gives text without diagnostics`, async () => {
    const editor = await open(EMPTY);
    const doc = editor.document;
    assert.equal(doc.getText(), '', 'the fixture file starts empty');
    assert.equal(doc.languageId, 'yaml');
    const everything = () => new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));

    // "No diagnostics" means something only if the server is analysing this file: show that it
    // flags a known mistake here first, then empty the file again.
    const flagged = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile(FLAGGED)));
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), flagged));
    await waitForDiagnostic(doc.uri, 'oauth2-proxy/email-domains-wildcard');
    await editor.edit((b) => b.delete(everything()));
    assert.equal(doc.getText(), '');

    const settled = nextSettledPublish(doc.uri);
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'yaml', name: SNIPPET });
    await vscode.commands.executeCommand('leaveSnippet');
    const text = doc.getText();
    assert.ok(text.trim().length > 0, `snippet "${SNIPPET}" inserted`);
    assert.doesNotMatch(text, /\$\{\d+|\$\d\b/, 'no unexpanded snippet placeholders');
    await settled;
    const left = ourDiagnostics(doc.uri);
    assert.deepEqual(left.map((d) => `${d.range.start.line + 1}: ${String(typeof d.code === 'object' ? d.code.value : d.code)} ${d.message}`), []);
  });
});
