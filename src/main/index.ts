import path from 'node:path';
import { app, dialog, Menu, net, Notification } from 'electron';
import { createCore, type Core } from './core/app-core';
import { systemClock } from './core/deps';
import { createConsoleLogger } from './core/log';
import { createKeytarStore } from './core/secrets/keytar-store';
import { utilityKeychainChild } from './electron/keychain-child';
import { createElectronDialogs } from './electron/dialogs';
import { bindIpc } from './electron/ipc-binding';
import { buildMenu } from './electron/menu';
import { APP_ORIGIN, handleAppScheme, registerAppScheme } from './electron/protocol';
import { originOf } from './electron/origin';
import { readLaunchOverrides } from './electron/test-hooks';
import { createTrustedSenderCheck } from './electron/trusted-sender';
import { createMainWindow, denyAllPermissions, hardenContents } from './electron/window';

const log = createConsoleLogger();
const overrides = readLaunchOverrides(app.isPackaged, process.argv, process.env);
if (overrides.dataDir) app.setPath('userData', path.resolve(overrides.dataDir));

// In development electron-vite serves the renderer; otherwise it comes from app://renderer/.
const devServer = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const trustedOrigins = [APP_ORIGIN, ...(devServer ? [originOf(devServer) ?? APP_ORIGIN] : [])];

registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

let core: Core | undefined;

// Every webContents, the main window's included: no new windows, no webviews, no navigation away.
app.on('web-contents-created', (_event, contents) => hardenContents(contents, trustedOrigins));

/** The core over Electron's platform: net.fetch, the keychain, native dialogs and notifications. */
function startCore(): Core {
  return createCore({
    dataDir: app.getPath('userData'),
    fetch: (input, init) => net.fetch(input instanceof URL ? input.toString() : input, init),
    // keytar runs in a utility process that is replaced if the keyring daemon is (no restart needed).
    secrets: createKeytarStore({ child: utilityKeychainChild }),
    clock: systemClock,
    dialogs: createElectronDialogs(),
    notify: (title, body) => {
      if (Notification.isSupported()) new Notification({ title, body, silent: false }).show();
    },
    host: {
      name: app.getName(),
      version: app.getVersion(),
      platform: process.platform,
      arch: process.arch,
      host: 'electron',
      packaged: app.isPackaged,
      versions: { node: process.versions.node, electron: process.versions.electron, chrome: process.versions.chrome },
    },
    log,
    launch: { ...(overrides.tenant ? { tenant: overrides.tenant } : {}), readOnly: overrides.readOnly },
  });
}

void app.whenReady().then(() => {
  denyAllPermissions();
  handleAppScheme(path.join(__dirname, '../renderer'));
  try {
    core = startCore();
  } catch (error) {
    // createCore reports an unwritable data folder itself (a banner on every view); anything else
    // that stops start-up is said here, with the folder, instead of an unhandled rejection and no window.
    dialog.showErrorBox(
      'The InVision SCIM Console could not start',
      `${error instanceof Error ? error.message : String(error)}\n\nData folder: ${app.getPath('userData')}\nCheck that this folder exists and can be written, and that its disk has free space, then start the console again.`,
    );
    app.exit(1);
    return;
  }
  const services = core.services;
  const rebuildMenu = (): void => {
    if (app.isPackaged) {
      Menu.setApplicationMenu(buildMenu(null));
      return;
    }
    void services.sandbox
      .status()
      .then((status) =>
        Menu.setApplicationMenu(buildMenu({ sandbox: services.sandbox, faults: status.faults, rebuild: rebuildMenu })),
      );
  };
  rebuildMenu();

  const senders = createTrustedSenderCheck(trustedOrigins);
  bindIpc(core, senders);

  const window = createMainWindow({
    preloadPath: path.join(__dirname, '../preload/index.js'),
    url: devServer ?? `${APP_ORIGIN}/index.html`,
    devTools: !app.isPackaged,
  });
  senders.register(window.webContents);
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
});

app.on('window-all-closed', () => {
  app.quit();
});

app.on('will-quit', () => {
  void core?.close();
});
