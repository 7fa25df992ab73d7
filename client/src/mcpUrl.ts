// The URL to prefill in "Check MCP server authorization…": the MCP ingress host nearest the
// cursor (on the cursor's line, else in the same YAML document), as https://<host>/mcp.

const HOST_LINE = /^\s*(?:-\s+)?(?:host:\s*)?["']?([A-Za-z0-9*][A-Za-z0-9.*-]*\.[A-Za-z0-9.-]+)["']?\s*(?:#.*)?$/;

function hostOn(line: string): string | undefined {
  if (line.includes('{{')) return undefined;
  const m = HOST_LINE.exec(line);
  if (!m) return undefined;
  const host = m[1];
  return host.startsWith('*') ? undefined : host;
}

export function mcpUrlNear(text: string, cursorLine: number): string | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  const here = hostOn(lines[cursorLine] ?? '');
  if (here && /mcp/i.test(here)) return `https://${here}/mcp`;
  let start = cursorLine;
  while (start > 0 && !/^---/.test(lines[start])) start--;
  let end = cursorLine;
  while (end < lines.length - 1 && !/^---/.test(lines[end + 1])) end++;
  let best: { host: string; distance: number } | undefined;
  for (let i = start; i <= end; i++) {
    const host = hostOn(lines[i]);
    if (!host || !/mcp/i.test(host)) continue;
    const distance = Math.abs(i - cursorLine);
    if (!best || distance < best.distance) best = { host, distance };
  }
  return best ? `https://${best.host}/mcp` : undefined;
}
