import { parse, type Filter } from 'scim2-parse-filter';

/**
 * Parses a SCIM filter and decodes its string values as the JSON strings RFC 7644 §3.4.2.2 says
 * they are (the parser leaves escapes such as \" and \u00e9 undecoded).
 */
export function parseScimFilter(text: string): Filter {
  return decode(parse(text));
}

function decode(filter: Filter): Filter {
  switch (filter.op) {
    case 'and':
    case 'or':
      return { ...filter, filters: filter.filters.map(decode) };
    case 'not':
      return { ...filter, filter: decode((filter as { filter: Filter }).filter) };
    case '[]':
      return { ...filter, valFilter: decode((filter as { valFilter: Filter }).valFilter) };
    default: {
      const compare = filter as Filter & { compValue?: unknown };
      if (typeof compare.compValue !== 'string' || !compare.compValue.includes('\\')) return filter;
      try {
        return { ...compare, compValue: JSON.parse(`"${compare.compValue}"`) as string } as Filter;
      } catch {
        throw new Error(`invalid escape in ${compare.compValue}`);
      }
    }
  }
}
