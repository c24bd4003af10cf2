import type { ListResult } from '../scim/client';

const CUT_REASONS: Record<NonNullable<ListResult<unknown>['cut']>, string> = {
  pages: 'the listing stopped at the page cap',
  items: 'the listing stopped at the most members the console keeps',
  'beyond-total': 'the server kept sending members well past the total it announced, so the listing was stopped',
};

/** A sentence on what a listing left out, or null when it is whole. */
export function listingNotice(users: ListResult<unknown>, groups: ListResult<unknown>): string | null {
  const parts: string[] = [];
  if (users.cut) parts.push(`Members: ${CUT_REASONS[users.cut]} after ${users.items.length}; some are missing.`);
  if (groups.cut) parts.push(`Groups: ${CUT_REASONS[groups.cut]} after ${groups.items.length}; some are missing.`);
  const served = users.items.length + users.skipped;
  if (!users.cut && users.total !== null && served < users.total) {
    parts.push(
      `Members: the server announced ${users.total} and served ${served}, even when asked page by page to the end; it may be counting members it does not list.`,
    );
  }
  const skipped = users.skipped + groups.skipped;
  if (skipped > 0) {
    const example = users.skippedExample ?? groups.skippedExample;
    parts.push(
      `${skipped} ${skipped === 1 ? 'record' : 'records'} the server sent broken ${skipped === 1 ? 'was' : 'were'} left out.${example ? ` The first: ${example.slice(0, 160)}.` : ''} Check ${skipped === 1 ? 'it' : 'them'} on the server.`,
    );
  }
  return parts.length ? parts.join(' ') : null;
}
