/**
 * The course module in kernel space: its table of entries, each entry's interest list (the port
 * ids that registered, in order) and its timer. Shown when the scenario loads the module. It is
 * also where NETLINK_RTMGR envelopes start and end.
 */
import { useT } from '../i18n';
import type { Messages } from '../../i18n';
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
function moduleNote(t: Timeline, step: Step, tx: Messages): { text: string; alert: boolean } | null {
  const e = step.event;
  const at = `${(step.timeMs / 1000).toFixed(2)} s`;
  switch (e.kind) {
    case 'entry-changed':
      if (e.protocol !== NETLINK_RTMGR) return null;
      if (e.change === 'registered') return { text: `${at}  ${tx.module.registered(e.port ?? -1, e.entry ?? '')}`, alert: false };
      if (e.change === 'unregistered') return { text: `${at}  ${tx.module.unregistered(e.port ?? -1, e.entry ?? '')}`, alert: false };
      if (e.change === 'forgotten') return { text: `${at}  ${tx.module.forgotten(e.port ?? -1, e.entry ?? '')}`, alert: true };
      if (e.change === 'added') return { text: `${at}  ${tx.module.added(e.entry ?? '')}`, alert: false };
      return { text: `${at}  ${tx.module.deleted(e.entry ?? '')}`, alert: false };
    case 'unicast-failed':
      return e.protocol === NETLINK_RTMGR ? { text: `${at}  ${tx.module.refused(e.port)}`, alert: true } : null;
    case 'timer-armed':
    case 'timer-fired': {
      const timer = (e.kind === 'timer-armed' ? step.world : t.steps.before(step.index)?.world)?.timers[e.timer];
      if (timer?.protocol !== NETLINK_RTMGR) return null;
      return e.kind === 'timer-armed'
        ? { text: `${at}  ${tx.module.armed(e.route, e.fireAt)}`, alert: false }
        : { text: `${at}  ${tx.module.fired(e.route)}`, alert: false };
    }
    case 'message-sent': {
      const m = t.messages.at(e.message)!;
      if (m.protocol !== NETLINK_RTMGR || m.from.kind !== 'kernel' || m.message.header.type !== 22) return null;
      if (m.to.kind === 'group') return { text: `${at}  ${tx.module.multicast(RTMGR_GRP_EVENTS, e.copies?.length ?? 0)}`, alert: false };
      const port = m.to.kind === 'socket' ? socketOf(step.world, m.to.socket)?.portId : null;
      return { text: `${at}  ${tx.module.unicast(String(port))}`, alert: false };
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
  const world = useApp((s) => s.index.timeline.steps.at(s.step)!.world);
  const timeline = useApp((s) => s.index.timeline);
  const step = useApp((s) => s.step);
  const now = usePlayheadTime(250);
  const node = useAnchor('module');
  // The entry this step is about, and the last thing the module did (up to this step).
  const focus = useApp(
    useShallow((s) => {
      const st = s.index.timeline.steps.at(s.step)!;
      const e = st.event;
      if (e.kind === 'entry-changed' || e.kind === 'unicast-failed') return [e.entry ?? '', e.kind === 'unicast-failed' ? e.port : (e.port ?? -1)];
      if (e.kind === 'timer-armed' || e.kind === 'timer-fired') return [e.route, -1];
      if (e.kind === 'message-sent' || e.kind === 'message-delivered') {
        const m = s.index.timeline.messages.at(e.message)!;
        if (m.protocol === NETLINK_RTMGR && m.route) return [m.route, -1];
      }
      return ['', -1];
    }),
  );
  const tx = useT();
  const m = world.rtmgr;
  if (!m) return null;
  let note: ReturnType<typeof moduleNote> = null;
  for (let i = step; i > 0 && !note; i--) note = moduleNote(timeline, timeline.steps.at(i)!, tx);
  // Entries deleted recently, drawn struck through where they were.
  const ghosts: Ghost[] = [];
  for (let i = step; i > 0 && timeline.steps.at(i)!.timeMs >= timeline.steps.at(step)!.timeMs - GHOST_MS; i--) {
    const e = timeline.steps.at(i)!.event;
    if (e.kind !== 'entry-changed' || e.change !== 'deleted' || now - timeline.steps.at(i)!.timeMs > GHOST_MS) continue;
    const before = timeline.steps.at(i - 1)!.world.rtmgr?.slots.find((x) => x?.name === e.entry);
    if (before && !m.slots.some((x) => x?.name === e.entry)) ghosts.push({ entry: before, at: timeline.steps.at(i)!.timeMs });
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
        <h3 id="module-title">{tx.module.title}</h3>
        <span className="sub" title={tx.module.subTitle}>
          {tx.module.sub}
        </span>
        <span className="badge" data-testid="module-mode">
          {m.useMulticast ? tx.module.multicastMode(RTMGR_GRP_EVENTS) : tx.module.unicastMode}
        </span>
      </div>
      {/* Focusable: a table longer than its card scrolls from the keyboard too. */}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={tx.module.entriesScroll}>
        <table className="routes module-entries" aria-label={tx.module.tableLabel}>
          <thead>
            <tr>
              <th scope="col">{tx.module.cols.entry}</th>
              <th scope="col">{tx.module.cols.dst}</th>
              <th scope="col">{tx.module.cols.ports}</th>
              <th scope="col">{tx.module.cols.timer}</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={4} className="muted">
                  {tx.routes.empty}
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
                  {gone && <span className="sr-only">{tx.routes.deletedSr}</span>}
                </td>
                <td>
                  {entry.dst}/{entry.dstLen}
                </td>
                <td>
                  <span className="listeners" data-testid={`listeners-${entry.name}`}>
                    {entry.listeners.length === 0 ? (
                      <span className="chip dashed">{tx.module.nobody}</span>
                    ) : (
                      entry.listeners.map((port, i) => {
                        const who = holder(world, port);
                        const hot = focus[0] === entry.name && focus[1] === port;
                        return (
                          <span
                            key={port}
                            className={`chip listener${who ? '' : ' dead'}${hot ? ' hot' : ''}`}
                            title={who ? tx.module.holder(port, who, i + 1) : tx.module.noHolder(port)}
                          >
                            <b>{port}</b> {who ?? tx.module.gone}
                          </span>
                        );
                      })
                    )}
                  </span>
                </td>
                <td>
                  {gone ? (
                    <span className="ring">
                      {Icon.timer(12)} {tx.routes.deleted}
                    </span>
                  ) : (
                    <TimerRing timer={timers.find((t) => t.route === entry.name)} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className={`kfoot${note?.alert ? ' alert' : ''}`} aria-live="off" data-testid="module-foot" title={note?.text ?? tx.module.init}>
        {note?.text ?? tx.module.init}
      </div>
    </div>
  );
}
