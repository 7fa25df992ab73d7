// Editor settings (`clusterAuthLint.*`), read through workspace/configuration. They are merged
// over the repository's .cluster-auth-lint.yaml, so a user can silence a rule locally without
// editing the shared file.
import type { RuleSetting } from '../engine/types';

export interface EditorSettings {
  enable: boolean;
  rules: Record<string, RuleSetting>;
}

export const defaultSettings: EditorSettings = { enable: true, rules: {} };

const RULE_SETTINGS: readonly string[] = ['off', 'error', 'warning', 'info'];

/** Accepts whatever the client sent (possibly null, partial or mistyped) and keeps only valid entries. */
export function parseSettings(raw: unknown): { settings: EditorSettings; problems: string[] } {
  const problems: string[] = [];
  const settings: EditorSettings = { enable: true, rules: {} };
  if (!raw || typeof raw !== 'object') return { settings, problems };
  const obj = raw as Record<string, unknown>;
  if (obj.enable !== undefined) {
    if (typeof obj.enable === 'boolean') settings.enable = obj.enable;
    else problems.push('clusterAuthLint.enable must be true or false');
  }
  if (obj.rules !== undefined && obj.rules !== null) {
    if (typeof obj.rules !== 'object' || Array.isArray(obj.rules)) {
      problems.push('clusterAuthLint.rules must be an object of rule id to off|error|warning|info');
    } else {
      for (const [id, value] of Object.entries(obj.rules as Record<string, unknown>)) {
        if (typeof value === 'string' && RULE_SETTINGS.includes(value)) settings.rules[id] = value as RuleSetting;
        else problems.push(`clusterAuthLint.rules["${id}"] must be one of off, error, warning, info`);
      }
    }
  }
  return { settings, problems };
}

export function mergeRules(
  fromFile: Record<string, RuleSetting>,
  fromEditor: Record<string, RuleSetting>,
): Record<string, RuleSetting> {
  return { ...fromFile, ...fromEditor };
}
