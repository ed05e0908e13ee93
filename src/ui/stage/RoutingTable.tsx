import { useState } from 'react';
import { assertNever, NETLINK_ROUTE, RT_TABLE_LOCAL, RT_TABLE_MAIN, TABLE_NAMES, type Route, type TimerState } from '../../engine';
import { selectKernelChanges, selectLastKernelChange, selectStep, selectStepTimeMs, selectWorld } from '../../store/selectors';
import type { KernelChange } from '../../store/timelineIndex';
import { useApp, usePlayheadTime } from '../context';
import { Icon } from '../icons';

/** A route deleted within this long before the playhead is still drawn, struck through. */
const GHOST_MS = 2500;

export function TimerRing({ timer }: { timer: TimerState | undefined }) {
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
      aria-label={
        timer.kind === 'route'
          ? `timer: ${(left / 1000).toFixed(1)} seconds left`
          : `the lifetime of address ${timer.address}: ${(left / 1000).toFixed(1)} seconds left`
      }
      title={timer.kind === 'route' ? undefined : `goes with its address ${timer.address} (valid_lft)`}
      data-testid="timer-ring"
    >
      <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">
        <circle cx="9" cy="9" r={r} fill="none" stroke="var(--border-strong)" strokeWidth="2.2" />
        <circle
          cx="9"
          cy="9"
          r={r}
          fill="none"
          stroke="var(--notification)"
          strokeWidth="2.2"
          strokeDasharray={`${c * frac} ${c}`}
          transform="rotate(-90 9 9)"
          strokeLinecap="round"
        />
      </svg>
      <b>{(left / 1000).toFixed(1)} s</b>
    </span>
  );
}

export function RoutingTable() {
  const world = useApp(selectWorld);
  const now = usePlayheadTime(250);
  const step = useApp(selectStep);
  const stepTimeMs = useApp(selectStepTimeMs);
  const last = useApp(selectLastKernelChange);
  const changes = useApp(selectKernelChanges);
  // Routes removed a moment ago stay drawn, struck through, until GHOST_MS after their removal.
  const ghosts: Route[] = [];
  for (const c of changes) {
    if (c.step > step) break;
    if (
      c.kind === 'route' &&
      c.change === 'removed' &&
      c.timeMs >= stepTimeMs - GHOST_MS &&
      now - c.timeMs <= GHOST_MS &&
      !world.routes.some((r) => r.label === c.route.label)
    )
      ghosts.push(c.route);
  }
  const fresh = last?.kind === 'route' && last.change !== 'removed' && last.step === step ? last.route.label : null;
  const timers = Object.values(world.timers);
  const [showLocal, setShowLocal] = useState(false);
  const all: Array<{ route: Route; gone: boolean }> = [
    ...world.routes.map((route) => ({ route, gone: false })),
    ...ghosts.map((route) => ({ route, gone: true })),
  ];
  // The kernel's dump order: table main first, then by destination; a ghost stays where its route was.
  all.sort(
    (a, b) => tableRank(a.route.table) - tableRank(b.route.table) || addrNumber(a.route.dst) - addrNumber(b.route.dst) || b.route.dstLen - a.route.dstLen,
  );
  // Table local holds what the kernel keeps for its own addresses: folded away unless asked for.
  const local = all.filter((r) => r.route.table === RT_TABLE_LOCAL);
  const rows = showLocal ? all : all.filter((r) => r.route.table !== RT_TABLE_LOCAL);
  const tableNames = [...new Set(world.routes.map((r) => r.table))].sort((a, b) => tableRank(a) - tableRank(b));
  const tablesText = tableNames.map((t) => `${TABLE_NAMES[t] ?? t} · ${t}`).join(', ') || 'main · 254';
  const dev = (r: Route) => (r.oif !== undefined ? (world.interfaces[r.oif] ?? `if${r.oif}`) : '—');
  return (
    <div className="kcard" data-measure>
      <div className="kcard-head">
        <span className="kind-icon k-state" aria-hidden="true">
          {Icon.table(12)}
        </span>
        <h3 id="rt-title">routing table</h3>
        <span className="sub" title={`tables: ${tablesText}`}>
          {tablesText}
        </span>
        <span className="badge">rtnetlink · FIB</span>
        {local.length > 0 && (
          <button
            type="button"
            className="chip-btn"
            aria-expanded={showLocal}
            onClick={() => setShowLocal((v) => !v)}
            data-testid="toggle-local"
            title="Table local: the routes the kernel keeps for its own addresses"
          >
            {showLocal ? 'hide' : '+'} {local.length} local
          </button>
        )}
      </div>
      {/* Focusable: a table longer than its card scrolls from the keyboard too. */}
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Routes, scrollable">
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
              <Row
                key={route.label}
                route={route}
                gone={gone}
                fresh={fresh === route.label}
                dev={dev(route)}
                timer={timers.find((t) => t.route === route.label && t.protocol === NETLINK_ROUTE)}
                first={showLocal && route.table === RT_TABLE_LOCAL && rows[i - 1]?.route.table !== RT_TABLE_LOCAL}
              />
            ))}
          </tbody>
        </table>
      </div>
      <div className="kfoot" aria-live="off" title={last ? kernelChangeText(last) : undefined}>
        {last ? kernelChangeText(last) : 'no changes yet'}
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

function Row({
  route,
  gone,
  fresh,
  dev,
  timer,
  first,
}: {
  route: Route;
  gone: boolean;
  fresh: boolean;
  dev: string;
  timer: TimerState | undefined;
  first: boolean;
}) {
  return (
    <tr
      className={[gone ? 'gone' : fresh ? 'fresh' : '', first ? 'table-start' : ''].filter(Boolean).join(' ') || undefined}
      data-testid={`route-${route.label}`}
      data-gone={gone || undefined}
    >
      <td>
        {route.label}
        {gone && <span className="sr-only"> (deleted)</span>}
      </td>
      <td>
        {route.dst}/{route.dstLen}
        {route.table === RT_TABLE_LOCAL && <span className="via"> {route.type === 3 ? 'broadcast' : 'local'}</span>}
      </td>
      <td>
        {route.gateway ? (
          <>
            <span className="via via-word">via</span> {route.gateway}
          </>
        ) : (
          <span className="via">direct</span>
        )}
      </td>
      <td>{dev}</td>
      <td>{gone ? <span className="ring">{Icon.timer(12)} deleted</span> : <TimerRing timer={timer} />}</td>
    </tr>
  );
}

/** The footer's line: the kernel's latest change and what caused it. */
function kernelChangeText(c: KernelChange): string {
  const at = `${(c.timeMs / 1000).toFixed(2)} s`;
  switch (c.kind) {
    case 'route':
      // No request behind a removal: the kernel acted on its own (a timer, an expired address).
      if (c.change === 'removed')
        return `${at}  ${c.cause?.kind === 'request' ? 'RTM_DELROUTE' : 'kernel on its own'} → ${c.route.label} deleted → rtnl_notify()`;
      return `${at}  RTM_NEWROUTE → ${c.route.label} ${c.change} → rtnl_notify()`;
    case 'address-removed':
      return c.cause?.kind === 'request'
        ? `${at}  RTM_DELADDR → ${c.address} and its routes deleted`
        : `${at}  lifetime of ${c.address} ran out → address and its routes deleted`;
    case 'timer-armed':
      return `${at}  timer armed on ${c.route}: fires at ${(c.fireAt / 1000).toFixed(2)} s`;
    case 'timer-cancelled':
      return `${at}  timer on ${c.route} cancelled`;
    default:
      return assertNever(c);
  }
}
