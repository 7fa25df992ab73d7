// Argo CD resolves `$secret:key` in dex.config / oidc.config only from Secrets in its namespace that
// carry `app.kubernetes.io/part-of: argocd` (util/settings/settings.go: getSecrets lists with that
// selector, ReplaceStringSecret keeps the literal when the key is not found). Reported on both
// ends: on the reference (no fix: the edit belongs to the other file) and on the Secret, with the fix.
import type { Rule } from '../../engine/rule';
import type { RelatedLocation, Fix } from '../../engine/types';
import type { FileModel, Manifest } from '../../engine/model';
import type { IndexQuery } from '../../engine/facts';
import { asMap, get, getIn, pairOf } from '../../engine/yamlnav';
import { PART_OF_LABEL } from '../../engine/views/secrets';
import { val, type Val } from '../../engine/value';
import {
  ARGOCD_PART_OF,
  addPartOfLabel,
  kustomizeRole,
  labelsKey,
  labelPath,
  namedRefs,
  namespacesMatch,
  partOfLabel,
  producerLabelled,
  producersOf,
  type NamedRef,
  type SecretRefFact,
} from '../../engine/views/argocd-refs';
import { deleteEntry } from '../../engine/edits';
import { pairRange } from '../../engine/source';

const LABEL = `${PART_OF_LABEL}: ${ARGOCD_PART_OF}`;

function symptom(ref: NamedRef): string {
  const text = ref.val.text;
  if (!inConnector(ref)) return `Argo CD passes the literal "${text}" on as the credential and the provider refuses it ("invalid_client")`;
  // Dex runs os.ExpandEnv over connector configs: `$name` is read as an environment variable up to the first character that cannot be in one.
  const envName = /^\$([A-Za-z0-9_]+)/.exec(text)?.[1] ?? '';
  return `Argo CD passes the literal "${text}" on and Dex expands "$${envName}" in it as an environment variable, so login fails (GitHub answers 404, other providers "invalid_client")`;
}

function inConnector(ref: NamedRef): boolean {
  if (ref.in !== 'dex.config') return false;
  const connectors = get(ref.settings.dexConfig?.root, 'connectors') as { range?: [number, number, number] } | undefined;
  const at = ref.val.node.range?.[0];
  return !!connectors?.range && at !== undefined && at >= connectors.range[0] && at < connectors.range[1];
}

function checkReferences(file: FileModel, index: IndexQuery, report: (r: { start: number; end: number; message: string; related: RelatedLocation[] }) => void): void {
  for (const ref of namedRefs(file)) {
    const producers = producersOf(index, ref.secret, ref.settings.namespace);
    if (producers.length === 0) continue;
    const states = producers.map((p) => producerLabelled(index, p));
    if (states.some((s) => s !== false)) continue;
    const related = producers.map((p) => ({ file: p.file, span: p.span, message: `${p.source} ${p.name} is produced here without the label ${LABEL}` }));
    report({
      start: ref.val.start,
      end: ref.val.end,
      message: `Secret "${ref.secret}" lacks the label ${LABEL}${producers.some((p) => p.source === 'SealedSecret') ? ' (for a SealedSecret: in spec.template.metadata.labels)' : ''}, so ${symptom(ref)}.`,
      related,
    });
  }
}

function referencesTo(index: IndexQuery, name: string, namespace: string | undefined): SecretRefFact[] {
  return (index.by('secretRefs', 'secret', (r) => r.secret).get(name) ?? []).filter((r) => namespacesMatch(r.namespace, namespace));
}

function known(v: { known: boolean; text: string } | undefined): string | undefined {
  return v && v.known ? v.text : undefined;
}

