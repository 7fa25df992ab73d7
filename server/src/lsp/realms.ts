// One engine Workspace per configuration file: a repository (or a sub-folder with its own
// .cluster-auth-lint.yaml) is linted with its own rules, ignore globs and cross-file facts,
// as the CLI would lint it from there. Files under no config file share one default realm.
import * as path from 'node:path';
import { findConfigFile, loadConfig, type ResolvedConfig } from '../engine/config';
import { Workspace } from '../engine/workspace';
import type { Finding, RuleSetting } from '../engine/types';
import { mergeRules } from './settings';

export interface Realm {
  /** The config file's path, or '' for files under no config file. */
  key: string;
  config: ResolvedConfig;
  /** Problems in the config file itself, shown on that file. */
  configFindings: Finding[];
  workspace: Workspace;
}

export interface RealmOptions {
  /** Workspace folder paths; the first one roots the default realm's ignore globs. */
  folders: () => readonly string[];
  editorRules: () => Record<string, RuleSetting>;
}

export class Realms {
  private realms = new Map<string, Realm>();
  private readonly configOfDir = new Map<string, string>();
  private readonly memberOf = new Map<string, string>();

  constructor(private readonly opts: RealmOptions) {}

  private configFor(dir: string): string {
    let found = this.configOfDir.get(dir);
    if (found === undefined) {
      found = findConfigFile(dir) ?? '';
      this.configOfDir.set(dir, found);
    }
    return found;
  }

  private resolve(key: string): { config: ResolvedConfig; findings: Finding[] } {
    const root = key ? path.dirname(key) : this.opts.folders()[0];
    const { config, findings } = loadConfig(key || undefined, root ? { root } : {});
    return { config: { ...config, rules: mergeRules(config.rules, this.opts.editorRules()) }, findings };
  }

  realmOf(file: string): Realm {
    const key = this.memberOf.get(file) ?? this.configFor(path.dirname(file));
    let realm = this.realms.get(key);
    if (!realm) {
      const { config, findings } = this.resolve(key);
      realm = { key, config, configFindings: findings, workspace: new Workspace(config) };
      this.realms.set(key, realm);
    }
    return realm;
  }

  all(): Realm[] {
    return [...this.realms.values()];
  }

  has(file: string): boolean {
    return this.memberOf.has(file);
  }

  isIgnored(file: string): boolean {
    return this.realmOf(file).workspace.isIgnored(file);
  }

  maxFileSize(file: string): number {
    return this.realmOf(file).config.maxFileSize;
  }

  /** Adds or replaces a file; returns the other files whose findings may have changed. */
  update(file: string, text: string): string[] {
    const realm = this.realmOf(file);
    this.memberOf.set(file, realm.key);
    return realm.workspace.update(file, text);
  }

  remove(file: string): string[] {
    const key = this.memberOf.get(file);
    if (key === undefined) return [];
    this.memberOf.delete(file);
    return this.realms.get(key)?.workspace.remove(file) ?? [];
  }

  /** Findings for a file given to update(), plus the config file's own problems when it is one. */
  lint(file: string): Finding[] {
    const realm = this.realmOf(file);
    const own = realm.key === file ? realm.configFindings : [];
    return [...own, ...realm.workspace.lint(file)];
  }

  /** Re-reads every config file (and editor settings) and re-homes every known file. */
  reload(): void {
    const known: Array<[string, string]> = [];
    for (const realm of this.realms.values()) {
      for (const file of realm.workspace.files()) {
        const text = realm.workspace.text(file);
        if (text !== undefined) known.push([file, text]);
      }
    }
    this.realms = new Map();
    this.configOfDir.clear();
    this.memberOf.clear();
    // One bad file must not drop the ones after it (their facts feed cross-file findings).
    for (const [file, text] of known) {
      try {
        this.update(file, text);
      } catch {
        // skipped: it will be read again on its next change
      }
    }
  }

  /** Editor settings changed: config files are unchanged, so only the merged rules move. */
  applyEditorRules(): void {
    for (const realm of this.realms.values()) {
      const { config, findings } = this.resolve(realm.key);
      realm.config = config;
      realm.configFindings = findings;
      realm.workspace.setConfig(config);
    }
  }

  fileCount(): number {
    return this.memberOf.size;
  }
}
