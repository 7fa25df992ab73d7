// Finding → LSP Diagnostic. Pure: the caller decides when and for which version to publish.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Finding, Severity } from '../engine/types';
import { pathToUri } from './uris';

export const SOURCE = 'cluster-auth-lint';

/**
 * What a code action needs to find the finding again: the document version the diagnostic
 * was computed on and the finding's place in that run. Deliberately no fix text: a fix may
 * carry a freshly generated secret, which must not sit in every diagnostic (and every trace).
 */
export interface DiagnosticData {
  ruleId: string;
  version: number;
  index: number;
  fixes: number;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toDiagnostic(finding: Finding, index: number, version: number, docsUrl: (id: string) => string): Diagnostic {
  const data: DiagnosticData = { ruleId: finding.ruleId, version, index, fixes: finding.fixes.length };
  const diagnostic: Diagnostic = {
    range: { start: { ...finding.span.start }, end: { ...finding.span.end } },
    severity: SEVERITY[finding.severity] ?? DiagnosticSeverity.Warning,
    source: SOURCE,
    code: finding.ruleId,
    codeDescription: { href: docsUrl(finding.ruleId) },
    message: finding.message,
    data,
  };
  if (finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((r) => ({
      location: { uri: pathToUri(r.file), range: r.span },
      message: r.message,
    }));
  }
  return diagnostic;
}

export function toDiagnostics(findings: readonly Finding[], version: number, docsUrl: (id: string) => string): Diagnostic[] {
  return findings.map((f, i) => toDiagnostic(f, i, version, docsUrl));
}

export function isOurData(data: unknown): data is DiagnosticData {
  if (!data || typeof data !== 'object') return false;
  const d = data as Record<string, unknown>;
  return typeof d.ruleId === 'string' && typeof d.version === 'number' && typeof d.index === 'number';
}
