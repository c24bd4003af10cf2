/**
 * Launch options for automation (Playwright, scripted runs). Read only when the app is not
 * packaged, so a shipped build ignores them.
 */
export interface LaunchOverrides {
  dataDir: string | undefined;
}

export function readLaunchOverrides(
  packaged: boolean,
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): LaunchOverrides {
  if (packaged) return { dataDir: undefined };
  const flag = argv.find((arg) => arg.startsWith('--data-dir='));
  const fromFlag = flag?.slice('--data-dir='.length);
  return { dataDir: fromFlag || env.SCIM_CONSOLE_DATA_DIR || undefined };
}
