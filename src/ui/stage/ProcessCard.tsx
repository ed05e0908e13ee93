import { useT } from '../i18n';
import { useGroupName, useMessageTypeName } from '../names';
import { groupDigits } from '../../i18n/digits';
import type { Messages } from '../../i18n';
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { TimelineIndex } from '../../store/timelineIndex';
import { datagramInfo, messageTypeName, NETLINK_ROUTE, protocolName, socketOf, type Message, type SocketState, type World } from '../../engine';
import { openQuestion } from '../../store/slices/quiz';
import { useApp, useActions } from '../context';
import { Icon } from '../icons';
import { KindGlyph, kindClass } from '../kinds';
import { useAnchor } from './anchors';
import { selectIndex, selectMessages, selectSelectedMessage, selectStep } from '../../store/selectors';

const bytes = (n: number) => groupDigits(n, '\u2009');

interface Row {
  id: number;
  state: 'arriving' | 'queued' | 'read' | 'dropped' | 'freed';
  fresh: boolean;
}

/** What one socket has received so far at a step, newest first. */
function receivedRows(ix: TimelineIndex, step: number, socket: string, closed = false): Row[] {
  const rows: Row[] = [];
  const msgs = ix.timeline.messages;
  for (let id = msgs.length - 1; id >= 0; id--) {
    const m = msgs.at(id)!;
    if (m.to.kind !== 'socket' || m.to.socket !== socket) continue;
    const sent = ix.sentStep[id]!;
    if (sent < 0 || sent > step) continue;
    const out = ix.outcomeStep[id]!;
    const read = ix.readStep[id]!;
    let state: Row['state'];
    if (out === -1 || out > step) state = 'arriving';
    else if (ix.dropped[id]) state = 'dropped';
    else if (read !== -1 && read <= step) state = 'read';
    else state = closed ? 'freed' : 'queued';
    rows.push({ id, state, fresh: state === 'arriving' || out === step || read === step });
  }
  return rows;
}

function routeText(m: Message, t: Messages): string {
  if (m.kind === 'ack') return 'ACK';
  if (m.kind === 'error' && m.message.payload.kind === 'error') return t.process.errorRoute(m.message.payload.error);
  if (m.kind === 'done') return t.process.dumpEnd;
  return m.route ?? '';
}

/** The module entries whose interest list holds this socket's port id (NETLINK_RTMGR). */
function interestOf(w: World, sock: SocketState): string[] {
  if (!w.rtmgr || sock.protocol === NETLINK_ROUTE || sock.portId === null) return [];
  return w.rtmgr.slots.filter((e) => e !== null && e.listeners.includes(sock.portId!)).map((e) => e!.name);
}

