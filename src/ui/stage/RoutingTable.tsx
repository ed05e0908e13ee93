import { useT } from '../i18n';
import type { Messages } from '../../i18n';
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
  const m = useT();
  if (!timer) return <span className="via">∞</span>;
  const total = timer.fireAt - timer.armedAt;
  const left = Math.max(0, timer.fireAt - now);
  const frac = total > 0 ? left / total : 0;
  const r = 7;
  const c = 2 * Math.PI * r;
  return (
    <span
      className="ring"
      aria-label={timer.kind === 'route' ? m.routes.timerLeft(left) : m.routes.lifetimeLeft(timer.address ?? '', left)}
      title={timer.kind === 'route' ? undefined : m.routes.lifetimeTitle(timer.address ?? '')}
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
  // Routes whose timer (or address lifetime) has run out, until they go: the countdown ended at 0.
  const expired = new Map<string, string | undefined>();
  for (const c of changes) {
    if (c.step > step) break;
    if (c.kind === 'timer-fired') expired.set(c.route, c.address);
    else if (c.kind === 'timer-armed' || c.kind === 'timer-cancelled') expired.delete(c.route);
    else if (c.kind === 'route') expired.delete(c.route.label);
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
  const m = useT();
  const tablesText = tableNames.map((t) => `${TABLE_NAMES[t] ?? t} · ${t}`).join(', ') || 'main · 254';
  const dev = (r: Route) => (r.oif !== undefined ? (world.interfaces[r.oif] ?? `if${r.oif}`) : '—');
  return (
    <div className="kcard" data-measure>
      <div className="kcard-head">
        <span className="kind-icon k-state" aria-hidden="true">
          {Icon.table(12)}
        </span>
        <h3 id="rt-title">{m.routes.title}</h3>
        <span className="sub" title={m.routes.tablesTitle(tablesText)}>
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
            title={m.routes.localTitle}
          >
            {showLocal ? m.routes.hideLocal(local.length) : m.routes.showLocal(local.length)}
          </button>
        )}
      </div>
      {/* Focusable: a table longer than its card scrolls from the keyboard too. */}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={m.routes.scrollLabel}>
        <table className="routes" aria-label={m.routes.label} data-testid="routing-table">
          <thead>
            <tr>
              <th scope="col">{m.routes.cols.id}</th>
              <th scope="col">{m.routes.cols.dst}</th>
              <th scope="col">{m.routes.cols.gateway}</th>
              <th scope="col">{m.routes.cols.dev}</th>
              <th scope="col">{m.routes.cols.expires}</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={5} style={{ fontFamily: 'var(--sans)', color: 'var(--text-3)', fontWeight: 400 }}>
                  {m.routes.empty}
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
                expired={expired.has(route.label) ? { address: expired.get(route.label) } : undefined}
                first={showLocal && route.table === RT_TABLE_LOCAL && rows[i - 1]?.route.table !== RT_TABLE_LOCAL}
              />
            ))}
          </tbody>
        </table>
      </div>
      <div className="kfoot" aria-live="off" title={last ? kernelChangeText(last, m) : undefined}>
        {last ? kernelChangeText(last, m) : m.routes.noChanges}
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
  expired,
  first,
}: {
  route: Route;
  gone: boolean;
  fresh: boolean;
  dev: string;
  timer: TimerState | undefined;
  expired: { address: string | undefined } | undefined;
  first: boolean;
}) {
  const m = useT();
  return (
    <tr
      className={[gone ? 'gone' : fresh ? 'fresh' : '', first ? 'table-start' : ''].filter(Boolean).join(' ') || undefined}
      data-testid={`route-${route.label}`}
      data-gone={gone || undefined}
    >
      <td>
        {route.label}
        {gone && <span className="sr-only">{m.routes.deletedSr}</span>}
      </td>
      <td>
        {route.dst}/{route.dstLen}
        {route.table === RT_TABLE_LOCAL && <span className="via"> {route.type === 3 ? m.routes.broadcast : m.routes.local}</span>}
      </td>
      <td>
        {route.gateway ? (
          <>
            <span className="via via-word">{m.routes.via}</span> {route.gateway}
          </>
        ) : (
          <span className="via">{m.routes.direct}</span>
        )}
      </td>
      <td>{dev}</td>
      <td>
        {gone ? (
          <span className="ring">
            {Icon.timer(12)} {m.routes.deleted}
          </span>
        ) : !timer && expired ? (
          <span className="ring" aria-label={m.routes.expiredLabel(expired.address)} title={m.routes.expiredLabel(expired.address)} data-testid="timer-expired">
            <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">
              <circle cx="9" cy="9" r={7} fill="none" stroke="var(--border-strong)" strokeWidth="2.2" />
            </svg>
            <b>{m.routes.expired}</b>
          </span>
        ) : (
          <TimerRing timer={timer} />
        )}
      </td>
    </tr>
  );
}

/** The footer's line: the kernel's latest change and what caused it. */
function kernelChangeText(c: KernelChange, m: Messages): string {
  const at = c.timeMs;
  switch (c.kind) {
    case 'route':
      // No request behind a removal: the kernel acted on its own (a timer, an expired address).
      if (c.change === 'removed') return m.routes.changeRemoved(at, c.cause?.kind === 'request', c.route.label);
      return m.routes.changeAdded(at, c.route.label, c.change);
    case 'address-removed':
      return m.routes.addressRemoved(at, c.cause?.kind === 'request', c.address);
    case 'timer-armed':
      return m.routes.timerArmed(at, c.route, c.fireAt);
    case 'timer-cancelled':
      return m.routes.timerCancelled(at, c.route);
    case 'timer-fired':
      return m.routes.timerFired(at, c.route, c.address);
    default:
      return assertNever(c);
  }
}
