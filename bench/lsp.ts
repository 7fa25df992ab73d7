// Editor latency and memory through real language servers over stdio: ours and, on the same files
// in the same run, Red Hat's yaml-language-server (installed on demand from npm into a cache).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver/node';
import { longValuesFile, synthRepo } from './synth';
import { writeRepo } from './cli';
import { median, percentile, ms } from './stats';

const ROOT = resolve(__dirname, '../..');
const EDITS = Number(process.env.CAL_BENCH_EDITS ?? 200);

interface Server {
  proc: ChildProcess;
  conn: ProtocolConnection;
  waitFor(uri: string, version: number | undefined): Promise<void>;
  close(): Promise<void>;
}

async function start(cmd: string[], rootDir: string, settings: unknown): Promise<Server> {
  const proc = spawn(process.execPath, cmd, { stdio: ['pipe', 'pipe', 'ignore'] });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const waiting = new Map<string, Array<{ version: number | undefined; resolve: () => void }>>();
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number }) => {
    const list = waiting.get(p.uri) ?? [];
    waiting.set(
      p.uri,
      list.filter((w) => {
        if (w.version === undefined || p.version === undefined || p.version >= w.version) {
          w.resolve();
          return false;
        }
        return true;
      }),
    );
  });
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => settings));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification('$/progress', () => undefined);
  conn.onNotification('window/logMessage', () => undefined);
  conn.listen();
  const root = pathToFileURL(rootDir).toString();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: root,
    workspaceFolders: [{ uri: root, name: 'bench' }],
    capabilities: { textDocument: { publishDiagnostics: { versionSupport: true }, synchronization: { didSave: true } }, workspace: { configuration: true, workspaceFolders: true }, window: { workDoneProgress: true } },
    initializationOptions: {},
  });
  await conn.sendNotification('initialized', {});
  return {
    proc,
    conn,
    waitFor: (uri, version) => new Promise((res) => waiting.set(uri, [...(waiting.get(uri) ?? []), { version, resolve: res }])),
    async close() {
      try {
        await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        await conn.sendNotification('exit');
      } catch {
        // already gone
      }
      setTimeout(() => proc.kill('SIGKILL'), 500).unref();
    },
  };
}

async function latency(server: Server, uri: string, text: string): Promise<number[]> {
  let version = 1;
  const opened = server.waitFor(uri, version);
  await server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
  await opened;
  const times: number[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < EDITS; i++) {
    version++;
    // Typing into a value in the middle of the file.
    const at = Math.floor(lines.length / 2);
    const edited = [...lines.slice(0, at), `${lines[at]}${i % 2 ? '' : ''}`, `# edit ${i}`, ...lines.slice(at + 1)].join('\n');
    const done = server.waitFor(uri, version);
    const t0 = performance.now();
    await server.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: edited }] });
    await done;
    times.push(performance.now() - t0);
  }
  return times;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmRSS:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) / 1024 : NaN;
}

function yamlLanguageServer(): string[] | undefined {
  const dir = join(process.env.CAL_BENCH_CACHE ?? join(homedir(), '.cache', 'cluster-auth-lint-bench'), 'yls');
  const bin = join(dir, 'node_modules/yaml-language-server/bin/yaml-language-server');
  if (!existsSync(bin)) {
    mkdirSync(dir, { recursive: true });
    const r = spawnSync('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', 'yaml-language-server@1.25.0'], { stdio: 'inherit' });
    if (r.status !== 0 || !existsSync(bin)) return undefined;
  }
  return [bin, '--stdio'];
}

export async function lspBench(): Promise<Record<string, unknown>> {
  return { ...(await latencyBench()), ...(await memoryBench()) };
}

export async function latencyBench(): Promise<Record<string, unknown>> {
  const ours = [join(ROOT, 'bin/cluster-auth-lint-server.js'), '--stdio'];
  const small = synthRepo(12).get('cluster/templates/app-0.yaml')!;
  const template200 = Array.from({ length: 5 }, () => small).join('---\n').split('\n').slice(0, 200).join('\n') + '\n';
  const values5000 = longValuesFile(5000);
  const dir = writeRepo(12);
  writeFileSync(join(dir, 'template.yaml'), template200);
  writeFileSync(join(dir, 'values.yaml'), values5000);
  const out: Record<string, unknown> = {};
  const rows: string[] = [];
  const peerCmd = yamlLanguageServer();
  for (const [name, file, text] of [['200-line template', 'template.yaml', template200], ['5,000-line values', 'values.yaml', values5000]] as const) {
    const uri = pathToFileURL(join(dir, file)).toString();
    const server = await start(ours, dir, {});
    const t = await latency(server, uri, text);
    await server.close();
    let peer: number[] | undefined;
    if (peerCmd) {
      const yls = await start(peerCmd, dir, { validate: true, hover: false, completion: false, format: { enable: false }, schemas: {}, schemaStore: { enable: false } });
      peer = await latency(yls, uri, text);
      await yls.close();
    }
    const row = { p50: median(t), p95: percentile(t, 95), peerP50: peer && median(peer), peerP95: peer && percentile(peer, 95) };
    out[name] = row;
    rows.push(`| ${name} | ${ms(row.p50)} | ${ms(row.p95)} | ${peer ? ms(row.peerP50!) : 'n/a'} | ${peer ? ms(row.peerP95!) : 'n/a'} | ${peer ? (row.p50 / row.peerP50!).toFixed(2) : 'n/a'} |`);
  }
  console.log(`\nEditor latency, didChange → publishDiagnostics over stdio (${EDITS} edits; targets p50 < 5 ms / < 60 ms)`);
  console.log('| file | ours p50 | ours p95 | yaml-language-server p50 | p95 | ratio p50 ours/theirs |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) console.log(r);
  return out;
}

export async function memoryBench(): Promise<Record<string, unknown>> {
  const ours = [join(ROOT, 'bin/cluster-auth-lint-server.js'), '--stdio'];
  const out: Record<string, unknown> = {};
  for (const count of [1000, 10000]) {
    const repo = writeRepo(count);
    const server = await start(ours, repo, {});
    // Indexing ends when the server answers a request queued behind it, and RSS settles.
    let last = 0;
    for (let i = 0; i < 120; i++) {
      await new Promise((r) => setTimeout(r, 500));
      const now = rssMb(server.proc.pid!);
      if (Math.abs(now - last) < 1 && i > 4) break;
      last = now;
    }
    const rss = rssMb(server.proc.pid!);
    await server.close();
    out[`rssAfterIndexing${count}Mb`] = rss;
    console.log(`Server RSS after indexing ${count} files: ${rss.toFixed(0)} MB (target < ${count === 1000 ? 150 : 200} MB)`);
  }
  return out;
}
