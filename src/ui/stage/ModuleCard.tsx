/**
 * The course module in kernel space: its table of entries, each entry's interest list (the port
 * ids that registered, in order) and its timer. Shown when the scenario loads the module. It is
 * also where NETLINK_RTMGR envelopes start and end.
 */
import { useShallow } from 'zustand/react/shallow';
import { NETLINK_RTMGR, RTMGR_GRP_EVENTS, socketOf, type RtmgrEntry, type Step, type Timeline, type World } from '../../engine';
import { useApp, usePlayheadTime } from '../context';
import { Icon } from '../icons';
import { useAnchor } from './anchors';
import { TimerRing } from './RoutingTable';

/** A deleted entry stays on screen, struck through, this long. */
const GHOST_MS = 2500;

/** The process whose NETLINK_RTMGR socket holds a port id now, or null when none does. */
function holder(w: World, port: number): string | null {
  for (const id of w.socketOrder) {
    const s = socketOf(w, id)!;
    if (s.protocol === NETLINK_RTMGR && s.portId === port) return w.processes[s.process]!.sockets.length > 1 ? `${s.process}/${s.name}` : s.process;
  }
  return null;
}

/** What the module did at this step, in one line with the C function behind it. */
function moduleNote(t: Timeline, step: Step): { text: string; alert: boolean } | null {
  const e = step.event;
  const at = `${(step.timeMs / 1000).toFixed(2)} s`;
  switch (e.kind) {
    case 'entry-changed':
      if (e.protocol !== NETLINK_RTMGR) return null;
      if (e.change === 'registered') return { text: `${at}  rtmgr_register(): ${e.port} appended to ${e.entry}'s list`, alert: false };
      if (e.change === 'unregistered') return { text: `${at}  rtmgr_unregister(): ${e.port} removed from ${e.entry}'s list`, alert: false };
      if (e.change === 'forgotten') return { text: `${at}  rtmgr_forget(): port ${e.port} is gone, dropped from ${e.entry}'s list`, alert: true };
      if (e.change === 'added') return { text: `${at}  rtmgr_add(): ${e.entry} fills a free slot`, alert: false };
      return { text: `${at}  rtmgr_delete(): ${e.entry}'s slot freed, its list with it`, alert: false };
    case 'unicast-failed':
      return e.protocol === NETLINK_RTMGR ? { text: `${at}  nlmsg_unicast(→ ${e.port}) = -ECONNREFUSED: no socket holds port ${e.port}`, alert: true } : null;
    case 'timer-armed':
    case 'timer-fired': {
      const timer = (e.kind === 'timer-armed' ? step.world : t.steps[step.index - 1]?.world)?.timers[e.timer];
      if (timer?.protocol !== NETLINK_RTMGR) return null;
      return e.kind === 'timer-armed'
        ? { text: `${at}  rtmgr_arm(): mod_timer() — ${e.route} goes at ${(e.fireAt / 1000).toFixed(2)} s`, alert: false }
        : { text: `${at}  rtmgr_timer_fn(): softirq, so schedule_work() — the work item deletes ${e.route}`, alert: false };
    }
    case 'message-sent': {
      const m = t.messages[e.message]!;
      if (m.protocol !== NETLINK_RTMGR || m.from.kind !== 'kernel' || m.message.header.type !== 22) return null;
      if (m.to.kind === 'group')
        return { text: `${at}  nlmsg_multicast() to group ${RTMGR_GRP_EVENTS}: one skb, ${e.copies?.length ?? 0} clones`, alert: false };
      const port = m.to.kind === 'socket' ? socketOf(step.world, m.to.socket)?.portId : null;
      return { text: `${at}  nlmsg_unicast(→ ${port}): one new skb for this listener`, alert: false };
    }
    default:
      return null;
  }
}

interface Ghost {
  entry: RtmgrEntry;
  at: number;
}

