import type { ConsoleApi } from '../shared/ipc/api-types';

declare global {
  interface Window {
    api?: ConsoleApi;
  }
}
