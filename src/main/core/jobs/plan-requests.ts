import { PATCH_SCHEMA } from '../scim/resources';
import { describeOperation, PHASE, requestOf, type Operation } from './operations';

/** One request a job will send, as a dry run shows it. */
export interface PlannedRequest {
  /** The rows of the file that asked for it (empty for steps about members missing from the file). */
  rows: number[];
  /** Steps it carries: 1, or the members of a membership batch. */
  steps: number;
  description: string;
  request: { method: string; path: string; body?: unknown };
}

export interface PlannedRequests {
  /** The first `limit` write requests in the order the job sends them. */
  requests: PlannedRequest[];
  /** Write requests in all. */
  writes: number;
  /** Every request: each write and the one read that checks it. */
  total: number;
}

type Step = { row: number | null; op: Operation };
type MembershipStep = Step & { op: Extract<Operation, { type: 'addToGroup' | 'removeFromGroup' }> };

const isMembership = (s: Step): s is MembershipStep => s.op.type === 'addToGroup' || s.op.type === 'removeFromGroup';
const placeholder = (name: string) => `{id of ${name}}`;

function batchRequest(batch: MembershipStep[]): PlannedRequest {
  const first = batch[0]!.op;
  const add = first.type === 'addToGroup';
  const ids = batch.map((s) => s.op.userId ?? placeholder(s.op.userName));
  const n = batch.length;
  return {
    rows: batch.flatMap((s) => (s.row === null ? [] : [s.row])),
    steps: n,
    description: `${add ? 'add' : 'remove'} ${n === 1 ? batch[0]!.op.userName : `${n} members`} ${add ? 'to' : 'from'} ${first.groupName}`,
    request: {
      method: 'PATCH',
      path: `/Groups/${first.groupId ?? placeholder(first.groupName)}`,
      body: {
        schemas: [PATCH_SCHEMA],
        Operations: add
          ? [{ op: 'add', path: 'members', value: ids.map((value) => ({ value })) }]
          : ids.map((id) => ({ op: 'remove', path: `members[value eq ${JSON.stringify(id)}]` })),
      },
    },
  };
}

/**
 * The requests a plan's job will send, as the job engine sends them: phase by phase, each
 * member step on its own, membership steps in batches of `batchSize` per group and change (the
 * same batches the runner forms). Each write is read back once, so the total is twice the writes.
 */
export function planRequests(steps: readonly Step[], batchSize: number, limit = Infinity): PlannedRequests {
  const requests: PlannedRequest[] = [];
  let writes = 0;
  const keep = (r: () => PlannedRequest) => {
    writes += 1;
    if (requests.length < limit) requests.push(r());
  };
  const phases = [...new Set(Object.values(PHASE))].sort((a, b) => a - b);
  for (const phase of phases) {
    const open = new Map<string, MembershipStep[]>();
    const batches: MembershipStep[][] = [];
    for (const step of steps) {
      if (PHASE[step.op.type] !== phase) continue;
      if (!isMembership(step)) {
        keep(() => ({
          rows: step.row === null ? [] : [step.row],
          steps: 1,
          description: describeOperation(step.op),
          request: requestOf(step.op),
        }));
        continue;
      }
      const key = `${step.op.type}\u0000${step.op.groupId ?? `name:${step.op.groupName.toLowerCase()}`}`;
      const batch = open.get(key) ?? [];
      if (batch.length === 0) batches.push(batch);
      batch.push(step);
      open.set(key, batch.length >= batchSize ? [] : batch);
    }
    for (const batch of batches) keep(() => batchRequest(batch));
  }
  return { requests, writes, total: writes * 2 };
}
