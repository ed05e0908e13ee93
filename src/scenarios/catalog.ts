/** The built-in lectures' catalogue: ids and titles, without loading any file. */
import { run, type ScenarioSpec, type Timeline } from '../engine';

/**
 * The lecture path: the order a course would teach them, from what a netlink socket is (a request
 * and its answer) to a full receive queue and the course module. A test checks this list against the files.
 */
export const LECTURES: ReadonlyArray<{ id: string; title: string }> = [
  { id: 'request-response', title: 'Request and response — adding a route' },
  { id: 'errors', title: 'Errors — EEXIST and ESRCH' },
  { id: 'dump', title: 'Dump — reading the whole table' },
  { id: 'event-notification', title: 'Event notification — R3 expires' },
  { id: 'membership', title: 'Membership — joining and leaving a group' },
  { id: 'echo', title: "Echo — the requester's view of its own change" },
  { id: 'overflow', title: 'Overflow — a slow listener misses changes' },
  { id: 'course-module', title: 'Course module — a routing-table manager tells P2 and P3' },
  { id: 'module-vs-kernel', title: 'Module vs kernel — interest lists or groups' },
];

// A Map, not an object: an id such as "constructor" must not find a property of Object.prototype.
const TITLES = new Map(LECTURES.map((l) => [l.id, l.title]));

/** A built-in lecture's title; undefined for any other id. */
export function lectureTitle(id: string): string | undefined {
  return TITLES.get(id);
}

export const DEFAULT_SCENARIO_ID = 'event-notification';

export function lectureIds(): string[] {
  return LECTURES.map((l) => l.id);
}

export interface Lecture {
  spec: ScenarioSpec;
  timeline: Timeline;
}

/** Turn a lecture file's data into a runnable lecture. The files are schema-checked by the tests. */
export function lectureFromData(data: unknown): Lecture {
  const spec = lectureSpec(data);
  return { spec, timeline: run(spec) };
}

/** A lecture file's scenario, without the file's own `$schema`. */
export function lectureSpec(data: unknown): ScenarioSpec {
  const { $schema: _ignored, ...spec } = data as ScenarioSpec & { $schema?: string };
  return spec as ScenarioSpec;
}
