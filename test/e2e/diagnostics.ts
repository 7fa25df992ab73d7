import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  addedLines, codeOf, lineIndex, open, removedLines, revert, sleep, waitFor, waitForDiagnostic, waitForNoDiagnostic,
} from './helpers';

const RULE = 'oauth2-proxy/email-domains-wildcard';
// chart 10.7.0 defaults config.emailDomains to ["*"]; the file enables an authenticated-emails list
const APP = 'kubernetes-services/templates/oauth2-proxy.yaml';
const SECOND_APP = 'kubernetes-services/templates/oauth2-proxy-grafana.yaml';

/** The inserted `emailDomains: []` must sit directly under the instance's `config:` key. */
function assertEmailDomainsUnderConfig(doc: vscode.TextDocument): void {
  const at = lineIndex(doc, /^\s*emailDomains: \[\]\s*$/);
  const indent = doc.lineAt(at).firstNonWhitespaceCharacterIndex;
  let parent = at - 1;
  while (parent >= 0 && (doc.lineAt(parent).isEmptyOrWhitespace || doc.lineAt(parent).firstNonWhitespaceCharacterIndex >= indent)) parent--;
  assert.ok(parent >= 0, 'emailDomains has a parent key');
  assert.match(doc.lineAt(parent).text, /^\s*config:\s*$/, 'emailDomains is inserted under config:');
}

suite('diagnostics, quick-fix, fix-all on save, hover', () => {
  test('a bad oauth2-proxy Application shows the error with its code, range, severity and docs link', async () => {
    const { document: doc } = await open(APP);
    const d = await waitForDiagnostic(doc.uri, RULE);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(codeOf(d), RULE);
    const target = typeof d.code === 'object' ? d.code.target : undefined;
    assert.ok(target, 'the code links to the rule docs (codeDescription.href)');
    assert.match(target.scheme, /^https?$/);
    assert.match(target.toString(), /email-domains-wildcard/);
    assert.ok(d.message.length > 20, `a message that explains the problem: "${d.message}"`);
    // The range points into this instance's values, not at the file start or another source.
    const first = lineIndex(doc, /^\s+- chart: oauth2-proxy$/);
    const last = lineIndex(doc, /^\s+- path: /, first);
    assert.ok(!d.range.isEmpty, 'non-empty range');
    assert.ok(d.range.start.line > first && d.range.end.line < last,
      `range ${d.range.start.line}-${d.range.end.line} lies inside the oauth2-proxy source (lines ${first}-${last})`);
  });

  test('the quick-fix sets config.emailDomains to [] and the error goes away', async () => {
    const editor = await open(APP);
    const doc = editor.document;
    const before = doc.getText();
    const d = await waitForDiagnostic(doc.uri, RULE);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value, 10);
    // The command's results do not carry the actions' diagnostics: pick by kind and preference,
    // leave out "disable this rule" suppressions; the text checks below judge the choice.
    const fixes = actions.filter((a) => (a.edit || a.command) && a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind)
      && !/disable|suppress|ignore/i.test(a.title));
    const fix = fixes.find((a) => a.isPreferred) ?? fixes.find((a) => /emailDomains/.test(a.title)) ?? fixes[0];
    assert.ok(fix, `a quick-fix for ${RULE}; offered: ${JSON.stringify(actions.map((a) => a.title))}`);
    if (fix.edit) assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the edit applies');
    if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));

    assert.deepEqual(removedLines(before, doc.getText()), [], 'the fix only adds lines');
    assert.deepEqual(addedLines(before, doc.getText()).map((l) => l.trim()), ['emailDomains: []']);
    assertEmailDomainsUnderConfig(doc);
    await waitForNoDiagnostic(doc.uri, RULE);

    // Undo the fix: the error is back, which also shows the diagnostics follow the text.
    await revert(editor);
    await waitForDiagnostic(doc.uri, RULE);
  });

  test('editor.codeActionsOnSave with source.fixAll.cluster-auth-lint fixes the file on save', async () => {
    const settings = vscode.workspace.getConfiguration('editor');
    await settings.update('codeActionsOnSave', { 'source.fixAll.cluster-auth-lint': 'explicit' }, vscode.ConfigurationTarget.Global);
    try {
      const editor = await open(SECOND_APP);
      const doc = editor.document;
      await waitForDiagnostic(doc.uri, RULE);
      // a user's edit, then Ctrl+S
      await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount, 0), '# reviewed\n'));
      await vscode.commands.executeCommand('workbench.action.files.save');
      await waitFor('the save to finish', () => !doc.isDirty);
      assertEmailDomainsUnderConfig(doc);
      const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(doc.uri));
      assert.equal(onDisk, doc.getText(), 'the fixed text is what was saved');
      await waitForNoDiagnostic(doc.uri, RULE);
    } finally {
      await settings.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test("hovering the flagged element explains the rule", async () => {
    const { document: doc } = await open(APP);
    const d = await waitForDiagnostic(doc.uri, RULE);
    // the hover provider may answer before the first analysis of a just-opened file settles
    let text = '';
    for (let attempt = 0; attempt < 20 && !/email-domains-wildcard/.test(text); attempt++) {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, d.range.start);
      text = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
      if (!/email-domains-wildcard/.test(text)) await sleep(250);
    }
    assert.match(text, /email-domains-wildcard/, `the hover names the rule or links its docs; got: ${JSON.stringify(text.slice(0, 300))}`);
    assert.match(text, /email/i);
    assert.ok(text.length > RULE.length + 40, 'the hover explains, not just names, the rule');
  });
});
