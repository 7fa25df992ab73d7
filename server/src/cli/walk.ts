// Finds the YAML files to lint under the given paths: skips node_modules and .git, respects the
// config's ignore globs, and never loops on symlinked folders.
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const SKIP_DIRS = new Set(['node_modules', '.git']);
const YAML = /\.ya?ml$/i;

export function collectFiles(paths: string[], isIgnored: (abs: string) => boolean): { files: string[]; missing: string[] } {
  const files = new Set<string>();
  const missing: string[] = [];
  const seenDirs = new Set<string>();
  const walk = (dir: string, depth: number): void => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      return;
    }
    if (seenDirs.has(real) || depth > 64) return;
    seenDirs.add(real);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names.sort()) {
      const p = join(dir, name);
      let st;
      try {
        st = statSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        if (!SKIP_DIRS.has(name) && !isIgnored(p)) walk(p, depth + 1);
      } else if (st.isFile() && YAML.test(name) && !isIgnored(p)) files.add(p);
    }
  };
  for (const given of paths) {
    const abs = resolve(given);
    let st;
    try {
      st = statSync(abs);
    } catch {
      missing.push(given);
      continue;
    }
    if (st.isDirectory()) walk(abs, 0);
    else if (!isIgnored(abs)) files.add(abs);
  }
  return { files: [...files], missing };
}
