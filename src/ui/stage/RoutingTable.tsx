import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { RT_TABLE_LOCAL, RT_TABLE_MAIN, TABLE_NAMES, type Route, type Timeline, type TimerState } from '../../engine';
import { useApp, usePlayheadTime } from '../context';
import { Icon } from '../icons';

/** A route deleted within this long before the playhead is still drawn, struck through. */
const GHOST_MS = 2500;

function TimerRing({ timer }: { timer: TimerState | undefined }) {
  const now = usePlayheadTime(100);
  if (!timer) return <span className="via">∞</span>;
  const total = timer.fireAt - timer.armedAt;
  const left = Math.max(0, timer.fireAt - now);
  const frac = total > 0 ? left / total : 0;
  const r = 7;
  const c = 2 * Math.PI * r;
  return (
    <span
      className="ring"
      aria-label={timer.kind === 'route' ? `timer: ${(left / 1000).toFixed(1)} seconds left` : `the lifetime of address ${timer.address}: ${(left / 1000).toFixed(1)} seconds left`}
      title={timer.kind === 'route' ? undefined : `goes with its address ${timer.address} (valid_lft)`}
      data-testid="timer-ring"
    >
      <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">
        <circle cx="9" cy="9" r={r} fill="none" stroke="var(--border-strong)" strokeWidth="2.2" />
        <circle cx="9" cy="9" r={r} fill="none" stroke="var(--notification)" strokeWidth="2.2" strokeDasharray={`${c * frac} ${c}`} transform="rotate(-90 9 9)" strokeLinecap="round" />
      </svg>
      <b>{(left / 1000).toFixed(1)} s</b>
    </span>
  );
}

interface Ghost {
  route: Route;
  at: number;
}

export function RoutingTable() {
  const world = useApp((s) => s.index.timeline.steps[s.step]!.world);
  const now = usePlayheadTime(250);
  const step = useApp((s) => s.step);
  // Routes removed recently, with when; and the route added at this step.
  const recent = useApp(
    useShallow((s) => {
      const steps = s.index.timeline.steps;
      const out: Array<{ kind: 'removed' | 'added'; label: string; step: number }> = [];
      for (let i = s.step; i > 0 && steps[i]!.timeMs >= steps[s.step]!.timeMs - GHOST_MS; i--) {
        const e = steps[i]!.event;
        if (e.kind === 'route-removed') out.push({ kind: 'removed', label: e.route.label, step: i });
        if (e.kind === 'route-added' && i === s.step) out.push({ kind: 'added', label: e.route.label, step: i });
      }
      return out.map((o) => `${o.kind}:${o.label}:${o.step}`);
    }),
  );
  const timeline = useApp((s) => s.index.timeline);
  const ghosts: Ghost[] = [];
  for (const key of recent) {
    const [kind, , st] = key.split(':');
    if (kind !== 'removed') continue;
    const s = timeline.steps[Number(st)]!;
    if (s.event.kind === 'route-removed' && now - s.timeMs <= GHOST_MS && !world.routes.some((r) => r.label === (s.event as { route: Route }).route.label)) ghosts.push({ route: s.event.route, at: s.timeMs });
  }
  const added = new Set(recent.filter((k) => k.startsWith('added:')).map((k) => k.split(':')[1]));
  const timers = Object.values(world.timers);
  const [showLocal, setShowLocal] = useState(false);
  const all: Array<{ route: Route; gone: boolean }> = [...world.routes.map((route) => ({ route, gone: false })), ...ghosts.map((g) => ({ route: g.route, gone: true }))];
  // The kernel's dump order: table main first, then by destination; a ghost stays where its route was.
  all.sort((a, b) => tableRank(a.route.table) - tableRank(b.route.table) || addrNumber(a.route.dst) - addrNumber(b.route.dst) || b.route.dstLen - a.route.dstLen);
  // Table local holds what the kernel keeps for its own addresses: folded away unless asked for.
  const local = all.filter((r) => r.route.table === RT_TABLE_LOCAL);
  const rows = showLocal ? all : all.filter((r) => r.route.table !== RT_TABLE_LOCAL);
  const tableNames = [...new Set(world.routes.map((r) => r.table))].sort((a, b) => tableRank(a) - tableRank(b));
  const last = lastKernelChange(timeline, step);
  const dev = (r: Route) => (r.oif !== undefined ? (world.interfaces[r.oif] ?? `if${r.oif}`) : '—');
  return (
    <div className="kcard" data-measure>
      <div className="kcard-head">
        <span className="kind-icon k-state" aria-hidden="true">
          {Icon.table(12)}
        </span>
        <h3 id="rt-title">routing table</h3>
        <span className="sub">{tableNames.map((t) => `${TABLE_NAMES[t] ?? t} · ${t}`).join(', ') || 'main · 254'}</span>
        <span className="badge">rtnetlink · FIB</span>
        {local.length > 0 && (
          <button type="button" className="chip-btn" aria-expanded={showLocal} onClick={() => setShowLocal((v) => !v)} data-testid="toggle-local" title="Table local: the routes the kernel keeps for its own addresses">
            {showLocal ? 'hide' : '+'} {local.length} local
          </button>
        )}
      </div>
      <div className="table-scroll">
      <table className="routes" aria-label="Routing table" data-testid="routing-table">
        <thead>
          <tr>
            <th scope="col">ID</th>
            <th scope="col">Destination</th>
            <th scope="col">Gateway</th>
            <th scope="col">Dev</th>
            <th scope="col">Expires</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={5} style={{ fontFamily: 'var(--sans)', color: 'var(--text-3)', fontWeight: 400 }}>
                the table is empty
              </td>
            </tr>
          )}
          {rows.map(({ route, gone }, i) => (
            <Row key={route.label} route={route} gone={gone} fresh={added.has(route.label)} dev={dev(route)} timer={timers.find((t) => t.route === route.label)} first={showLocal && route.table === RT_TABLE_LOCAL && rows[i - 1]?.route.table !== RT_TABLE_LOCAL} />
          ))}
        </tbody>
      </table>
      </div>
      <div className="kfoot" aria-live="off">
        {last}
      </div>
    </div>
  );
}

