/**
 * Per lecture: steps, the longest run of similar steps, how many stops "skip similar steps" leaves,
 * questions, and an estimate of the minutes a learner needs (see estimateMinutes).
 */
import { readFileSync } from 'node:fs';
import { LECTURES, lectureFromData } from '../src/scenarios/catalog';
import { lectureMetrics } from '../src/store/lectureMetrics';

console.log('lecture                steps  longest run  stops  questions  words  est. min (no skipping)');
for (const { id } of LECTURES) {
  const data: unknown = JSON.parse(readFileSync(new URL(`../src/scenarios/lectures/${id}.json`, import.meta.url), 'utf8'));
  const m = lectureMetrics(lectureFromData(data).timeline);
  console.log(
    `${id.padEnd(22)} ${String(m.steps).padStart(5)}  ${String(m.longestRun).padStart(11)}  ${String(m.stops).padStart(5)}  ${String(m.questions).padStart(9)}  ${String(m.words).padStart(5)}  ${m.minutes.toFixed(1).padStart(8)} (${m.minutesUnskipped.toFixed(1)})`,
  );
}
