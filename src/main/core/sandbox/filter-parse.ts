import { parse, type Filter } from 'scim2-parse-filter';

/**
 * Parses a SCIM filter and decodes its string values as the JSON strings RFC 7644 §3.4.2.2 says
 * they are.
 *
 * The parser library neither decodes escapes (\" \u00e9) nor tokenises every valid literal (it
 * reads `"\\"` as an unterminated string), so string literals are lifted out first with a scanner
 * that follows JSON's rules, replaced by numbered placeholders, and decoded with JSON.parse after
 * the library has parsed the structure.
 */
export function parseScimFilter(text: string): Filter {
  const literals: string[] = [];
  const structure = liftLiterals(text, literals);
  return restore(parse(structure), literals);
}

function liftLiterals(text: string, literals: string[]): string {
  let out = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index] as string;
    if (char !== '"') {
      out += char;
      index += 1;
      continue;
    }
    let end = index + 1;
    while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
    if (end >= text.length) throw new Error(`unterminated string in filter at ${index}`);
    const literal = text.slice(index, end + 1);
    let value: unknown;
    try {
      value = JSON.parse(literal);
    } catch {
      throw new Error(`invalid escape in ${literal}`);
    }
    out += `"${PLACEHOLDER}${literals.length}"`;
    literals.push(value as string);
    index = end + 1;
  }
  return out;
}

const PLACEHOLDER = 'lit#';

function restore(filter: Filter, literals: string[]): Filter {
  switch (filter.op) {
    case 'and':
    case 'or':
      return { ...filter, filters: filter.filters.map((inner) => restore(inner, literals)) };
    case 'not':
      return { ...filter, filter: restore((filter as { filter: Filter }).filter, literals) };
    case '[]':
      return { ...filter, valFilter: restore((filter as { valFilter: Filter }).valFilter, literals) };
    default: {
      const compare = filter as Filter & { compValue?: unknown };
      if (typeof compare.compValue !== 'string' || !compare.compValue.startsWith(PLACEHOLDER)) return filter;
      const value = literals[Number(compare.compValue.slice(PLACEHOLDER.length))];
      if (value === undefined) throw new Error(`unknown literal ${compare.compValue}`);
      return { ...compare, compValue: value } as Filter;
    }
  }
}
