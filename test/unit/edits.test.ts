// engine/edits.ts on real parsed YAML: every case builds its edit from the file's nodes and states
// the exact text after applying it (null: no edit can be placed exactly).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isMap, isSeq, parseDocument, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import {
  addEntryAt,
  appendToSeq,
  deleteEntry,
  deletePairLines,
  deleteSeqItemLine,
  insertIntoMap,
  insertLineAfter,
  insertLineBefore,
  replaceScalar,
  yamlScalar,
  contentEnd,
  columnOf,
} from '../../server/src/engine/edits';
import { applyEdits } from '../../server/src/engine/fix';
import { embeddedYaml, fileSource, type Source } from '../../server/src/engine/source';
import type { TextEdit } from '../../server/src/engine/types';
import { val } from '../../server/src/engine/value';
import { getIn, pairOf } from '../../server/src/engine/yamlnav';

import { y } from '../support/yaml';
const crlf = (t: string) => t.replace(/\n/g, '\r\n');

/** The file's nodes, and those of YAML held in a string at `path` (a literal block maps exactly). */
interface At {
  src: Source;
  node(path: string[]): unknown;
  map(path: string[]): YAMLMap;
  seq(path: string[]): YAMLSeq;
  pair(path: string[]): Pair;
  child(path: string[]): At;
}

function at(src: Source, root: unknown): At {
  const self: At = {
    src,
    node: (path) => (path.length === 0 ? root : getIn(root, path)),
    map: (path) => {
      const n = self.node(path);
      assert.ok(isMap(n), `no map at ${path.join('.')}`);
      return n;
    },
    seq: (path) => {
      const n = self.node(path);
      assert.ok(isSeq(n), `no list at ${path.join('.')}`);
      return n;
    },
    pair: (path) => {
      const p = pairOf(self.node(path.slice(0, -1)), path[path.length - 1]);
      assert.ok(p, `no pair at ${path.join('.')}`);
      return p;
    },
    child: (path) => {
      const c = embeddedYaml(src, self.node(path));
      assert.ok(c, `no YAML string at ${path.join('.')}`);
      return at(c, c.docs[0]?.contents);
    },
  };
  return self;
}

interface Case {
  name: string;
  text: string;
  edit: (f: At) => TextEdit | undefined;
  output: string | null;
}