function checkSecrets(file: FileModel, index: IndexQuery, report: (r: { start: number; end: number; message: string; related: RelatedLocation[]; fixes?: Fix[] }) => void): void {
  for (const m of file.manifests) {
    const sealed = m.kind === 'SealedSecret' && m.apiVersion.startsWith('bitnami.com/');
    const plain = m.kind === 'Secret' && m.apiVersion === 'v1';
    if (!sealed && !plain) continue;
    const templateMeta = sealed ? asMap(getIn(m.map, ['spec', 'template', 'metadata'])) : undefined;
    const name = known(m.name) ?? known(sealed ? valOfTemplate(m, 'name') : undefined);
    if (!name) continue;
    const namespace = known(m.namespace) ?? known(sealed ? valOfTemplate(m, 'namespace') : undefined);
    const refs = referencesTo(index, name, namespace);
    if (refs.length === 0) continue;
    const state = partOfLabel(m);
    if (state.templated || (state.value && (!state.value.known || state.value.text === ARGOCD_PART_OF))) continue;
    const role = kustomizeRole(index, file.path);
    if (role.patch || (plain && role.partOf === ARGOCD_PART_OF)) continue;
    const related = refs.map((r) => ({ file: r.file, span: r.span, message: `referenced here as "$${r.secret}:${r.key}" (${r.in})` }));
    const ownLabels = sealed ? asMap(getIn(m.map, ['metadata', 'labels'])) : undefined;
    const ownPair = pairOf(ownLabels, PART_OF_LABEL);
    const fixes: Fix[] = [];
    const add = addPartOfLabel(m);
    if (ownPair && ownLabels && add) {
      const del = deleteEntry(m.src, ownLabels, ownPair, pairOf(asMap(getIn(m.map, ['metadata'])), 'labels'));
      if (del) fixes.push({ title: `Move ${LABEL} to spec.template.metadata.labels`, edits: [add, del], preferred: true });
      fixes.push({ title: `Add ${LABEL} to spec.template.metadata.labels`, edits: [add], preferred: !del });
    } else if (add) {
      fixes.push({ title: `Add ${LABEL} to ${labelPath(m).join('.')}`, edits: [add], preferred: true });
    }
    const first = refs[0];
    const refText = `"$${first.secret}:${first.key}"`;
    const ownKey = pairOf(asMap(getIn(m.map, ['metadata'])), 'labels')?.key as { range?: [number, number, number] } | undefined;
    const at = ownPair
      ? { start: ownKey?.range ? m.src.toOuter(ownKey.range[0]) : pairRange(m.src, ownPair).start, end: pairRange(m.src, ownPair).end }
      : state.value
        ? { start: state.value.start, end: state.value.end }
        : labelsKey(m) ?? (m.name?.known ? { start: m.name.start, end: m.name.end } : undefined);
    const where = at ?? (templateMeta ? pairRange(m.src, pairOf(asMap(getIn(m.map, ['spec', 'template'])), 'metadata')!) : { start: 0, end: 0 });
    const message = ownPair
      ? `The label ${LABEL} is on the SealedSecret itself, but only spec.template.metadata.labels reach the Secret, so Argo CD cannot resolve ${refText} and ${symptomTail()}.`
      : state.value
        ? `Argo CD selects Secrets by ${LABEL} exactly, so it cannot resolve ${refText} from this Secret and ${symptomTail()}.`
        : `Argo CD reads this Secret through ${refText}${refs.length > 1 ? ` (and ${refs.length - 1} more)` : ''} but the Secret it produces lacks the label ${LABEL}, so the reference stays a literal and ${symptomTail()}.`;
    report({ start: where.start, end: where.end, message, related, fixes });
  }
}

function symptomTail(): string {
  return 'SSO login fails (GitHub answers 404, other providers "invalid_client")';
}

function valOfTemplate(m: Manifest, key: 'name' | 'namespace'): Val | undefined {
  return val(m.src, getIn(m.map, ['spec', 'template', 'metadata', key]));
}

export const rule: Rule = {
  meta: {
    id: 'argocd/secret-ref-label',
    defaultSeverity: 'error',
    summary: 'A `$secret:key` in dex.config/oidc.config names a Secret without `app.kubernetes.io/part-of: argocd`: Argo CD cannot resolve it.',
    fixable: true,
    crossFile: true,
  },
  check(ctx) {
    checkReferences(ctx.file, ctx.index, ctx.report);
    checkSecrets(ctx.file, ctx.index, ctx.report);
  },
};
