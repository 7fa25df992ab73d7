// When the Secret already exists and is not controlled by the SealedSecret, the controller
// (pkg/controller/controller.go, unseal) updates it only if THE EXISTING SECRET carries
// `sealedsecrets.bitnami.com/managed: "true"` (take over: data, labels and annotations replaced) or
// `sealedsecrets.bitnami.com/patch: "true"` (merge, ≥ 0.23); otherwise it gives up with
// `Resource "<name>" already exists and is not managed by SealedSecret`. The annotation is read from
// the live Secret — the other producer's — so one in the SealedSecret's own template does not help
// the first time. The update also copies the template's `type` onto the Secret, and a Secret's type
// is immutable.
import { dirname, basename } from 'node:path';
import type { Node, Pair } from 'yaml';
import type { Rule, RuleContext } from '../../engine/rule';
import type { Fix, RelatedLocation } from '../../engine/types';
import { columnOf, insertIntoMap, insertLineAfter, yamlScalar } from '../../engine/edits';
import { newlineOf } from '../../engine/lines';
import { MANAGED, PATCH, plainSecrets, sealedSecrets, type SealedSecretView, type SecretFact } from '../../engine/views/secrets';
import { asMap, get, pairOf, str } from '../../engine/yamlnav';
import { val } from '../../engine/value';

const DEFAULT_TYPE = 'Opaque';

/** The chart or app folder a file belongs to (templates/ counts as its chart). */
function appDir(file: string): string {
  const d = dirname(file);
  return basename(d) === 'templates' ? dirname(d) : d;
}

function sameTarget(sealedFile: string, sealedNs: string | undefined, p: SecretFact): boolean {
  if (sealedNs !== undefined && p.namespace !== undefined) return sealedNs === p.namespace;
  // A chart's argocd-secret is Argo CD's own: its name is specific enough.
  if (p.source === 'chart') return true;
  // Namespace decided at apply time: only a producer applied together with the SealedSecret is the same Secret.
  return appDir(sealedFile) === appDir(p.file);
}

/** Two documents of one template separated by control flow are alternatives, not both rendered. */
function alternativesInOneFile(ctx: RuleContext, s: SealedSecretView, p: SecretFact): boolean {
  if (p.file !== ctx.file.path) return false;
  const a = s.manifest.src.toOuter(s.manifest.map.range?.[0] ?? 0);
  const b = ctx.file.root.file.lines.offsetAt(p.span.start);
  const [lo, hi] = a < b ? [a, b] : [b, a];
  return ctx.file.root.spans.some((sp) => sp.control && sp.start >= lo && sp.start < hi);
}

function producerText(p: SecretFact): string {
  if (p.producer) return p.producer;
  return p.source === 'Secret' ? `a plain Secret in ${basename(p.file)}` : `an ExternalSecret in ${basename(p.file)}`;
}

function related(p: SecretFact, name: string): RelatedLocation[] {
  return [{ file: p.file, span: p.span, message: `Secret \`${name}\` is also produced here` }];
}

/** Adds `patch: "true"` to a plain Secret of this same file (the only producer a local edit can reach). */
function patchFix(ctx: RuleContext, p: SecretFact, name: string): Fix[] {
  if (p.file !== ctx.file.path || p.source !== 'Secret') return [];
  const target = plainSecrets(ctx.file).find((x) => x.name?.known && x.name.text === name && ctx.file.root.file.lines.positionAt(x.name.start).line === p.span.start.line);
  if (!target || !target.manifest.src.exact) return [];
  const src = target.manifest.src;
  const line = `${PATCH}: "true"`;
  const title = `Add ${line} to the existing Secret (merge; keeps its other keys)`;
  const annotations = target.annotations;
  if (annotations) {
    // Block maps only, like workloads/secret-reload: flow-style annotations get no edit.
    const edit = annotations.flow ? undefined : insertIntoMap(src, annotations, [line]);
    return edit ? [{ title, edits: [edit], preferred: true }] : [];
  }
  const meta = asMap(get(target.manifest.map, 'metadata'));
  const namePair = pairOf(meta, 'namespace') ?? pairOf(meta, 'name');
  const keyNode = namePair?.key as Node | undefined;
  const valueNode = namePair?.value as Node | undefined;
  if (!keyNode?.range || !valueNode?.range) return [];
  const col = columnOf(src, src.toOuter(keyNode.range[0]));
  const edit = insertLineAfter(src, src.toOuter(valueNode.range[1]), col, `annotations:${newlineOf(src.file.text)}${' '.repeat(col + 2)}${line}`);
  return [{ title, edits: [edit], preferred: true }];
}

