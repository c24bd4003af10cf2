/**
 * The origin of a URL as the console compares origins: `app://<host>` for the app's own scheme
 * (whose URL.origin is the opaque "null"), the standard origin otherwise, null when unparsable.
 */
export function originOf(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'app:' ? `app://${url.host}` : url.origin;
  } catch {
    return null;
  }
}
