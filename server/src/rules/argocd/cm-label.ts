// Argo CD's settings informer lists ConfigMaps with the selector app.kubernetes.io/part-of=argocd
// (util/settings/settings.go: partOfArgoCDSelector, GetConfigMapByName): an unlabelled argocd-cm
// does not exist for Argo CD. argocd-rbac-cm and argocd-cmd-params-cm are read without it.
import type { Rule } from '../../engine/rule';
import type { Fix } from '../../engine/types';
import { argoCdSettings } from '../../engine/views/argocd';
import { ARGOCD_PART_OF, addPartOfLabel, kustomizeRole, labelsKey, partOfLabel } from '../../engine/views/argocd-refs';
import { PART_OF_LABEL } from '../../engine/views/secrets';

const LABEL = `${PART_OF_LABEL}: ${ARGOCD_PART_OF}`;

export const rule: Rule = {
  meta: {
    id: 'argocd/cm-label',
    defaultSeverity: 'error',
    summary: 'A raw `argocd-cm` ConfigMap without `app.kubernetes.io/part-of: argocd` is invisible to Argo CD.',
    fixable: true,
  },
  check(ctx) {
    for (const s of argoCdSettings(ctx.file)) {
      const m = s.manifest;
      if (s.via !== 'configmap' || !m || m.apiVersion !== 'v1' || !m.name?.known) continue;
      const state = partOfLabel(m);
      if (state.templated || (state.value && (!state.value.known || state.value.text === ARGOCD_PART_OF))) continue;
      // A kustomize patch keeps its base's labels; kustomize labels on a resource reach it.
      const role = kustomizeRole(ctx.index, ctx.file.path);
      if (role.patch || role.partOf === ARGOCD_PART_OF) continue;
      const edit = addPartOfLabel(m);
      const fixes: Fix[] = edit ? [{ title: state.value ? `Set ${PART_OF_LABEL} to ${ARGOCD_PART_OF}` : `Add the label ${LABEL}`, edits: [edit], preferred: true }] : [];
      const at = state.value ?? labelsKey(m) ?? m.name;
      ctx.report({
        start: at.start,
        end: at.end,
        message: state.value
          ? `Argo CD selects its ConfigMaps by ${LABEL} exactly, so this argocd-cm is invisible to it: url, dex.config and oidc.config are ignored (SSO missing, "configmap \\"argocd-cm\\" not found" in the logs).`
          : `ConfigMap argocd-cm lacks the label ${LABEL}, so Argo CD does not see it: url, dex.config and oidc.config are ignored (SSO missing, "configmap \\"argocd-cm\\" not found" in the logs).`,
        fixes,
      });
    }
  },
};