const cases: Case[] = [
  // Inserting into block maps: the entries' own column, before the first or after the last.
  {
    name: 'first entry of a nested block map keeps its column',
    text: y('spec:', '  template:', '    metadata:', '      labels:', '        app: x'),
    edit: (f) => insertIntoMap(f.src, f.map(['spec', 'template', 'metadata', 'labels']), ['team: a']),
    output: y('spec:', '  template:', '    metadata:', '      labels:', '        team: a', '        app: x'),
  },
  {
    name: 'several lines, relative indentation kept',
    text: y('values:', '    image: x'),
    edit: (f) => insertIntoMap(f.src, f.map(['values']), ['extraArgs:', '  provider: oidc']),
    output: y('values:', '    extraArgs:', '      provider: oidc', '    image: x'),
  },
  {
    name: 'after the last entry, past a block value and its trailing blank line',
    text: y('data:', '  a: 1', '  b: |', '    text', '', 'other: 2'),
    edit: (f) => insertIntoMap(f.src, f.map(['data']), ['c: 3'], 'last'),
    output: y('data:', '  a: 1', '  b: |', '    text', '  c: 3', '', 'other: 2'),
  },
  {
    name: 'after the last entry whose value is a nested list',
    text: y('m:', '  k:', '    - a', '    - b  # note', 'n: 1'),
    edit: (f) => insertIntoMap(f.src, f.map(['m']), ['z: 1'], 'last'),
    output: y('m:', '  k:', '    - a', '    - b  # note', '  z: 1', 'n: 1'),
  },
  {
    name: 'a map that is a list item: the new key goes right after the dash',
    text: y('env:', '  - name: A', '    value: b'),
    edit: (f) => insertIntoMap(f.src, f.seq(['env']).items[0] as YAMLMap, ['x: 1']),
    output: y('env:', '  - x: 1', '    name: A', '    value: b'),
  },
  {
    name: 'CRLF text gets CRLF lines',
    text: crlf(y('a:', '  b: 1')),
    edit: (f) => insertIntoMap(f.src, f.map(['a']), ['c:', '  d: 2']),
    output: crlf(y('a:', '  c:', '    d: 2', '  b: 1')),
  },
  {
    name: 'a templated first key gives no column to trust',
    text: y('a:', '  {{ .Values.k }}: 1'),
    edit: (f) => insertIntoMap(f.src, f.map(['a']), ['c: 2']),
    output: null,
  },
  // Flow maps and lists.
  {
    name: 'flow map, first, spaced style',
    text: y('a: { b: 1 }'),
    edit: (f) => insertIntoMap(f.src, f.map(['a']), ['c: 2']),
    output: y('a: { c: 2, b: 1 }'),
  },
  {
    name: 'flow map, last, compact style',
    text: y('a: {b: 1}'),
    edit: (f) => insertIntoMap(f.src, f.map(['a']), ['c: 2'], 'last'),
    output: y('a: {b: 1, c: 2}'),
  },
  {
    name: 'empty flow map',
    text: y('a: {}'),
    edit: (f) => insertIntoMap(f.src, f.map(['a']), ['c: 2'], 'last'),
    output: y('a: { c: 2 }'),
  },
  {
    name: 'a flow map takes one line only',
    text: y('a: {b: 1}'),
    edit: (f) => insertIntoMap(f.src, f.map(['a']), ['c:', '  d: 2']),
    output: null,
  },
  {
    name: 'flow list with spaces inside the brackets',
    text: y('l: [ a, b ]'),
    edit: (f) => appendToSeq(f.src, f.seq(['l']), 'c'),
    output: y('l: [ a, b, c ]'),
  },
  {
    name: 'flow list with a trailing comma',
    text: y('l: [a,]'),
    edit: (f) => appendToSeq(f.src, f.seq(['l']), 'c'),
    output: y('l: [a, c,]'),
  },
  {
    name: 'empty flow list',
    text: y('l: []'),
    edit: (f) => appendToSeq(f.src, f.seq(['l']), 'c'),
    output: y('l: [c]'),
  },
  // Block lists.
  {
    name: 'block list: the dash column, items that start with a dash themselves',
    text: y('args:', '    - --provider=oidc', '    - --upstream=file:///dev/null', 'next: 1'),
    edit: (f) => appendToSeq(f.src, f.seq(['args']), yamlScalar('--approval-prompt=auto')),
    output: y('args:', '    - --provider=oidc', '    - --upstream=file:///dev/null', '    - --approval-prompt=auto', 'next: 1'),
  },
  {
    name: 'block list of maps: after the last line of the last item',
    text: y('env:', '- name: A', '  value: "1"', '- name: B', '  value: "2"', 'x: 1'),
    edit: (f) => appendToSeq(f.src, f.seq(['env']), '{name: C, value: "3"}'),
    output: y('env:', '- name: A', '  value: "1"', '- name: B', '  value: "2"', '- {name: C, value: "3"}', 'x: 1'),
  },
  {
    name: 'block list at the end of a text without a final line break',
    text: 'l:\n  - a',
    edit: (f) => appendToSeq(f.src, f.seq(['l']), 'b'),
    output: 'l:\n  - a\n  - b',
  },
  // Inside a literal block scalar: the child's edits land in the file at the block's indentation.
  {
    name: 'literal block (dex.config): insert into a map of the embedded YAML',
    text: y('data:', '  dex.config: |', '    connectors:', '      - type: github', '        id: github', '  url: https://a'),
    edit: (f) => insertIntoMap(f.child(['data', 'dex.config']).src, f.child(['data', 'dex.config']).seq(['connectors']).items[0] as YAMLMap, ['name: GitHub'], 'last'),
    output: y('data:', '  dex.config: |', '    connectors:', '      - type: github', '        id: github', '        name: GitHub', '  url: https://a'),
  },
  {
    name: 'literal block: append to a list of the embedded YAML',
    text: y('data:', '  oidc.config: |', '    allowedAudiences:', '      - argo-cd', '    issuer: x'),
    edit: (f) => appendToSeq(f.child(['data', 'oidc.config']).src, f.child(['data', 'oidc.config']).seq(['allowedAudiences']), 'argo-cd-cli'),
    output: y('data:', '  oidc.config: |', '    allowedAudiences:', '      - argo-cd', '      - argo-cd-cli', '    issuer: x'),
  },
  {
    name: 'literal block: delete a pair of the embedded YAML',
    text: y('data:', '  oidc.config: |', '    name: x', '    issuer: y', 'z: 1'),
    edit: (f) => deletePairLines(f.child(['data', 'oidc.config']).src, f.child(['data', 'oidc.config']).pair(['name'])),
    output: y('data:', '  oidc.config: |', '    issuer: y', 'z: 1'),
  },
  {
    name: 'folded block: offsets cannot be traced, no edit',
    text: y('data:', '  oidc.config: >', '    name: x', '    issuer: y'),
    edit: (f) => {
      const c = f.child(['data', 'oidc.config']);
      return insertIntoMap(c.src, c.map([]), ['a: 1']);
    },
    output: null,
  },
  {
    name: 'double-quoted string holding YAML: no edit',
    text: y('data:', '  oidc.config: "name: x\\nissuer: y"'),
    edit: (f) => {
      const c = f.child(['data', 'oidc.config']);
      return deletePairLines(c.src, c.pair(['name']));
    },
    output: null,
  },
  // Lines.
  {
    name: 'insertLineAfter at a value, CRLF kept',
    text: crlf(y('metadata:', '  name: x', 'spec: 1')),
    edit: (f) => insertLineAfter(f.src, contentEnd(f.src, f.pair(['metadata', 'name']))!, 2, 'namespace: y'),
    output: crlf(y('metadata:', '  name: x', '  namespace: y', 'spec: 1')),
  },
  {
    name: 'insertLineBefore a key, indented like it',
    text: y('oidc:', '   clientID: a'),
    edit: (f) => insertLineBefore(f.src, f.src.toOuter((f.pair(['oidc', 'clientID']).key as { range: number[] }).range[0]), 'issuer: b'),
    output: y('oidc:', '   issuer: b', '   clientID: a'),
  },
  // Deleting.
  {
    name: 'a pair with a block map value goes with all its lines, the comment after it stays',
    text: y('a:', '  b:', '    c: 1', '    d: 2', '  # keep', '  e: 3'),
    edit: (f) => deletePairLines(f.src, f.pair(['a', 'b'])),
    output: y('a:', '  # keep', '  e: 3'),
  },
  {
    name: 'a pair with a literal block value',
    text: y('a:', '  b: |', '    x', '    y', '  c: 1'),
    edit: (f) => deletePairLines(f.src, f.pair(['a', 'b'])),
    output: y('a:', '  c: 1'),
  },
  {
    name: 'a pair whose key does not start its line is not deleted',
    text: y('- a: 1', '  b: 2'),
    edit: (f) => deletePairLines(f.src, pairOf((f.node([]) as YAMLSeq).items[0], 'a')!),
    output: null,
  },
  {
    name: 'deleteEntry of the only label removes the labels key too',
    text: y('metadata:', '  labels:', '    app: x', '  name: n'),
    edit: (f) => deleteEntry(f.src, f.map(['metadata', 'labels']), f.pair(['metadata', 'labels', 'app']), f.pair(['metadata', 'labels'])),
    output: y('metadata:', '  name: n'),
  },
  {
    name: 'a list item on its own line, CRLF',
    text: crlf(y('l:', '  - a', '  - "*"  # all', '  - c')),
    edit: (f) => deleteSeqItemLine(f.src, f.seq(['l']).items[1]),
    output: crlf(y('l:', '  - a', '  - c')),
  },
  {
    name: 'a map item of a list, all its lines',
    text: y('env:', '  - name: A', '    value: b', '  - name: C', '    value: d'),
    edit: (f) => deleteSeqItemLine(f.src, f.seq(['env']).items[0]),
    output: y('env:', '  - name: C', '    value: d'),
  },
  {
    name: 'broken text after an item on its line (`- "a" b`): not deleted with it',
    text: y('l:', '  - "a" b', '  - c'),
    edit: (f) => deleteSeqItemLine(f.src, f.seq(['l']).items[0]),
    output: null,
  },
  {
    name: 'a flow list item is not a line of its own',
    text: y('l: [a, b]'),
    edit: (f) => deleteSeqItemLine(f.src, f.seq(['l']).items[0]),
    output: null,
  },
  // Replacing scalars: the quoting style stays.
  {
    name: 'double-quoted stays double-quoted, escapes added',
    text: y('a: "old"'),
    edit: (f) => replaceScalar(val(f.src, f.node(['a']))!, 'say "hi"'),
    output: y('a: "say \\"hi\\""'),
  },
  {
    name: 'single-quoted stays single-quoted',
    text: y("a: 'old' # c"),
    edit: (f) => replaceScalar(val(f.src, f.node(['a']))!, "it's"),
    output: y("a: 'it''s' # c"),
  },
  {
    name: 'plain stays plain when it reads back the same',
    text: y('a: old'),
    edit: (f) => replaceScalar(val(f.src, f.node(['a']))!, 'https://x.example.com/a'),
    output: y('a: https://x.example.com/a'),
  },
  {
    name: 'plain becomes quoted when the new text would read as a boolean',
    text: y('a: old'),
    edit: (f) => replaceScalar(val(f.src, f.node(['a']))!, 'yes'),
    output: y('a: "yes"'),
  },
  {
    name: 'a block scalar is not replaced',
    text: y('a: |', '  old'),
    edit: (f) => replaceScalar(val(f.src, f.node(['a']))!, 'new'),
    output: null,
  },
  // Adding an entry at a path.
  {
    name: 'addEntryAt creates the missing maps after the last entry',
    text: y('metadata:', '  name: argocd-cm', 'data: {}'),
    edit: (f) => addEntryAt(f.src, f.map([]), ['metadata', 'labels'], 'app.kubernetes.io/part-of: argocd'),
    output: y('metadata:', '  name: argocd-cm', '  labels:', '    app.kubernetes.io/part-of: argocd', 'data: {}'),
  },
  {
    name: 'addEntryAt under an empty key',
    text: y('metadata:', '  labels:', '  name: x'),
    edit: (f) => addEntryAt(f.src, f.map([]), ['metadata', 'labels'], 'a: b'),
    output: y('metadata:', '  labels:', '    a: b', '  name: x'),
  },
  {
    name: 'addEntryAt into a flow map at the path',
    text: y('metadata:', '  labels: {app: x}'),
    edit: (f) => addEntryAt(f.src, f.map([]), ['metadata', 'labels'], 'a: b'),
    output: y('metadata:', '  labels: {app: x, a: b}'),
  },
  {
    name: "addEntryAt does not replace an empty string written as ''",
    text: y('metadata:', "  labels: ''"),
    edit: (f) => addEntryAt(f.src, f.map([]), ['metadata', 'labels'], 'a: b'),
    output: null,
  },
];

