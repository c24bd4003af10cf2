/**
 * How a call's input crosses the Chromium host's CDP binding: as JSON, with the values JSON cannot
 * carry but Electron's structured clone keeps (undefined, NaN, the infinities, -0, a bigint, a
 * Date) listed apart as "holes" by their path, and put back in Node. Anything else structured
 * clone would keep differently (a Map, a cycle, a class instance) is refused here, and that call
 * goes through Playwright's binding instead. Bundled into the page (page-api.ts) and used by the
 * host (cdp-transport.ts).
 */
export type HoleKind = 'undefined' | 'NaN' | 'Infinity' | '-Infinity' | '-0' | 'bigint' | 'date';
export type Hole = [path: Array<string | number>, kind: HoleKind, text?: string];

class NotPlain extends Error {}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty, not assignment: a key named "__proto__" stays a key.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `{"input": …, "holes": […]}` as text, or null when the input is not plain data. */
export function encodeInput(input: unknown): string | null {
  const holes: Hole[] = [];
  const path: Array<string | number> = [];
  const open = new Set<object>();
  const hole = (kind: HoleKind, text?: string) => {
    holes.push(text === undefined ? [[...path], kind] : [[...path], kind, text]);
    return null;
  };
  const walk = (value: unknown): unknown => {
    switch (typeof value) {
      case 'string':
      case 'boolean':
        return value;
      case 'number':
        if (Number.isNaN(value)) return hole('NaN');
        if (value === Infinity) return hole('Infinity');
        if (value === -Infinity) return hole('-Infinity');
        return Object.is(value, -0) ? hole('-0') : value;
      case 'undefined':
        return hole('undefined');
      case 'bigint':
        return hole('bigint', value.toString());
      case 'object': {
        if (value === null) return null;
        if (value instanceof Date) return hole('date', String(value.getTime()));
        if (open.has(value)) throw new NotPlain();
        open.add(value);
        let out: unknown[] | Record<string, unknown>;
        if (Array.isArray(value)) {
          const list: unknown[] = [];
          for (let i = 0; i < value.length; i += 1) {
            path.push(i);
            list.push(i in value ? walk(value[i]) : hole('undefined'));
            path.pop();
          }
          out = list;
        } else {
          const proto = Object.getPrototypeOf(value) as unknown;
          if (proto !== Object.prototype && proto !== null) throw new NotPlain();
          const record: Record<string, unknown> = {};
          for (const key of Object.keys(value)) {
            path.push(key);
            setOwn(record, key, walk((value as Record<string, unknown>)[key]));
            path.pop();
          }
          out = record;
        }
        open.delete(value);
        return out;
      }
      default:
        throw new NotPlain();
    }
  };
  try {
    return JSON.stringify({ input: walk(input), holes });
  } catch {
    // Not plain data, or nested deeper than the stack allows: Playwright's binding takes it.
    return null;
  }
}

function holeValue(kind: unknown, text: unknown): { value: unknown } | null {
  switch (kind) {
    case 'undefined':
      return { value: undefined };
    case 'NaN':
      return { value: NaN };
    case 'Infinity':
      return { value: Infinity };
    case '-Infinity':
      return { value: -Infinity };
    case '-0':
      return { value: -0 };
    case 'bigint':
      return typeof text === 'string' && /^-?\d+$/.test(text) ? { value: BigInt(text) } : null;
    case 'date':
      return typeof text === 'string' ? { value: new Date(Number(text)) } : null;
    default:
      return null;
  }
}

/** The input as the page held it, from `encodeInput`'s parts; null when the holes are malformed. */
export function decodeInput(input: unknown, holes: unknown): { input: unknown } | null {
  if (!Array.isArray(holes)) return null;
  let root = input;
  for (const entry of holes as unknown[]) {
    if (!Array.isArray(entry)) return null;
    const [path, kind, text] = entry as [unknown, unknown, unknown];
    const hole = holeValue(kind, text);
    if (!hole || !Array.isArray(path) || !path.every((k) => typeof k === 'string' || typeof k === 'number')) {
      return null;
    }
    if (path.length === 0) {
      root = hole.value;
      continue;
    }
    let at: unknown = root;
    for (const key of path.slice(0, -1)) {
      if (typeof at !== 'object' || at === null || !Object.prototype.hasOwnProperty.call(at, key)) return null;
      at = (at as Record<string, unknown>)[key];
    }
    if (typeof at !== 'object' || at === null) return null;
    const last = path[path.length - 1]!;
    if (Array.isArray(at)) {
      if (typeof last !== 'number' || last < 0 || last >= at.length) return null;
      at[last] = hole.value;
    } else {
      setOwn(at as Record<string, unknown>, String(last), hole.value);
    }
  }
  return { input: root };
}
