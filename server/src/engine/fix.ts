import type { Finding, TextEdit } from './types';

/** Applies non-overlapping edits (overlapping ones after the first are dropped), back to front. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = dropOverlaps(edits);
  let out = text;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const e = sorted[i];
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  }
  return out;
}

function dropOverlaps(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const kept: TextEdit[] = [];
  for (const e of sorted) {
    const prev = kept[kept.length - 1];
    if (prev && (e.start < prev.end || (e.start === prev.start && e.start === e.end && prev.start === prev.end))) continue;
    kept.push(e);
  }
  return kept;
}

/** One fix per finding (its preferred one, or its only one); a fix overlapping an earlier one waits for the next pass. */
export function fixAllEdits(findings: readonly Finding[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  for (const f of findings) {
    // Several fixes and none preferred means a choice the user must make: fix-all leaves it alone.
    const fix = f.fixes.find((x) => x.preferred) ?? (f.fixes.length === 1 ? f.fixes[0] : undefined);
    if (!fix) continue;
    const clash = fix.edits.some((e) => chosen.some((c) => e.start < c.end && c.start < e.end || (e.start === c.start && e.end === c.end)));
    if (!clash) chosen.push(...fix.edits);
  }
  return chosen;
}
