import type { Page } from '@playwright/test';

/** The renderer's JS heap after a full collection, as the text of a V8 heap snapshot (CDP). */
export async function heapSnapshot(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  const chunks: string[] = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', (event) => chunks.push(event.chunk));
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  await cdp.detach();
  return chunks.join('');
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; edge_fields: string[]; node_types: [string[]]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/**
 * Every heap string that contains `needle`, each with one chain of what holds it (up to `depth`
 * retainers: `Type name -[edge]->`), so a failing leak test says who keeps the secret alive.
 */
export function retainersOf(snapshotText: string, needle: string, depth = 8): string[] {
  const snap = JSON.parse(snapshotText) as Snapshot;
  const { node_fields: nf, edge_fields: ef, node_types: nt, edge_types: et } = snap.snapshot.meta;
  const N = nf.length;
  const E = ef.length;
  const [typeAt, nameAt, edgeCountAt] = [nf.indexOf('type'), nf.indexOf('name'), nf.indexOf('edge_count')];
  const [eType, eName, eTo] = [ef.indexOf('type'), ef.indexOf('name_or_index'), ef.indexOf('to_node')];
  const nodeTypes = nt[0];
  const edgeTypes = et[0];
  const count = snap.nodes.length / N;

  // Reverse edges: for each node index, one retainer (node index, edge label) is enough for a path.
  const retainer = new Int32Array(count).fill(-1);
  const retainerEdge: string[] = new Array<string>(count);
  let edge = 0;
  for (let n = 0; n < count; n++) {
    const edges = snap.nodes[n * N + edgeCountAt]!;
    for (let k = 0; k < edges; k++, edge += E) {
      const to = snap.edges[edge + eTo]! / N;
      const kind = edgeTypes[snap.edges[edge + eType]!] ?? '?';
      if (kind === 'weak' || retainer[to] !== -1) continue;
      const raw = snap.edges[edge + eName]!;
      retainer[to] = n;
      retainerEdge[to] = kind === 'element' || kind === 'hidden' ? `[${raw}]` : (snap.strings[raw] ?? String(raw));
    }
  }

  const describe = (n: number) =>
    `${nodeTypes[snap.nodes[n * N + typeAt]!] ?? '?'} ${JSON.stringify((snap.strings[snap.nodes[n * N + nameAt]!] ?? '').slice(0, 60))}`;
  const found: string[] = [];
  for (let n = 0; n < count; n++) {
    const type = nodeTypes[snap.nodes[n * N + typeAt]!];
    if (type !== 'string' && type !== 'concatenated string' && type !== 'sliced string') continue;
    if (!(snap.strings[snap.nodes[n * N + nameAt]!] ?? '').includes(needle)) continue;
    const chain: string[] = [describe(n)];
    for (let at = n, i = 0; i < depth && retainer[at] !== -1; i++) {
      chain.push(`<-[${retainerEdge[at]}]- ${describe(retainer[at]!)}`);
      at = retainer[at]!;
    }
    found.push(chain.join(' '));
  }
  return found;
}
