import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');
const eslint = new ESLint({ cwd: root });

/** Lints text as if it were the named (existing) file, and returns the rule ids that fired. */
async function rulesFired(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('lint boundaries', () => {
  it('refuses an electron import in the core', async () => {
    const fired = await rulesFired(
      'src/main/core/app-core.ts',
      "import { app } from 'electron';\nexport const x = app;\n",
    );
    expect(fired).toContain('no-restricted-imports');
  });

  it('refuses an electron import in shared code and the renderer', async () => {
    expect(
      await rulesFired('src/shared/ipc/channels.ts', "import { app } from 'electron';\nexport const x = app;\n"),
    ).toContain('no-restricted-imports');
    expect(
      await rulesFired('src/renderer/src/lib/api.ts', "import { shell } from 'electron';\nexport const x = shell;\n"),
    ).toContain('no-restricted-imports');
  });

  it('refuses ipcMain outside the binding and allows it there', async () => {
    const code = "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n";
    expect(await rulesFired('src/main/electron/window.ts', code)).toContain('no-restricted-imports');
    expect(await rulesFired('src/main/electron/ipc-binding.ts', code)).not.toContain('no-restricted-imports');
  });

  it('refuses keytar outside the keytar store', async () => {
    const code = "import keytar from 'keytar';\nexport const x = keytar;\n";
    expect(await rulesFired('src/main/core/app-core.ts', code)).toContain('no-restricted-imports');
  });

  it('refuses window.api outside the renderer api module', async () => {
    const code = 'export const x = window.api;\n';
    expect(await rulesFired('src/renderer/src/App.tsx', code)).toContain('no-restricted-properties');
    expect(await rulesFired('src/renderer/src/lib/api.ts', code)).not.toContain('no-restricted-properties');
  });

  it('refuses node built-ins in shared code', async () => {
    const code = "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n";
    expect(await rulesFired('src/shared/ipc/result.ts', code)).toContain('no-restricted-imports');
  });
});