export function ModuleCard() {
  const world = useApp((s) => s.index.timeline.steps[s.step]!.world);
  const timeline = useApp((s) => s.index.timeline);
  const step = useApp((s) => s.step);
  const now = usePlayheadTime(250);
  const node = useAnchor('module');
  // The entry this step is about, and the last thing the module did (up to this step).
  const focus = useApp(
    useShallow((s) => {
      const st = s.index.timeline.steps[s.step]!;
      const e = st.event;
      if (e.kind === 'entry-changed' || e.kind === 'unicast-failed') return [e.entry ?? '', e.kind === 'unicast-failed' ? e.port : (e.port ?? -1)];
      if (e.kind === 'timer-armed' || e.kind === 'timer-fired') return [e.route, -1];
      if (e.kind === 'message-sent' || e.kind === 'message-delivered') {
        const m = s.index.timeline.messages[e.message]!;
        if (m.protocol === NETLINK_RTMGR && m.route) return [m.route, -1];
      }
      return ['', -1];
    }),
  );
  const m = world.rtmgr;
  if (!m) return null;
  let note: ReturnType<typeof moduleNote> = null;
  for (let i = step; i > 0 && !note; i--) note = moduleNote(timeline, timeline.steps[i]!);
  // Entries deleted recently, drawn struck through where they were.
  const ghosts: Ghost[] = [];
  for (let i = step; i > 0 && timeline.steps[i]!.timeMs >= timeline.steps[step]!.timeMs - GHOST_MS; i--) {
    const e = timeline.steps[i]!.event;
    if (e.kind !== 'entry-changed' || e.change !== 'deleted' || now - timeline.steps[i]!.timeMs > GHOST_MS) continue;
    const before = timeline.steps[i - 1]!.world.rtmgr?.slots.find((x) => x?.name === e.entry);
    if (before && !m.slots.some((x) => x?.name === e.entry)) ghosts.push({ entry: before, at: timeline.steps[i]!.timeMs });
  }
  const rows: Array<{ entry: RtmgrEntry; gone: boolean }> = [
    ...m.slots.filter((e): e is RtmgrEntry => e !== null).map((entry) => ({ entry, gone: false })),
    ...ghosts.map((g) => ({ entry: g.entry, gone: true })),
  ];
  const timers = Object.values(world.timers).filter((t) => t.protocol === NETLINK_RTMGR && t.kind === 'rtmgr-entry');
  return (
    <div className="kcard module-card" data-measure data-testid="module-card" role="group" aria-labelledby="module-title">
      <span className="core-node module-node" ref={node} aria-hidden="true" />
      <div className="kcard-head">
        <span className="kind-icon k-state" aria-hidden="true">
          {Icon.table(12)}
        </span>
        <h3 id="module-title">routing-table manager</h3>
        <span className="sub" title="a kernel module, protocol NETLINK_RTMGR 31">
          module, NETLINK_RTMGR 31
        </span>
        <span className="badge" data-testid="module-mode">
          {m.useMulticast ? `one multicast to group ${RTMGR_GRP_EVENTS}` : 'one unicast per listener'}
        </span>
      </div>
      {/* Focusable: a table longer than its card scrolls from the keyboard too. */}
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Module entries, scrollable">
        <table className="routes module-entries" aria-label="The module's entries and who is interested in each">
          <thead>
            <tr>
              <th scope="col">Entry</th>
              <th scope="col">Destination</th>
              <th scope="col">Interested port ids</th>
              <th scope="col">Timer</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={4} className="muted">
                  the table is empty
                </td>
              </tr>
            )}
            {rows.map(({ entry, gone }) => (
              <tr
                key={entry.name}
                className={[gone ? 'gone' : '', focus[0] === entry.name ? 'focus' : ''].filter(Boolean).join(' ') || undefined}
                data-testid={`entry-${entry.name}`}
                data-gone={gone || undefined}
              >
                <td>
                  {entry.name}
                  {gone && <span className="sr-only"> (deleted)</span>}
                </td>
                <td>
                  {entry.dst}/{entry.dstLen}
                </td>
                <td>
                  <span className="listeners" data-testid={`listeners-${entry.name}`}>
                    {entry.listeners.length === 0 ? (
                      <span className="chip dashed">nobody</span>
                    ) : (
                      entry.listeners.map((port, i) => {
                        const who = holder(world, port);
                        const hot = focus[0] === entry.name && focus[1] === port;
                        return (
                          <span
                            key={port}
                            className={`chip listener${who ? '' : ' dead'}${hot ? ' hot' : ''}`}
                            title={
                              who
                                ? `port id ${port}: ${who}'s socket (registered ${i + 1}${i === 0 ? 'st' : i === 1 ? 'nd' : i === 2 ? 'rd' : 'th'})`
                                : `port id ${port}: no socket holds it any more`
                            }
                          >
                            <b>{port}</b> {who ?? 'gone'}
                          </span>
                        );
                      })
                    )}
                  </span>
                </td>
                <td>{gone ? <span className="ring">{Icon.timer(12)} deleted</span> : <TimerRing timer={timers.find((t) => t.route === entry.name)} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div
        className={`kfoot${note?.alert ? ' alert' : ''}`}
        aria-live="off"
        data-testid="module-foot"
        title={note?.text ?? 'rtmgr_init(): R1–R3 loaded; netlink_kernel_create(NETLINK_RTMGR)'}
      >
        {note?.text ?? 'rtmgr_init(): R1–R3 loaded; netlink_kernel_create(NETLINK_RTMGR)'}
      </div>
    </div>
  );
}
