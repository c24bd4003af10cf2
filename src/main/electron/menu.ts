import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { SandboxFaults } from '../core/sandbox/faults';
import type { SandboxService } from '../core/sandbox/service';
import { developerMenu } from './developer-menu';

/**
 * The application menu: standard edit roles (so copy and paste work everywhere); reload, dev tools
 * and the Developer menu (Sandbox faults) only in unpackaged builds, where `developer` is given.
 */
export function buildMenu(
  developer: { sandbox: SandboxService; faults: SandboxFaults | null; rebuild: () => void } | null,
): Menu {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : [{ role: 'fileMenu' as const }]),
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(developer
          ? [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }]
          : []),
      ],
    },
    { role: 'windowMenu' },
    ...(developer ? [developerMenu(developer.sandbox, developer.faults, developer.rebuild)] : []),
  ];
  return Menu.buildFromTemplate(template);
}
