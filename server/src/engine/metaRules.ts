// Findings the engine itself reports (not rules in the registry), with metadata for SARIF and docs.
import type { RuleMeta } from './types';

export const metaRules: RuleMeta[] = [
  { id: 'meta/config', defaultSeverity: 'error', summary: 'The .cluster-auth-lint.yaml configuration has a problem; the default applies for that setting.', fixable: false },
  { id: 'meta/internal-error', defaultSeverity: 'error', summary: 'A rule failed on this file; its findings are missing.', fixable: false },
  { id: 'meta/unused-suppression', defaultSeverity: 'warning', summary: 'A suppression comment that suppresses nothing.', fixable: false },
  { id: 'meta/alias-bomb', defaultSeverity: 'error', summary: 'Aliases that expand past a bound ("billion laughs"): consumers that expand them fail.', fixable: false },
  { id: 'meta/skipped-file', defaultSeverity: 'info', summary: 'A file too large to lint was skipped.', fixable: false },
];
