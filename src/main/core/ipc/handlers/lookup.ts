import type { PersonLookupService } from '../../lookup/service';
import type { Handlers } from '../router';

export function lookupHandlers(lookup: PersonLookupService): Pick<Handlers, 'people.find'> {
  return {
    'people.find': ({ userName }) => lookup.find(userName),
  };
}
