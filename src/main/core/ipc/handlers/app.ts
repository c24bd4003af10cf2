import type { CoreDeps } from '../../deps';
import type { Handlers } from '../router';

export function appHandlers(deps: CoreDeps, startupProblem: string | null): Pick<Handlers, 'app.info'> {
  return {
    'app.info': async () => ({
      name: deps.host.name,
      version: deps.host.version,
      platform: deps.host.platform,
      arch: deps.host.arch,
      host: deps.host.host,
      packaged: deps.host.packaged,
      dataDir: deps.dataDir,
      versions: deps.host.versions,
      startupProblem,
    }),
  };
}
