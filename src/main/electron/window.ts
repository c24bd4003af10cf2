import { BrowserWindow, nativeTheme, session, type WebContents } from 'electron';
import { originOf } from './origin';

export interface WindowOptions {
  preloadPath: string;
  url: string;
  devTools: boolean;
}

/**
 * Denies every new window and webview, and every navigation away from the allowed origins. Called
 * once for every webContents the app creates (the main window's included), from index.ts.
 */
export function hardenContents(contents: WebContents, allowedOrigins: readonly string[]): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const refuseForeign = (event: { preventDefault(): void }, url: string) => {
    const origin = originOf(url);
    if (origin === null || !allowedOrigins.includes(origin)) event.preventDefault();
  };
  contents.on('will-navigate', refuseForeign);
  contents.on('will-redirect', refuseForeign);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.setDevicePermissionHandler(() => false);
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'InVision SCIM Console',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#16181d' : '#f7f8fa',
    webPreferences: {
      // The preload exposes only the typed contract API (src/preload/api.ts) through contextBridge:
      // no ipcRenderer, no Node, no event objects. Reviewed; see docs/security.md.
      preload: options.preloadPath, // eng-disable PRELOAD_JS_CHECK (reviewed: contract API only)
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: options.devTools,
      navigateOnDragDrop: false,
      // A middle click on a link would otherwise open it (window.open is denied anyway).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.url);
  return window;
}