describe('engine/edits', () => {
  for (const c of cases) {
    it(c.name, () => {
      const src = fileSource('/t.yaml', c.text);
      const edit = c.edit(at(src, src.docs[0]?.contents));
      assert.equal(edit ? applyEdits(c.text, [edit]) : null, c.output);
      if (edit && c.output !== null) assert.ok(fileSource('/t.yaml', c.output).docs.every((d) => d.errors.length === 0), 'the edited text parses');
    });
  }
});

describe('engine/edits yamlScalar', () => {
  const table: Array<[string, string]> = [
    ['auto', 'auto'],
    ['--cookie-name=_oauth2_proxy', '--cookie-name=_oauth2_proxy'],
    ['https://argocd.example.com/api/dex', 'https://argocd.example.com/api/dex'],
    ['$argocd-dex-secret:dex.github.clientSecret', '$argocd-dex-secret:dex.github.clientSecret'],
    ['', '""'],
    ['true', '"true"'],
    ['No', '"No"'],
    ['y', '"y"'],
    ['~', '"~"'],
    ['1.10', '"1.10"'],
    ['1e3', '"1e3"'],
    ['0x1F', '"0x1F"'],
    ['1_000', '"1_000"'],
    ['.inf', '".inf"'],
    ['1:30', '"1:30"'],
    ['- x', '"- x"'],
    ['-', '"-"'],
    ['a: b', '"a: b"'],
    ['a #b', '"a #b"'],
    ['ends:', '"ends:"'],
    ['*', '"*"'],
    ['{{ x }}', '"{{ x }}"'],
    [' lead', '" lead"'],
    ['two\nlines', '"two\\nlines"'],
  ];
  for (const [text, want] of table) {
    it(JSON.stringify(text), () => {
      assert.equal(yamlScalar(text), want);
      // Whatever it writes reads back as the same string.
      const doc = parseDocument(`k: ${yamlScalar(text)}\n`);
      assert.equal(doc.errors.length, 0);
      assert.equal((doc.toJS() as { k: unknown }).k, text);
    });
  }

  it('columnOf counts from the line start, CR or LF', () => {
    const src = fileSource('/c.yaml', 'a: 1\r\n   b: 2\n');
    assert.equal(columnOf(src, src.file.text.indexOf('b')), 3);
  });
});
