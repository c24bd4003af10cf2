import type { ReviewPacks } from '../../evidence/review-pack';
import type { Handlers } from '../router';

/** Evidence for auditors: the access-review pack (exports are sealed by the services that write them). */
export function evidenceHandlers(packs: ReviewPacks): Pick<Handlers, 'evidence.reviewPack'> {
  return {
    'evidence.reviewPack': (input) => packs.build(input),
  };
}