function tableRank(table: number): number {
  return table === RT_TABLE_MAIN ? 0 : table === RT_TABLE_LOCAL ? 2 : 1;
}

function addrNumber(a: string): number {
  return a.split('.').reduce((n, p) => n * 256 + Number(p), 0);
}

function Row({ route, gone, fresh, dev, timer, first }: { route: Route; gone: boolean; fresh: boolean; dev: string; timer: TimerState | undefined; first: boolean }) {
  return (
    <tr className={[gone ? 'gone' : fresh ? 'fresh' : '', first ? 'table-start' : ''].filter(Boolean).join(' ') || undefined} data-testid={`route-${route.label}`} data-gone={gone || undefined}>
      <td>
        {route.label}
        {gone && <span className="sr-only"> (deleted)</span>}
      </td>
      <td>
        {route.dst}/{route.dstLen}
        {route.table === RT_TABLE_LOCAL && <span className="via"> {route.type === 3 ? 'broadcast' : 'local'}</span>}
      </td>
      <td>{route.gateway ? <><span className="via via-word">via</span> {route.gateway}</> : <span className="via">direct</span>}</td>
      <td>{dev}</td>
      <td>{gone ? <span className="ring">{Icon.timer(12)} deleted</span> : <TimerRing timer={timer} />}</td>
    </tr>
  );
}

function lastKernelChange(t: Timeline, step: number): string {
  for (let i = step; i > 0; i--) {
    const s = t.steps[i]!;
    const e = s.event;
    const at = `${(s.timeMs / 1000).toFixed(2)} s`;
    if (e.kind === 'route-removed') {
      // No request behind it: the kernel acted on its own (a timer, an expired address).
      const byKernel = s.cause === null || s.cause < 0 || t.spec.actions[s.cause]?.do !== 'send';
      return `${at}  ${byKernel ? 'kernel on its own' : 'RTM_DELROUTE'} → ${e.route.label} deleted → rtnl_notify()`;
    }
    if (e.kind === 'address-removed') return `${at}  lifetime of ${e.address} ran out → address and its routes deleted`;
    if (e.kind === 'route-added') return `${at}  RTM_NEWROUTE → ${e.route.label} ${e.replaced ? 'replaced' : 'added'} → rtnl_notify()`;
    if (e.kind === 'timer-armed') return `${at}  timer armed on ${e.route}: fires at ${(e.fireAt / 1000).toFixed(2)} s`;
    if (e.kind === 'timer-cancelled') return `${at}  timer on ${e.route} cancelled`;
  }
  return 'no changes yet';
}
