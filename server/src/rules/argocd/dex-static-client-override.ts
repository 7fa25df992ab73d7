// Argo CD puts its own static clients (argo-cd, argo-cd-cli, argo-cd-pkce) before the user's, and
// Dex indexes static clients by id with the LAST one winning (dex storage/static.go,
// WithStaticClients). So a user client with one of those ids replaces Argo CD's: on purpose (to add
// trustedPeers) it must be complete; by mistake (another app's redirect URIs) it breaks Argo CD's
// login. Two user clients with one id: only the last counts.
import { isSeq } from 'yaml';
import type { Rule } from '../../engine/rule';
import type { Fix, RelatedLocation, TextEdit } from '../../engine/types';
import { appendToSeq, columnOf, contentEnd, insertLineAfter } from '../../engine/edits';
import { newlineOf } from '../../engine/lines';
import {
  comparePatterns,
  dexViews,
  hostOf,
  isArgoCdClientId,
  isLoopbackHost,
  joinPath,
  ARGOCD_CLIENTS,
  type ArgoCdClientId,
  type DexStaticClient,
  type DexView,
  type Pattern,
} from '../../engine/views/dex';

const CLI_CALLBACK = 'http://localhost:8085/auth/callback';

/** Hosts an id's redirect URIs may legitimately point at. */
function legitimateHosts(v: DexView, id: ArgoCdClientId): Pattern[] | undefined {
  if (id !== 'argo-cd') return [];
  if (!v.url) return undefined;
  return [v.url, ...v.additionalUrls].map(hostOf).filter((h): h is Pattern => !!h);
}

function isForeign(uri: Pattern, legit: Pattern[]): boolean {
  const host = hostOf(uri);
  if (!host) return false;
  if (isLoopbackHost(host)) return false;
  if (!host.known && ['localhost', '127.0.0.1'].some((l) => comparePatterns(host, { pattern: l, known: true }) !== 'different')) return false;
  return legit.every((h) => comparePatterns(host, h) === 'different');
}

/** `grafana` from `https://grafana.example.com/login/generic_oauth`, when the first label is plain text. */
function nameFromHost(uri: Pattern): string | undefined {
  const host = hostOf(uri);
  const label = host?.pattern.split(/[.:]/)[0];
  return label && /^[a-z0-9][a-z0-9-]*$/.test(label) && !isArgoCdClientId(label) ? label : undefined;
}

function idColumnAndEnd(c: DexStaticClient): { column: number; after: number } | undefined {
  const pair = c.idPair;
  const src = c.id?.src;
  // New keys go on lines of their own: only in a block map of a source that maps exactly.
  if (!pair || !src || !src.exact || c.map.flow) return undefined;
  const keyStart = src.toOuter((pair.key as { range: [number, number, number] }).range[0]);
  const after = contentEnd(src, pair);
  return after === undefined ? undefined : { column: columnOf(src, keyStart), after };
}

/** Adds `- item` to the client's redirectURIs (or the key with one item after the id line). */
function addRedirect(c: DexStaticClient, uri: string, linesAfterId: string[]): TextEdit | undefined {
  const src = c.id!.src;
  if (!src.exact) return undefined;
  const last = c.redirectURIs[c.redirectURIs.length - 1];
  if (c.redirectURIsPair && last && last.node.range) {
    const list = c.redirectURIsPair.value;
    return isSeq(list) ? appendToSeq(src, list, uri) : undefined;
  }
  if (c.redirectURIsPair) return undefined;
  linesAfterId.push('redirectURIs:', `  - ${uri}`);
  return undefined;
}

function related(c: DexStaticClient, message: string): RelatedLocation {
  const lines = c.id!.src.file.lines;
  return { file: c.id!.src.file.path, span: lines.span(c.id!.start, c.id!.end), message };
}

