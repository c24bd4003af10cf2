/** What to tell a person when the OS keychain cannot be used, per platform. */
export function unavailableGuidance(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'linux':
      return 'No Secret Service is running. Install and start a keyring (GNOME Keyring or KWallet) in your desktop session, then retry.';
    case 'darwin':
      return 'The macOS Keychain could not be reached. Open Keychain Access, check that the login keychain exists, then retry.';
    case 'win32':
      return 'Windows Credential Manager could not be reached. Check that the Credential Manager service is running, then retry.';
    default:
      return 'No supported OS keychain was found on this system; the console never stores tokens in plain text.';
  }
}

export function lockedGuidance(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'darwin':
      return 'The macOS Keychain is locked or access was denied. Unlock it (or allow access when asked), then retry.';
    case 'win32':
      return 'Windows Credential Manager refused access. Sign in to Windows again, then retry.';
    default:
      return 'The keyring is locked. Unlock it (for example by signing in again or in Passwords and Keys), then retry.';
  }
}

export function timeoutGuidance(platform: NodeJS.Platform): string {
  return platform === 'linux'
    ? 'The keyring did not answer in time. It may be waiting for you to unlock it in another window; unlock it, then retry.'
    : 'The OS keychain did not answer in time. Check for an unlock prompt, then retry.';
}
