/** A whole scenario in a URL: JSON, compressed with lz-string into URI-safe text. */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import type { ScenarioSpec } from '../engine';
import { err, ok, type Result } from './result';

export function packScenario(spec: ScenarioSpec): string {
  return compressToEncodedURIComponent(JSON.stringify(spec));
}

/** The scenario's JSON value, or what is wrong with the text. */
export function unpackScenario(data: string): Result<unknown, string> {
  let json: string | null;
  try {
    json = decompressFromEncodedURIComponent(data);
  } catch {
    json = null;
  }
  if (!json) return err('the shared scenario in the address (s=...) is damaged or cut short; ask for the link again');
  try {
    return ok(JSON.parse(json) as unknown);
  } catch {
    return err('the shared scenario in the address (s=...) decompresses to text that is not JSON');
  }
}