export const rule: Rule = {
  meta: {
    id: 'argocd/dex-static-client-override',
    defaultSeverity: 'warning',
    summary: 'A dex.config static client with id argo-cd, argo-cd-cli or argo-cd-pkce replaces Argo CD\'s own (Dex keeps the last client with an id): it must be complete, and never another app\'s.',
    fixable: true,
  },
  check(ctx) {
    for (const v of dexViews(ctx.file)) {
      const withId = v.staticClients.filter((c) => c.id);
      // Duplicates among the user's own clients: the last one is the one Dex keeps.
      // comparePatterns says 'equal' exactly when the patterns are the same string: index by it (linear, not pairwise).
      const lastWithPattern = new Map<string, DexStaticClient>();
      for (const c of withId) lastWithPattern.set(c.id!.pattern, c);
      const effective: DexStaticClient[] = [];
      withId.forEach((c) => {
        const winner = lastWithPattern.get(c.id!.pattern)!;
        if (winner === c) {
          effective.push(c);
          return;
        }
        ctx.report({
          start: c.id!.start,
          end: c.id!.end,
          message: `Dex keeps only the last static client with id \`${c.id!.pattern}\`: this one is ignored, so its redirect URIs, secret and trustedPeers have no effect ("Unregistered redirect_uri", "invalid_client").`,
          related: [related(winner, 'The client Dex keeps')],
        });
      });

      for (const c of effective) {
        const id = c.id!;
        if (!id.known || !isArgoCdClientId(id.text)) continue;
        const argoId = id.text;
        const legit = legitimateHosts(v, argoId);
        const foreign = legit ? c.redirectURIs.filter((u) => isForeign(u, legit)) : [];
        const hasOwnCallback =
          argoId === 'argo-cd' && v.url
            ? [v.url, ...v.additionalUrls].some((base) => c.redirectURIs.some((u) => comparePatterns(u, joinPath(base, '/auth/callback')) !== 'different'))
            : c.redirectURIs.some((u) => { const h = hostOf(u); return !!h && !isForeign(u, []); });
        if (foreign.length > 0 && !hasOwnCallback) {
          const newId = nameFromHost(foreign[0]);
          const taken = newId && v.staticClients.some((d) => d.id && d.id.known && d.id.text === newId);
          const fixes: Fix[] = newId && !taken && id.src.exact ? [{ title: `Rename the client id to \`${newId}\` (and give that app the same client id)`, edits: [{ start: id.start, end: id.end, newText: newId }] }] : [];
          ctx.report({
            start: id.start,
            end: id.end,
            severity: 'error',
            message: `This client reuses Argo CD's reserved id \`${argoId}\` for another app (${foreign[0].pattern}): Dex keeps the last client with an id, so it replaces Argo CD's own and Argo CD login fails ("Unregistered redirect_uri", "invalid_client"); rename the client id.`,
            fixes,
          });
          continue;
        }
        if (c.templated) continue;

        // An intended override: it must carry everything Argo CD's own client had.
        const missing: string[] = [];
        const effects: string[] = [];
        const linesAfterId: string[] = [];
        const edits: TextEdit[] = [];
        // A fix is offered only when it completes the client: a secret is never written here.
        let unfixable = false;
        if (!c.namePair) {
          missing.push('`name`');
          effects.push('Dex will not start ("Name field is required for a client")');
          linesAfterId.push(`name: ${ARGOCD_CLIENTS[argoId].name}`);
        }
        if (argoId === 'argo-cd') {
          if (!c.secretPair && !c.secretEnvPair && !c.public) {
            missing.push('a `secret` (best a `$secret:key` reference holding Argo CD\'s derived client secret)');
            effects.push('Dex will not start ("Secret or SecretEnv field is required")');
            unfixable = true;
          }
          if (v.url) {
            const want = joinPath(v.url, '/auth/callback');
            if (!c.redirectURIs.some((u) => comparePatterns(u, want) !== 'different')) {
              missing.push(`the redirect URI \`${want.pattern}\``);
              effects.push('Argo CD login fails ("Unregistered redirect_uri")');
              const before = linesAfterId.length;
              const e = addRedirect(c, `${v.url.raw.replace(/\/+$/, '')}/auth/callback`, linesAfterId);
              if (e) edits.push(e);
              else if (linesAfterId.length === before) unfixable = true;
            }
          }
        } else {
          if (!c.public) {
            missing.push('`public: true`');
            effects.push(`\`argocd login --sso\` fails ("invalid_client": the CLI has no secret)`);
            linesAfterId.push('public: true');
          }
          if (argoId === 'argo-cd-cli' && !c.redirectURIs.some((u) => comparePatterns(u, { pattern: CLI_CALLBACK, known: true }) !== 'different')) {
            missing.push(`the redirect URI \`${CLI_CALLBACK}\``);
            effects.push('`argocd login --sso` fails ("Unregistered redirect_uri")');
            const before = linesAfterId.length;
            const e = addRedirect(c, CLI_CALLBACK, linesAfterId);
            if (e) edits.push(e);
            else if (linesAfterId.length === before) unfixable = true;
          }
        }
        if (missing.length === 0) continue;
        const at = idColumnAndEnd(c);
        if (linesAfterId.length > 0 && !at) unfixable = true;
        if (linesAfterId.length > 0 && at) {
          const src = id.src;
          const nl = newlineOf(src.file.text);
          const indent = ' '.repeat(at.column);
          edits.push(insertLineAfter(src, at.after, at.column, linesAfterId.join(`${nl}${indent}`)));
        }
        const fixes: Fix[] = edits.length > 0 && !unfixable ? [{ title: `Add what the \`${argoId}\` override lacks`, edits, preferred: true }] : [];
        ctx.report({
          start: id.start,
          end: id.end,
          message: `This \`${argoId}\` client replaces Argo CD's own (Dex keeps the last client with an id) but lacks ${missing.join(', ')}: ${[...new Set(effects)].join('; ')}.`,
          fixes,
        });
      }
    }
  },
};
