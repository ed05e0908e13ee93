/**
 * Checks a scenario from outside off the page's thread: parsing, the schema, and the validation run
 * of the engine, which for a 200,000-step scenario take seconds. It answers with the checked spec,
 * its step count (so the page can show progress while it builds its own timeline) and its link.
 */
import { packScenario } from './share';
import { parseJson, validateScenario } from './validate';
import type { CheckReply, CheckRequest } from './checkInWorker';

self.onmessage = (e: MessageEvent<CheckRequest>) => {
  const req = e.data;
  const parsed = req.kind === 'text' ? parseJson(req.text) : { ok: true as const, value: req.value };
  const checked = parsed.ok ? validateScenario(parsed.value) : parsed;
  const reply: CheckReply = checked.ok
    ? { ok: true, spec: checked.value.spec, stepCount: checked.value.timeline.steps.length, data: packScenario(checked.value.spec) }
    : { ok: false, error: checked.error };
  self.postMessage(reply);
};
