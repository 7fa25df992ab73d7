import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { lineIndex, open, revert, waitForDiagnostic, waitForNoDiagnostic, workspaceFile } from './helpers';

const RULE = 'argocd/secret-ref-label';
// dex.config reads $argocd-dex-secret:dex.github.clientID ...
const VALUES = 'argo-cd/values.yaml';
// ... from a SealedSecret whose produced Secret lacks app.kubernetes.io/part-of: argocd
const SECRET = 'kubernetes-services/additions/argocd/argocd-dex-secret.yaml';

suite('cross-file', () => {
  test('labelling the SealedSecret clears the error in the argo-cd values file (and unlabelling brings it back)', async () => {
    const { document: values } = await open(VALUES);
    const d = await waitForDiagnostic(values.uri, RULE);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(values.getText(d.range), /argocd-dex-secret/, 'the range covers the $secret:key reference');
    const secretUri = workspaceFile(SECRET);
    assert.ok(d.relatedInformation?.some((r) => r.location.uri.toString() === secretUri.toString()),
      'a related location points at the SealedSecret');

    const secret = await open(SECRET);
    const doc = secret.document;
    // The label belongs on the produced Secret: spec.template.metadata.labels.
    const metadata = lineIndex(doc, /^    metadata:\s*$/, lineIndex(doc, /^  template:\s*$/));
    const indent = ' '.repeat(doc.lineAt(metadata + 1).firstNonWhitespaceCharacterIndex);
    await secret.edit((b) => b.insert(new vscode.Position(metadata + 1, 0),
      `${indent}labels:\n${indent}  app.kubernetes.io/part-of: argocd\n`));
    // not saved: the server works on the open buffer, as the user types
    await waitForNoDiagnostic(values.uri, RULE);

    await revert(secret);
    await waitForDiagnostic(values.uri, RULE);
  });
});
