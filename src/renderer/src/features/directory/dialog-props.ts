import type { Directory, GroupRow } from '../../../../shared/domain/directory';
import type { TenantView } from '../../../../shared/domain/tenant';

/** What every member and group dialog (and the group panel) is given: its tenant and a way to close. */
export interface TenantDialogProps {
  tenant: TenantView;
  onClose: () => void;
}

/** A dialog that checks against the cached listing, which may not be loaded yet. */
export interface ListingDialogProps extends TenantDialogProps {
  directory: Directory | undefined;
}

/** A dialog or panel about one group of a loaded listing. */
export interface GroupDialogProps extends TenantDialogProps {
  group: GroupRow;
  directory: Directory;
}
