/**
 * Launch options for automation (Playwright, scripted runs) and for support engineers.
 * `--data-dir` is a test hook: read only when the app is not packaged, so a shipped build ignores
 * it. `--tenant` and `--read-only` are honoured in every build: they only choose among the user's
 * own profiles and can only take write access away.
 */
export interface LaunchOverrides {
  dataDir: string | undefined;
  /** `--tenant=<id or name>`: the tenant that opens first. */
  tenant: string | undefined;
  /** `--read-only`: that tenant opens read-only for the session. */
  readOnly: boolean;
}

export function readLaunchOverrides(
  packaged: boolean,
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): LaunchOverrides {
  const value = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const tenant = value('tenant')?.trim() || env.SCIM_CONSOLE_TENANT?.trim() || undefined;
  const readOnly = argv.includes('--read-only') || env.SCIM_CONSOLE_READ_ONLY === '1';
  const dataDir = packaged ? undefined : value('data-dir') || env.SCIM_CONSOLE_DATA_DIR || undefined;
  return { dataDir, tenant, readOnly };
}
