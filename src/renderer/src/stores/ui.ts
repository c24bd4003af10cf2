import { create } from 'zustand';
import type { BulkAction } from '../../../shared/domain/jobs';

export type View = 'overview' | 'members' | 'groups' | 'import' | 'jobs' | 'tenants' | 'audit' | 'about';

export type DialogState =
  | { kind: 'add-tenant' }
  | { kind: 'rotate-token'; tenantId: string }
  | { kind: 'edit-tenant'; tenantId: string }
  | { kind: 'remove-tenant'; tenantId: string }
  | { kind: 'provision' }
  | { kind: 'set-active'; memberId: string; active: boolean }
  | { kind: 'delete-member'; memberId: string }
  | { kind: 'add-to-group'; memberIds: string[] }
  | { kind: 'bulk'; action: Exclude<BulkAction, 'addToGroup'>; memberIds: string[] }
  | { kind: 'create-group' }
  | { kind: 'rename-group'; groupId: string }
  | { kind: 'delete-group'; groupId: string }
  | { kind: 'add-group-members'; groupId: string }
  | { kind: 'palette' }
  | { kind: 'review-pack' }
  | { kind: 'rotate-signing-key' }
  | null;

interface UiState {
  view: View;
  dialog: DialogState;
  setView: (view: View) => void;
  openDialog: (dialog: Exclude<DialogState, null>) => void;
  closeDialog: () => void;
}

/** UI-only state; anything that comes from main lives in React Query instead. */
export const useUi = create<UiState>((set) => ({
  view: 'overview',
  dialog: null,
  setView: (view) => set({ view }),
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
}));
