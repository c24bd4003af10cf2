import { create } from 'zustand';
import type { BulkAction } from '../../../shared/domain/jobs';

export type View =
  'overview' | 'members' | 'groups' | 'import' | 'jobs' | 'tenants' | 'audit' | 'about' | 'undo' | 'lookup';

/** What the Undo view takes back: a job (`job:<id>`) or a single action by its audit entry (`entry:<id>`). */
export interface UndoTarget {
  tenantId: string;
  kind: 'job' | 'entry';
  id: string;
  /** What it reverses, as the admin saw it (a job's title, an audit action). */
  label: string;
  /** Where Back returns to. */
  from: View;
}

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
  undo: UndoTarget | null;
  /** The email the Find a person view searches for (set by the palette). */
  lookup: string;
  /** A member to show once its tenant has opened (from Find a person). */
  handoff: { tenantId: string; memberId: string } | null;
  setView: (view: View) => void;
  /** Opens Find a person on this email. */
  findPerson: (email: string) => void;
  setHandoff: (handoff: { tenantId: string; memberId: string } | null) => void;
  /** Opens the Undo view on a job or an audit entry. */
  startUndo: (target: UndoTarget) => void;
  openDialog: (dialog: Exclude<DialogState, null>) => void;
  closeDialog: () => void;
}

/** UI-only state; anything that comes from main lives in React Query instead. */
export const useUi = create<UiState>((set) => ({
  view: 'overview',
  dialog: null,
  undo: null,
  lookup: '',
  handoff: null,
  setView: (view) => set({ view }),
  findPerson: (lookup) => set({ lookup, view: 'lookup' }),
  setHandoff: (handoff) => set({ handoff }),
  startUndo: (undo) => set({ undo, view: 'undo' }),
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
}));
