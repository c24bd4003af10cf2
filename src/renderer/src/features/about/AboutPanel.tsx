import type { AppInfo } from '../../../../shared/domain/app-info';
import { CopyButton } from '../../components/CopyButton';

const HOST_LABEL: Record<AppInfo['host'], string> = {
  electron: 'Electron desktop app',
  chromium: 'Chromium test host',
  node: 'Node (headless)',
};

export function AboutPanel({ info }: { info: AppInfo }) {
  // A path is shown whole (wrapped, monospace): its end is the part that matters.
  const rows: Array<[string, string, 'path'?]> = [
    ['Version', info.version],
    ['Platform', `${info.platform} (${info.arch})`],
    ['Host', HOST_LABEL[info.host]],
    ['Build', info.packaged ? 'Packaged release' : 'Development build'],
    ['Data directory', info.dataDir, 'path'],
    ['Node', info.versions.node],
    ['Electron', info.versions.electron ?? 'not running in Electron'],
    ['Chromium', info.versions.chrome ?? 'not reported'],
  ];
  return (
    <section className="panel" aria-labelledby="about-title">
      <header className="panel-header">
        <h1 id="about-title">About</h1>
        <p className="panel-subtitle">
          InVision SCIM Console manages InVision Enterprise members through the SCIM 2.0 API. Tokens stay in the OS
          keychain and never reach this window.
        </p>
      </header>
      <dl className="facts" aria-label="Application details">
        {rows.map(([label, value, kind]) => (
          <div className="fact" key={label}>
            <dt>{label}</dt>
            <dd>
              <span
                className={kind === 'path' ? 'fact-value fact-value-path' : 'fact-value'}
                title={value}
                data-testid={`about-${label.toLowerCase().replace(/\s+/g, '-')}`}
              >
                {value}
              </span>
              {kind === 'path' ? <CopyButton text={value} label={`Copy ${label.toLowerCase()}`} /> : null}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
