import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lectureFromData } from '../scenarios/catalog';
import { markerLines, moduleStepCode, MODULE_FILES } from './module';

const read = (f: string) => readFileSync(new URL(`../../public/course-module/${f}`, import.meta.url), 'utf8');
const kernel = markerLines(read(MODULE_FILES.kernel));
const user = markerLines(read(MODULE_FILES.user));
const lecture = (id: string) => lectureFromData(JSON.parse(readFileSync(new URL(`../scenarios/lectures/${id}.json`, import.meta.url), 'utf8'))).timeline;

describe("the course module's step markers", () => {
  it('finds every marker the README lists, once each', () => {
    expect(Object.keys(kernel).sort()).toEqual([
      'ack',
      'add',
      'arm',
      'create',
      'delete',
      'dump',
      'forget',
      'input',
      'multicast',
      'notify',
      'register',
      'release',
      'timer',
      'unicast',
      'unregister',
    ]);
    expect(Object.keys(user).sort()).toEqual(['bind', 'join', 'parse', 'recvmsg', 'sendmsg', 'socket']);
  });

  for (const id of ['course-module', 'module-vs-kernel']) {
    it(`${id}: every module step names markers that exist in the sources`, () => {
      const t = lecture(id);
      let mapped = 0;
      for (const s of t.steps) {
        const c = moduleStepCode(t, s.index);
        if (!c) continue;
        mapped++;
        if (c.kernel) expect(kernel[c.kernel]).toBeGreaterThan(0);
        if (c.user) expect(user[c.user]).toBeGreaterThan(0);
      }
      // module-vs-kernel tells rtnetlink's side too (an address expiring takes three routes with it).
      expect(mapped).toBeGreaterThan(t.steps.length * (id === 'course-module' ? 0.5 : 0.4));
    });
  }

  it('the course-module lecture runs the lines a reader expects, in order', () => {
    const t = lecture('course-module');
    const kernelMarkers = t.steps.map((s) => moduleStepCode(t, s.index)?.kernel).filter(Boolean);
    expect(kernelMarkers[0]).toBe('create');
    expect(kernelMarkers).toContain('register');
    const tail = kernelMarkers.slice(kernelMarkers.indexOf('timer'));
    expect(tail).toEqual(['timer', 'unicast', 'unicast', 'delete']);
    const reads = t.steps.filter((s) => s.event.kind === 'message-read').map((s) => moduleStepCode(t, s.index));
    expect(reads.every((c) => c?.user === 'recvmsg')).toBe(true);
  });

  it("module-vs-kernel: rtnetlink's steps run none of the module's C; ECONNREFUSED is the unicast line, then forget", () => {
    const t = lecture('module-vs-kernel');
    const multicast = t.steps.find(
      (s) => s.event.kind === 'message-sent' && t.messages.at(s.event.message)!.protocol === 0 && t.messages.at(s.event.message)!.to.kind === 'group',
    )!;
    expect(moduleStepCode(t, multicast.index)).toBeNull();
    const refused = t.steps.find((s) => s.event.kind === 'unicast-failed')!;
    expect(moduleStepCode(t, refused.index)).toEqual({ kernel: 'unicast' });
    expect(moduleStepCode(t, refused.index + 1)).toEqual({ kernel: 'forget' });
  });
});
