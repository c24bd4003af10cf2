import { describe, expect, it } from 'vitest';
import { splitName } from './MiddleTruncate';

describe('splitName (middle truncation)', () => {
  it('keeps the distinguishing end whole: a bracketed suffix, else the last short word', () => {
    expect(splitName('Acme Design (production)')).toEqual({ head: 'Acme Design', tail: ' (production)' });
    expect(splitName('Acme Design [EU]')).toEqual({ head: 'Acme Design', tail: ' [EU]' });
    expect(splitName('Acme Design staging')).toEqual({ head: 'Acme Design', tail: ' staging' });
    // One word, or a last word too long to keep whole: the name is cut at its end as usual.
    expect(splitName('Sandbox')).toEqual({ head: 'Sandbox', tail: '' });
    expect(splitName('Acme Supercalifragilisticexpialidocious')).toEqual({
      head: 'Acme Supercalifragilisticexpialidocious',
      tail: '',
    });
  });
});
