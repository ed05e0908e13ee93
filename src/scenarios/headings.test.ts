/**
 * A caption's heading belongs to the steps it is shown over: it must not run ahead of the step (the
 * ACK explained while the request is still being sent) nor lag behind it (one reader named while
 * another reads, a process's death still the heading while the kernel deletes a route).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeStep, type Timeline } from '../engine';
import { lectureFromData } from './catalog';
import { captionAt, captions, findStep } from './narration';

const timeline = (id: string): Timeline =>
  lectureFromData(JSON.parse(readFileSync(new URL(`./lectures/${id}.json`, import.meta.url), 'utf8')) as unknown).timeline;

/** The first step whose step line matches, and the caption shown over it. */
function at(t: Timeline, line: RegExp): { step: number; title: string; text: string } {
  const step = t.steps.find((s) => s.index > 0 && line.test(describeStep(s, t)));
  if (!step) throw new Error(`no step matches ${String(line)}`);
  const c = captionAt(captions(t), step.index);
  return { step: step.index, title: c?.title ?? '', text: c?.text ?? '' };
}

describe('headings follow the step', () => {
  it('course-module: the ACK is explained from the kernel sending it, not while P1 sends its request', () => {
    const t = timeline('course-module');
    expect(at(t, /^P1 sends RTMGR_MSG_REGISTER/).text).not.toContain('NLMSG_ERROR');
    const ack = at(t, /^kernel sends NLMSG_ERROR .* to P1$/);
    expect(ack.text).toContain('netlink_rcv_skb()');
  });

  it('course-module: every process that registers or reads is covered by its heading', () => {
    const t = timeline('course-module');
    expect(at(t, /^P3 sends RTMGR_MSG_REGISTER/).text).toContain('P3');
    expect(at(t, /^P3 reads RTMGR_MSG_DELETED/).title).toContain('P3');
  });

  it('module-vs-kernel: every registering process is named, and the route deletion has its own heading', () => {
    const t = timeline('module-vs-kernel');
    expect(at(t, /^P3 sends RTMGR_MSG_REGISTER/).text).toContain('P3');
    expect(at(t, /^P3 \(socket "rt"\) joins/).text).toMatch(/Each "rt" socket/);
    expect(at(t, /^kernel removes R3/).title).toContain('R3');
  });
});

describe('a goal is reached no earlier than the question that asks it', () => {
  const reached = (t: Timeline, goal: number) => captions(t).find((c) => c.goal === goal)?.step;
  const asked = (t: Timeline, id: string) => findStep(t, t.spec.questions!.find((q) => q.id === id)!.before);

  it.each([
    ['event-notification', 1, 'kernel-seq-pid'],
    ['module-vs-kernel', 3, 'dead-listener'],
    ['membership', 1, 'after-leave'],
  ] as const)('%s: goal %i waits for %s', (id, goal, question) => {
    const t = timeline(id);
    expect(reached(t, goal)).toBeGreaterThanOrEqual(asked(t, question)!);
  });
});
