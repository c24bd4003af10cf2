import { create } from 'zustand';

export type View = 'about';

interface UiState {
  view: View;
  setView: (view: View) => void;
}

/** UI-only state; anything that comes from main lives in React Query instead. */
export const useUi = create<UiState>((set) => ({
  view: 'about',
  setView: (view) => set({ view }),
}));
