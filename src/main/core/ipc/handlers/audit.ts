import type { AuditService } from '../../audit/service';
import type { Handlers } from '../router';

type AuditChannels =
  | 'audit.status'
  | 'audit.query'
  | 'audit.facets'
  | 'audit.activity'
  | 'audit.verify'
  | 'audit.export'
  | 'audit.startFresh'
  | 'audit.exportPublicKey'
  | 'audit.rotateSigningKey';

/** `startup` settles once interrupted actions are reconciled, so the status it reports includes them. */
export function auditHandlers(audit: AuditService, startup: Promise<void>): Pick<Handlers, AuditChannels> {
  return {
    'audit.status': async () => {
      await startup;
      return audit.status();
    },
    'audit.query': ({ filter, before, limit }) => audit.query(filter, before, limit),
    'audit.facets': () => audit.facets(),
    'audit.activity': ({ tenantId, days }) => audit.activity(tenantId, days),
    'audit.verify': () => audit.verify(),
    'audit.export': ({ format }) => audit.export(format),
    'audit.startFresh': () => audit.startFresh(),
    'audit.exportPublicKey': () => audit.exportPublicKey(),
    'audit.rotateSigningKey': () => audit.rotateSigningKey(),
  };
}
