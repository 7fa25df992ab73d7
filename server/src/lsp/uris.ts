// The engine speaks absolute file paths; LSP speaks URIs. Documents that have no file yet
// (`untitled:`) still need a stable, absolute-looking path for the engine's index.
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as path from 'node:path';

const UNTITLED_ROOT = path.join(path.sep, '__cluster-auth-lint-untitled__');

export function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri);
    } catch {
      // Malformed file URIs (e.g. a host part on Linux) fall through to the synthetic path.
    }
  }
  const colon = uri.indexOf(':');
  const scheme = colon > 0 ? uri.slice(0, colon) : 'unknown';
  let rest = uri.slice(colon + 1);
  try {
    rest = decodeURIComponent(rest);
  } catch {
    // A malformed escape (`untitled:%zz`): keep the text as it is.
  }
  rest = rest.replace(/^\/+/, '');
  return path.join(UNTITLED_ROOT, scheme, rest || 'document');
}

export function pathToUri(p: string): string {
  return pathToFileURL(p).href;
}

export function isRealFile(p: string): boolean {
  return !p.startsWith(UNTITLED_ROOT + path.sep);
}
