import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { maskTemplates } from '../../server/src/engine/mask';
import { fileSource, templatedIn } from '../../server/src/engine/source';

const cases: Array<{ name: string; text: string; masked?: string; unknown: string[]; known: string[] }> = [
  {
    name: 'Helm control lines at column 0 become blank',
    text: 'a:\n{{- if .Values.x }}\n  b: 1\n{{- end }}\n',
    masked: 'a:\n' + ' '.repeat(19) + '\n  b: 1\n' + ' '.repeat(10) + '\n',
    unknown: [],
    known: ['b: 1'],
  },
  {
    name: 'an inline expression becomes a placeholder scalar',
    text: 'host: app.{{ .Values.domain }}\nport: 80\n',
    masked: 'host: app.____________________\nport: 80\n',
    unknown: ['app.{{ .Values.domain }}'],
    known: ['port: 80'],
  },
  {
    name: 'templates inside quoted strings',
    text: 'rd: "https://{{ .Values.d }}/x"\n',
    masked: 'rd: "https://_______________/x"\n',
    unknown: ['{{ .Values.d }}'],
    known: ['rd:'],
  },
  {
    name: 'keys that are templates',
    text: '{{ .Values.key }}: value\nother: 1\n',
    masked: '_________________: value\nother: 1\n',
    unknown: ['{{ .Values.key }}'],
    known: ['other: 1'],
  },
  {
    name: 'Jinja statements, expressions and comments',
    text: '{% if x %}\nname: {{ cluster_domain }}\n{# note #}\n{% endif %}\n',
    masked: ' '.repeat(10) + '\nname: ' + '_'.repeat(20) + '\n' + ' '.repeat(10) + '\n' + ' '.repeat(11) + '\n',
    unknown: ['{{ cluster_domain }}'],
    known: ['name:'],
  },
  {
    name: 'an include alone on its line renders YAML we cannot see: blank',
    text: 'labels:\n    {{- include "x.labels" . | nindent 4 }}\nspec: {}\n',
    unknown: ['{{- include'],
    known: ['spec: {}'],
  },
  {
    name: 'inline control flow makes the whole value unknown',
    text: 'ssl: {{ if .Values.a }}"true"{{ else }}{{ .Values.b | quote }}{{ end }}\nx: 1\n',
    unknown: ['"true"'],
    known: ['x: 1'],
  },
  {
    name: 'an unterminated action masks to the end of its line only',
    text: 'a: {{ .Values.x\nb: 2\n',
    unknown: ['{{ .Values.x'],
    known: ['b: 2'],
  },
  {
    name: 'a Go comment spanning lines',
    text: '{{- /*\n  a comment with "quotes"\n*/ -}}\nk: v\n',
    unknown: ['quotes'],
    known: ['k: v'],
  },
];

describe('template masking', () => {
  for (const c of cases) {
    it(c.name, () => {
      const m = maskTemplates(c.text);
      assert.equal(m.text.length, c.text.length, 'same length');
      for (let i = 0; i < c.text.length; i++) {
        if (c.text[i] === '\n') assert.equal(m.text[i], '\n', `line break kept at ${i}`);
      }
      if (c.masked !== undefined) assert.equal(m.text, c.masked);
      const src = fileSource('/t.yaml', c.text);
      assert.deepEqual(src.docs.flatMap((d) => d.errors.map((e) => e.code)), [], 'masked text parses');
      for (const u of c.unknown) {
        const at = c.text.indexOf(u);
        assert.ok(at >= 0);
        assert.ok(templatedIn(src, at, at + u.length), `${u} is unknown`);
      }
      for (const k of c.known) {
        const at = c.text.indexOf(k);
        assert.ok(!templatedIn(src, at, at + k.length), `${k} is known`);
      }
    });
  }

  it('keeps offsets: every non-template character is unchanged', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ include "n" . }}\n{{- with .Values.x }}\ndata:\n  k: "{{ . }}"\n{{- end }}\n';
    const m = maskTemplates(text);
    const inside = (i: number) => m.spans.some((s) => i >= s.start && i < s.end);
    for (let i = 0; i < text.length; i++) if (!inside(i)) assert.equal(m.text[i], text[i]);
  });

  it('is linear on a file full of unterminated `{{`', () => {
    const text = 'a: {{ x\n'.repeat(20000);
    const t0 = process.hrtime.bigint();
    const m = maskTemplates(text);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    assert.equal(m.text.length, text.length);
    assert.ok(ms < 2000, `took ${ms} ms`);
  });
});
