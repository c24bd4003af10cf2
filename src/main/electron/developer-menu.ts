import type { MenuItemConstructorOptions } from 'electron';
import type { SandboxFaults } from '../core/sandbox/faults';
import type { SandboxService } from '../core/sandbox/service';

type Toggle = {
  label: string;
  on: Partial<SandboxFaults>;
  off: Partial<SandboxFaults>;
  isOn: (f: SandboxFaults) => boolean;
};

const TOGGLES: Toggle[] = [
  {
    label: 'Latency 300 ms',
    on: { latencyMs: 300, jitterMs: 100 },
    off: { latencyMs: 0, jitterMs: 0 },
    isOn: (f) => f.latencyMs > 0,
  },
  {
    label: 'Rate limit (5 requests/s, 429)',
    on: { rateLimit: 5 },
    off: { rateLimit: null },
    isOn: (f) => f.rateLimit !== null,
  },
  { label: 'Random 500/503 (20%)', on: { errorRate: 0.2 }, off: { errorRate: 0 }, isOn: (f) => f.errorRate > 0 },
  { label: 'Dropped connections (10%)', on: { dropRate: 0.1 }, off: { dropRate: 0 }, isOn: (f) => f.dropRate > 0 },
  {
    label: 'SSO inactive (writes do nothing)',
    on: { ssoInactive: true },
    off: { ssoInactive: false },
    isOn: (f) => f.ssoInactive,
  },
  { label: 'Page cap 25', on: { pageCap: 25 }, off: { pageCap: null }, isOn: (f) => f.pageCap !== null },
  { label: 'Ignore count', on: { ignoreCount: true }, off: { ignoreCount: false }, isOn: (f) => f.ignoreCount },
  {
    label: 'Numbers as strings',
    on: { numbersAsStrings: true },
    off: { numbersAsStrings: false },
    isOn: (f) => f.numbersAsStrings,
  },
  { label: '204 on PATCH', on: { patch204: true }, off: { patch204: false }, isOn: (f) => f.patch204 },
  { label: 'HTML page from a proxy (30%)', on: { htmlRate: 0.3 }, off: { htmlRate: 0 }, isOn: (f) => f.htmlRate > 0 },
];

/** The Developer menu (unpackaged builds only): switch the built-in Sandbox's faults while the app runs. */
export function developerMenu(
  sandbox: SandboxService,
  faults: SandboxFaults | null,
  rebuild: () => void,
): MenuItemConstructorOptions {
  return {
    label: 'Developer',
    submenu: [
      {
        label: 'Sandbox faults',
        submenu: TOGGLES.map((toggle) => ({
          label: toggle.label,
          type: 'checkbox' as const,
          checked: faults ? toggle.isOn(faults) : false,
          click: (item: { checked: boolean }) => {
            void sandbox.configure(item.checked ? toggle.on : toggle.off).then(rebuild, rebuild);
          },
        })),
      },
      {
        label: 'Clear all Sandbox faults',
        click: () => {
          void sandbox
            .configure(Object.assign({}, ...TOGGLES.map((t) => t.off)) as Partial<SandboxFaults>)
            .then(rebuild, rebuild);
        },
      },
    ],
  };
}