function SocketBlock({ sock, place, count }: { sock: SocketState; place: number; count: number }) {
  const groupName = useGroupName();
  const typeName = useMessageTypeName();
  const multi = count > 1;
  const interest = useApp(useShallow((s) => interestOf(s.index.timeline.steps.at(s.step)!.world, sock)));
  const proto = protocolName(sock.protocol);
  const t = useT();
  const STATE_TEXT = t.process.state;
  const interestView = interest.length > 0 && (
    <span className="chip" title={t.process.interestTitle} data-testid={`interest-${sock.id}`}>
      <i className="dotk" /> {interest.join(', ')}
    </span>
  );
  const ix = useApp(selectIndex);
  const step = useApp(selectStep);
  const rows = useMemo(() => receivedRows(ix, step, sock.id, sock.closed), [ix, step, sock.id, sock.closed]);
  const messages = useApp(selectMessages);
  const selected = useApp(selectSelectedMessage);
  const select = useActions().select;
  const nub = useAnchor(`nub:${sock.id}`);
  const shown = rows.slice(0, count > 1 ? 2 : 3);
  const fresh = rows.filter((r) => r.fresh).length;
  const pct = sock.rcvbuf > 0 ? Math.min(100, (sock.rmemAlloc / sock.rcvbuf) * 100) : 100;
  const groupsView =
    sock.groups.length === 0 ? (
      <span className="chip dashed">
        <span className="long">{t.process.noneJoined}</span>
        <span className="short">{t.process.noGroups}</span>
      </span>
    ) : (
      sock.groups.map((g) => (
        <span className="chip" key={g} title={`${groupName(g, sock.protocol)} (${g})`}>
          <i className="dotk" />
          <span className={multi ? undefined : 'long'}>{multi ? t.process.group(g) : groupName(g, sock.protocol)}</span>
          {/* The number stays whole when a narrow card shortens the name. */}
          {!multi && <span className="long chip-num">{` (${g})`}</span>}
          {!multi && <span className="short">{t.process.group(g)}</span>}
        </span>
      ))
    );
  const meter = (
    <span className="meter">
      <span
        className="meter-bar"
        role="meter"
        aria-label={t.process.queueLabel(sock.id)}
        aria-valuemin={0}
        aria-valuemax={sock.rcvbuf}
        aria-valuenow={sock.rmemAlloc}
      >
        <span className={`meter-fill${sock.rmemAlloc > sock.rcvbuf || sock.congested ? ' over' : ''}`} style={{ width: `${pct}%`, display: 'block' }} />
      </span>
      <span className="meter-text">
        {bytes(sock.rmemAlloc)} / {bytes(sock.rcvbuf)} B
      </span>
    </span>
  );
  return (
    <>
      {multi ? (
        // A process with several sockets: one compact block per socket.
        <div className="sock-compact">
          <div className={`sock-line${sock.closed ? ' sock-closed' : ''}`}>
            <span className="mono sock-name">{sock.name}</span>
            <span className="sock-proto" title={`${proto} (${sock.protocol})`}>
              {proto.replace('NETLINK_', '')}
            </span>
            <span className="port" data-testid={`port-${sock.id}`}>
              {sock.closed ? t.process.closed : sock.portId === null ? t.process.unbound : sock.portId}
            </span>
            {interestView || groupsView}
          </div>
          {meter}
        </div>
      ) : (
        <dl className={`kv${sock.closed ? ' sock-closed' : ''}`}>
          <dt>{t.process.portId}</dt>
          <dd>
            <span className="port" data-testid={`port-${sock.id}`}>
              {sock.closed ? t.process.closed : sock.portId === null ? t.process.unbound : sock.portId}
            </span>{' '}
            <span className="sock-proto" title={t.process.protoTitle(proto, sock.protocol)}>
              {proto.replace('NETLINK_', '')} {sock.protocol}
            </span>
          </dd>
          <dt>{sock.protocol === NETLINK_ROUTE ? t.process.groups : t.process.interest}</dt>
          <dd>
            {sock.protocol === NETLINK_ROUTE
              ? groupsView
              : interestView || (sock.groups.length ? groupsView : <span className="chip dashed">{t.process.notRegistered}</span>)}
          </dd>
          <dt>{t.process.queue}</dt>
          <dd>{meter}</dd>
        </dl>
      )}
      {(sock.drops > 0 || sock.pendingEnobufs) && (
        <div className="flags-line">
          {t.process.dropped(sock.drops)}
          {sock.pendingEnobufs ? t.process.enobufsPending : ''}
          {sock.noEnobufs ? ' · NETLINK_NO_ENOBUFS' : ''}
        </div>
      )}
      <div className="recv">
        <div className="recv-head">
          <span>{t.process.received}</span>
          {rows.length === 0 ? (
            <span>{t.process.none}</span>
          ) : (
            <span className="new" data-testid="received-count">
              {/* Every number says what it counts: the total, how many are new, and how many the list leaves out. */}
              {t.process.inAll(rows.length)}
              {fresh ? t.process.fresh(fresh) : ''}
              {rows.length > shown.length ? t.process.notShown(rows.length - shown.length) : ''}
            </span>
          )}
        </div>
        {rows.length === 0 ? (
          <div className="empty">{t.process.nothingYet}</div>
        ) : (
          <ul aria-label={t.process.receivedBy(sock.process)}>
            {shown.map((r) => {
              const m = messages.at(r.id)!;
              // Several messages in one datagram arrive, and are read, together: one recvmsg() returns them all.
              const d = datagramInfo(ix.timeline, m);
              return (
                <li
                  key={r.id}
                  className={`${kindClass(m.kind)}${r.fresh ? ' fresh' : ''}`}
                  data-testid="received-item"
                  data-type={messageTypeName(m.message.header.type, m.protocol)}
                  data-state={r.state}
                >
                  <button
                    type="button"
                    title={`${typeName(m.message.header.type, m.protocol)} ${routeText(m, t)} · ${STATE_TEXT[r.state]}`}
                    onClick={() => select(r.id)}
                    aria-pressed={selected === r.id}
                    aria-label={t.process.itemLabel(typeName(m.message.header.type, m.protocol), routeText(m, t), d.index, d.count, STATE_TEXT[r.state])}
                  >
                    <span className={`kind-icon ${kindClass(m.kind)}`}>
                      <KindGlyph kind={m.kind} size={11} />
                    </span>
                    <span className="tname">{typeName(m.message.header.type, m.protocol)}</span>
                    <span className="rlabel">· {routeText(m, t)}</span>
                    {d.count > 1 && (
                      <span className="dgram" title={t.process.datagramTitle(d.index, d.count)}>
                        {d.index}/{d.count}
                      </span>
                    )}
                    <span className={`state ${r.state}`}>{STATE_TEXT[r.state]}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
      <span
        className="nub"
        ref={nub}
        aria-hidden="true"
        style={multi ? { left: `${((place + 1) / (count + 1)) * 100}%` } : undefined}
        title={multi ? t.process.socketTitle(sock.name) : undefined}
      />
    </>
  );
}

/** Bytes in a few characters: 4.5k, 208k. The exact figure is in the row's tooltip. */
function shortBytes(n: number): string {
  if (n < 1000) return String(n);
  const k = n / 1024;
  return `${k < 10 ? k.toFixed(1) : Math.round(k)}k`;
}

/** A socket in one line, for a stage with many processes: name, port id, groups, receive queue. */
function SocketLine({ sock, place, count }: { sock: SocketState; place: number; count: number }) {
  const groupName = useGroupName();
  const interest = useApp(useShallow((s) => interestOf(s.index.timeline.steps.at(s.step)!.world, sock)));
  const nub = useAnchor(`nub:${sock.id}`);
  const t = useT();
  const proto = protocolName(sock.protocol);
  const port = sock.closed ? t.process.closed : sock.portId === null ? t.process.unbound : String(sock.portId);
  const pct = sock.rcvbuf > 0 ? Math.min(100, (sock.rmemAlloc / sock.rcvbuf) * 100) : 100;
  const groups = interest.length > 0 ? interest.join(',') : sock.groups.map((g) => `g${g}`).join(' ');
  const groupsLong =
    interest.length > 0
      ? t.process.inInterestLists(interest.join(', '))
      : sock.groups.length > 0
        ? t.process.groupsJoined(sock.groups.map((g) => `${groupName(g, sock.protocol)} (${g})`).join(', '))
        : t.process.noGroupsJoined;
  const trouble = sock.drops > 0 || sock.pendingEnobufs ? t.process.trouble(sock.drops, sock.pendingEnobufs) : '';
  return (
    <div
      className={`sock-row${sock.closed ? ' sock-closed' : ''}`}
      title={t.process.rowTitle(sock.name, proto, port, groupsLong, `${bytes(sock.rmemAlloc)} / ${bytes(sock.rcvbuf)} B`, trouble)}
    >
      <span className="mono sock-name">{sock.name}</span>
      <span className="port" data-testid={`port-${sock.id}`}>
        {port}
      </span>
      {groups ? (
        <span className="chip">
          <i className="dotk" />
          {groups}
        </span>
      ) : (
        <span className="chip dashed" aria-label={t.process.noGroups}>
          –
        </span>
      )}
      <span
        className={`qcell${sock.rmemAlloc > sock.rcvbuf || sock.congested ? ' over' : ''}`}
        role="meter"
        aria-label={t.process.queueLabel(sock.id)}
        aria-valuemin={0}
        aria-valuemax={sock.rcvbuf}
        aria-valuenow={sock.rmemAlloc}
        style={{ ['--fill' as string]: `${pct}%` }}
      >
        {shortBytes(sock.rmemAlloc)}/{shortBytes(sock.rcvbuf)}
      </span>
      {trouble && <span className="drops">✕{sock.drops}</span>}
      <span className="nub" ref={nub} aria-hidden="true" style={{ left: `${((place + 1) / (count + 1)) * 100}%` }} />
    </div>
  );
}

export function ProcessCard({ name, dense = false }: { name: string; dense?: boolean }) {
  const proc = useApp((s) => s.index.timeline.steps.at(s.step)!.world.processes[name]!);
  const sockets = useApp(useShallow((s) => proc.sockets.map((id) => socketOf(s.index.timeline.steps.at(s.step)!.world, id)!)));
  const registered = useApp((s) => sockets.some((x) => interestOf(s.index.timeline.steps.at(s.step)!.world, x).length > 0));
  const subscribed = sockets.some((s) => s.groups.length > 0) || registered;
  // While a question offers the processes as choices, a card can be clicked to pick it.
  // One number per card (choice * 2 + ticked), so a card re-renders only when its own pick changes.
  const pickCode = useApp((s) => {
    if (s.quiz.open?.phase !== 'ask') return -1;
    const i = openQuestion(s)?.choices.indexOf(name) ?? -1;
    return i < 0 ? -1 : i * 2 + (s.quiz.draft.includes(i) ? 1 : 0);
  });
  const pick = pickCode < 0 ? null : { i: pickCode >> 1, on: (pickCode & 1) === 1 };
  const toggle = useActions().toggleChoice;
  const t = useT();
  const status =
    registered && !sockets.some((x) => x.groups.length > 0)
      ? t.process.registered
      : subscribed
        ? t.process.subscribed
        : sockets.every((x) => x.protocol !== NETLINK_ROUTE)
          ? t.process.notRegistered
          : t.process.notSubscribed;
  return (
    <section
      className={`proc${dense ? ' dense' : ''}${subscribed ? '' : ' unsub'}${pick ? ' pickable' : ''}${pick?.on ? ' picked' : ''}`}
      aria-label={name}
      data-testid={`process-${name}`}
      data-measure
      onClick={pick ? () => toggle(pick.i) : undefined}
    >
      <div className="proc-head">
        <span className="kind-icon k-state" aria-hidden="true">
          {Icon.terminal(12)}
        </span>
        <h3 title={`${name} · ${t.process.pid(proc.pid)}`}>{name}</h3>
        <span className="pid">{t.process.pid(proc.pid)}</span>
        <span className="badge" title={status}>
          {subscribed ? Icon.check(11) : Icon.slash(11)}
          <span className="badge-text">{status}</span>
        </span>
      </div>
      {dense && sockets.map((sock, i) => <SocketLine key={sock.id} sock={sock} place={i} count={sockets.length} />)}
      {!dense &&
        sockets.map((sock, i) => (
          <div key={sock.id} style={i ? { marginTop: 8, paddingTop: 8, borderTop: '1px solid var(--border)' } : undefined}>
            <SocketBlock sock={sock} place={i} count={sockets.length} />
          </div>
        ))}
    </section>
  );
}