function typeFix(s: SealedSecretView, want: string): Fix[] {
  const src = s.manifest.src;
  if (!src.exact || !s.template) return [];
  const typePair = pairOf(s.template, 'type');
  const v = typePair ? val(src, typePair.value) : undefined;
  if (v) return [{ title: `Set spec.template.type to ${want}`, edits: [{ start: v.start, end: v.end, newText: yamlScalar(want) }], preferred: true }];
  const edit = insertIntoMap(src, s.template, [`type: ${yamlScalar(want)}`], 'last');
  return edit ? [{ title: `Add spec.template.type: ${want}`, edits: [edit], preferred: true }] : [];
}

export const rule: Rule = {
  meta: {
    id: 'sealed-secrets/existing-secret-not-managed',
    defaultSeverity: 'error',
    summary: 'A Secret also produced by another source must carry sealedsecrets.bitnami.com/patch (or managed) itself, and keep its type, or the controller refuses to update it.',
    fixable: true,
    crossFile: true,
  },
  check(ctx) {
    const sealed = sealedSecrets(ctx.file);
    if (sealed.length === 0) return;
    const secretsByName = ctx.index.by('secrets', 'name', (p) => p.name);
    const chartSecretsByName = ctx.index.by('chartSecrets', 'name', (p) => p.name);
    for (const s of sealed) {
      if (!s.name?.known) continue;
      const name = s.name.text;
      const producers = [...(secretsByName.get(name) ?? []), ...(chartSecretsByName.get(name) ?? [])].filter((p) => p.source !== 'SealedSecret');
      const ns = s.namespace ? (s.namespace.known ? s.namespace.text : undefined) : undefined;
      // A templated namespace may be anything: compare names only within one app then.
      const nsUnknownButWritten = !!s.namespace && !s.namespace.known;
      for (const p of producers) {
        if (p.name !== name) continue;
        if (p.source === 'ExternalSecret' && /^(Merge|None)$/.test(p.creationPolicy ?? 'Owner')) continue;
        if (nsUnknownButWritten && appDir(ctx.file.path) !== appDir(p.file)) continue;
        if (!sameTarget(ctx.file.path, ns, p)) continue;
        if (alternativesInOneFile(ctx, s, p)) continue;
        const managed = p.annotations[MANAGED] === 'true';
        const patch = p.annotations[PATCH] === 'true';
        const where = producerText(p);
        if (!managed && !patch) {
          if (p.annotationsComplete === false) continue;
          const inTemplate = [MANAGED, PATCH].some((k) => str(get(s.templateAnnotations, k)) === 'true');
          const hint = p.source === 'chart' ? `set \`configs.secret.annotations: {"${PATCH}": "true"}\` in the argo-cd values` : `annotate that Secret with \`${PATCH}: "true"\``;
          ctx.report({
            start: s.name.start,
            end: s.name.end,
            message: `Secret \`${name}\` is also produced by ${where}, which does not carry \`${PATCH}\` or \`${MANAGED}\`: the controller refuses to update it ("already exists and is not managed by SealedSecret") and the sealed values never arrive${inTemplate ? ' (the annotation in spec.template.metadata.annotations does not count: the controller reads it from the existing Secret)' : ''}; ${hint}.`,
            related: related(p, name),
            fixes: patchFix(ctx, p, name),
          });
          continue;
        }
        if (managed && !patch) {
          const extraKeys = p.keysComplete && p.keys.some((k) => !s.encryptedData || !pairOf(s.encryptedData, k));
          if (p.source === 'chart' || extraKeys) {
            ctx.report({
              start: s.name.start,
              end: s.name.end,
              severity: 'warning',
              message: `\`${MANAGED}\` on Secret \`${name}\` (produced by ${where}) makes the controller replace its data, labels and annotations, dropping the keys it does not seal${p.source === 'chart' ? ' (argocd-secret\'s server.secretkey and admin.password: sessions and the derived Dex client secret change, admin login breaks)' : ''}; use \`${PATCH}: "true"\` to merge instead.`,
              related: related(p, name),
            });
          }
        }
        const want = p.type ?? DEFAULT_TYPE;
        const typeVal = val(s.manifest.src, get(s.template, 'type'));
        if (typeVal && !typeVal.known) continue;
        const have = typeVal?.text ?? DEFAULT_TYPE;
        if (have === want || (p.type === undefined && p.source === 'ExternalSecret')) continue;
        const at = typeVal ?? s.name;
        ctx.report({
          start: at.start,
          end: at.end,
          message: `Secret \`${name}\` exists with type \`${want}\` (from ${where}) but this SealedSecret's template makes it \`${have}\`: a Secret's type is immutable, so every update by the controller fails ("field is immutable").`,
          related: related(p, name),
          fixes: typeFix(s, want),
        });
      }
    }
  },
};

