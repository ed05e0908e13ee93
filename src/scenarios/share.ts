/** A whole scenario in a URL: JSON, compressed with lz-string into URI-safe text. */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import type { ScenarioSpec } from '../engine';
import type { Problem } from './problem';
import { err, ok, type Result } from './result';

export function packScenario(spec: ScenarioSpec): string {
  return compressToEncodedURIComponent(JSON.stringify(spec));
}

/** The scenario's JSON value, or what is wrong with the text. */
export function unpackScenario(data: string): Result<unknown, Problem> {
  let json: string | null;
  try {
    json = decompressFromEncodedURIComponent(data);
  } catch {
    json = null;
  }
  if (!json) return err({ id: 'link-damaged' });
  try {
    return ok(JSON.parse(json) as unknown);
  } catch {
    return err({ id: 'link-not-json' });
  }
}
