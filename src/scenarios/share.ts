/** A whole scenario in a URL: JSON, compressed with lz-string into URI-safe text. */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import type { ScenarioSpec } from '../engine';

export function packScenario(spec: ScenarioSpec): string {
  return compressToEncodedURIComponent(JSON.stringify(spec));
}

/** The scenario's JSON value, or an error message saying what is wrong with the text. */
export function unpackScenario(data: string): { ok: true; value: unknown } | { ok: false; message: string } {
  let json: string | null;
  try {
    json = decompressFromEncodedURIComponent(data);
  } catch {
    json = null;
  }
  if (!json) return { ok: false, message: 'the shared scenario in the address (s=...) is damaged or cut short; ask for the link again' };
  try {
    return { ok: true, value: JSON.parse(json) };
  } catch {
    return { ok: false, message: 'the shared scenario in the address (s=...) decompresses to text that is not JSON' };
  }
}
