/**
 * The sandbox: act on the world at the current step. Each action forks the timeline there (the old
 * future is dropped; Undo brings it back). Requests go to the simulated kernel as they are: one it
 * would reject comes back as the kernel's error, so the learner sees why.
 */
import { BYTES_MAX, MS_MAX } from '../../scenarios/limits';
import { useT } from '../i18n';
import { SeqField } from './SeqField';
import { NumberField } from './NumberField';
import { useState, type ReactNode } from 'react';
import {
  DEFAULT_RECV_BUFFER,
  RTMGRP_IPV4_ROUTE,
  RTNLGRP_IPV4_ROUTE,
  SOCKET_OPTIONS,
  formatRoute,
  protocolName,
  socketOf,
  type ActionSpec,
  type MessageTypeName,
  type RequestSpec,
  MAX_PROCESSES,
} from '../../engine';
import { selectHistory, selectIndex, selectSpec, selectStep } from '../../store/selectors';
import { useApp, useActions } from '../context';
import ModuleActions from './ModuleActions';

type Op = 'add' | 'delete' | 'get' | 'dump' | 'addr-add' | 'addr-del' | 'addr-dump';
/** An action without its time (the sandbox places it), or without its time and socket. */
type Unplaced = ActionSpec extends infer T ? (T extends unknown ? Omit<T, 'at'> : never) : never;
type OnSocket = ActionSpec extends infer T ? (T extends { actor: string; socket?: string } ? Omit<T, 'at' | 'actor' | 'socket'> : never) : never;
/** The requests the panel can send; their names are in the message tables (sandbox.ops). */
const OPS: Array<{ id: Op; type: MessageTypeName; flags: string[] }> = [
  { id: 'add', type: 'RTM_NEWROUTE', flags: ['NLM_F_REQUEST', 'NLM_F_ACK', 'NLM_F_ECHO', 'NLM_F_CREATE', 'NLM_F_EXCL', 'NLM_F_REPLACE', 'NLM_F_APPEND'] },
  { id: 'delete', type: 'RTM_DELROUTE', flags: ['NLM_F_REQUEST', 'NLM_F_ACK', 'NLM_F_ECHO'] },
  { id: 'get', type: 'RTM_GETROUTE', flags: ['NLM_F_REQUEST', 'NLM_F_ACK'] },
  { id: 'dump', type: 'RTM_GETROUTE', flags: ['NLM_F_REQUEST', 'NLM_F_ACK'] },
  { id: 'addr-add', type: 'RTM_NEWADDR', flags: ['NLM_F_REQUEST', 'NLM_F_ACK', 'NLM_F_ECHO', 'NLM_F_CREATE', 'NLM_F_EXCL'] },
  { id: 'addr-del', type: 'RTM_DELADDR', flags: ['NLM_F_REQUEST', 'NLM_F_ACK', 'NLM_F_ECHO'] },
  { id: 'addr-dump', type: 'RTM_GETADDR', flags: ['NLM_F_REQUEST'] },
];
const isAddr = (op: Op) => op.startsWith('addr');
const isDump = (op: Op) => op === 'dump' || op === 'addr-dump';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="sb-section">
      <legend className="caps">{title}</legend>
      {children}
    </fieldset>
  );
}

export default function SandboxPanel() {
  const index = useApp(selectIndex);
  const step = useApp(selectStep);
  const history = useApp(selectHistory);
  const spec = useApp(selectSpec);
  const act = useActions().act;
  const undo = useActions().undo;
  const emptyWorld = useActions().emptyWorld;
  const setOpen = useActions().setSandboxOpen;
  const m = useT();
  const world = index.timeline.steps.at(step)!.world;
  const at = index.timeline.steps.at(step)!.timeMs;
  const sockets = world.socketOrder.map((id) => socketOf(world, id)!);
  const [sockChoice, setSock] = useState('');
  const sock = sockets.find((s) => s.id === sockChoice) ?? sockets[0];
  const [op, setOp] = useState<Op>('add');
  const [flags, setFlags] = useState<Record<string, boolean>>({ NLM_F_REQUEST: true, NLM_F_ACK: true, NLM_F_CREATE: true, NLM_F_EXCL: true });
  const [dst, setDst] = useState('10.0.9.0/24');
  const [gateway, setGateway] = useState('192.168.1.1');
  const [dev, setDev] = useState('eth0');
  const [seq, setSeq] = useState(100);
  const [bindGroups, setBindGroups] = useState(true);
  // The field starts from the chosen socket's own buffer (the SO_RCVBUF that keeps it as it is), not one value for every process.
  const [rcvbufDraft, setRcvbufDraft] = useState<{ socket: string; bytes: number } | null>(null);
  const [recvBuffer, setRecvBuffer] = useState(DEFAULT_RECV_BUFFER);
  const [address, setAddress] = useState('10.1.0.5/24');
  const [lifetime, setLifetime] = useState(0);
  const [dstLen, setDstLen] = useState('');
  const [timerRoute, setTimerRoute] = useState('');
  const [timerMs, setTimerMs] = useState(2000);
  const [busy, setBusy] = useState(false);
  const rcvbuf = sock && rcvbufDraft?.socket === sock.id ? rcvbufDraft.bytes : Math.floor((sock?.rcvbuf ?? 4608) / 2);
  const setRcvbuf = (bytes: number) => sock && setRcvbufDraft({ socket: sock.id, bytes });
  const routes = world.routes;
  const timerLabel = routes.some((r) => r.label === timerRoute) ? timerRoute : (routes[0]?.label ?? '');
  const nextName = () => {
    for (let i = 1; ; i++) if (!world.processes[`P${i}`]) return `P${i}`;
  };
  const nextPid = () => {
    const used = new Set(Object.values(world.processes).map((p) => p.pid));
    let pid = 1201;
    while (used.has(pid)) pid++;
    return pid;
  };
  const run = async (a: Unplaced) => {
    setBusy(true);
    try {
      await act({ at: 0, ...a } as ActionSpec);
    } finally {
      setBusy(false);
    }
  };
  const opDef = OPS.find((o) => o.id === op)!;
  const send = () => {
    if (!sock) return;
    const chosen = opDef.flags.filter((f) => flags[f]);
    if (isDump(op)) chosen.push('NLM_F_DUMP');
    const request: RequestSpec = { type: opDef.type, flags: chosen, seq };
    if (isAddr(op) && !isDump(op)) request.address = { address, dev: dev || 'eth1', ...(lifetime > 0 ? { validLft: lifetime } : {}) };
    else if (!isDump(op)) request.route = op === 'add' ? { dst, ...(gateway ? { gateway } : {}), ...(dev ? { oif: dev } : {}) } : { dst };
    // A header value the kernel will refuse, written as given (e.g. a /33 prefix).
    if (!isAddr(op) && dstLen !== '') request.override = { dstLen: Math.max(0, Math.min(255, Number(dstLen) || 0)) };
    setSeq(seq + 1);
    void run({ do: 'send', actor: sock.process, socket: sock.name, request });
  };
  const onSock = (a: OnSocket) => sock && void run({ ...a, actor: sock.process, socket: sock.name } as Unplaced);

  return (
    <section className="panel sandbox" aria-label={m.sandbox.region} data-testid="sandbox" aria-busy={busy}>
      <div className="insp-head">
        <h2 className="panel-title">{m.sandbox.title}</h2>
        <button type="button" className="link" onClick={() => setOpen(false)}>
          {m.sandbox.close}
        </button>
      </div>
      <p className="muted small">{m.sandbox.actAt(step, at)}</p>
      <div className="sb-row">
        <button type="button" className="btn" onClick={undo} disabled={history.length === 0}>
          {m.sandbox.undo}
        </button>
        <button type="button" className="btn" onClick={() => void emptyWorld()}>
          {m.sandbox.empty}
        </button>
        <button type="button" className="btn" onClick={() => saveScenario(spec)}>
          {m.sandbox.save}
        </button>
      </div>

      <Section title={m.sandbox.processes}>
        <button
          type="button"
          className="btn"
          onClick={() => void run({ do: 'spawn', actor: nextName(), pid: nextPid() })}
          disabled={world.processOrder.length >= MAX_PROCESSES}
        >
          {m.sandbox.addProcess(nextName())}
        </button>
      </Section>

      {sock ? (
        <>
          <Section title={m.sandbox.socket}>
            <label className="sb-field">
              <span>{m.sandbox.actingSocket}</span>
              <select value={sock.id} onChange={(e) => setSock(e.target.value)} aria-label={m.sandbox.actingSocket}>
                {sockets.map((s) => (
                  <option key={s.id} value={s.id}>
                    {m.sandbox.socketChoice(
                      s.process,
                      s.name,
                      s.protocol ? protocolName(s.protocol) : '',
                      s.closed ? m.process.closed : s.portId === null ? m.process.unbound : m.sandbox.port(s.portId),
                    )}
                  </option>
                ))}
              </select>
            </label>
            <div className="sb-row">
              <label className="check">
                <input type="checkbox" checked={bindGroups} onChange={(e) => setBindGroups(e.target.checked)} /> nl_groups 0x{RTMGRP_IPV4_ROUTE.toString(16)}
              </label>
              <button type="button" className="btn" onClick={() => onSock({ do: 'bind', groups: bindGroups ? RTMGRP_IPV4_ROUTE : 0 })}>
                {m.sandbox.bind}
              </button>
            </div>
            <div className="sb-row">
              <button
                type="button"
                className="btn"
                onClick={() => onSock({ do: 'join', group: RTNLGRP_IPV4_ROUTE })}
                disabled={sock.groups.includes(RTNLGRP_IPV4_ROUTE)}
              >
                {m.sandbox.join(RTNLGRP_IPV4_ROUTE)}
              </button>
              <button
                type="button"
                className="btn"
                onClick={() => onSock({ do: 'leave', group: RTNLGRP_IPV4_ROUTE })}
                disabled={!sock.groups.includes(RTNLGRP_IPV4_ROUTE)}
              >
                {m.sandbox.leave(RTNLGRP_IPV4_ROUTE)}
              </button>
            </div>
            <div className="sb-row">
              <NumberField
                caption={m.sandbox.recvBuffer}
                label={m.sandbox.recvBufferLabel}
                value={recvBuffer}
                min={0}
                max={BYTES_MAX}
                step={100}
                onChange={setRecvBuffer}
              />
              <button type="button" className="btn" onClick={() => onSock({ do: 'read', count: 1, buffer: recvBuffer })}>
                {m.sandbox.readOne}
              </button>
              <button type="button" className="btn" onClick={() => onSock({ do: 'read', buffer: recvBuffer })}>
                {m.sandbox.readAll}
              </button>
            </div>
            <div className="sb-flags" role="group" aria-label={m.sandbox.options}>
              {SOCKET_OPTIONS.map((o) => (
                <label key={o.name} className="check flag">
                  <input
                    type="checkbox"
                    checked={sock[o.field]}
                    onChange={(e) => onSock({ do: 'set-option', option: o.name, value: e.target.checked })}
                    aria-describedby={`opt-${o.name}`}
                  />
                  <code>{o.name}</code>
                  <span id={`opt-${o.name}`} className="hint">
                    {m.sandbox.optionHints[o.name] ?? o.meaning}
                  </span>
                </label>
              ))}
            </div>
            <div className="sb-row">
              <NumberField
                caption="SO_RCVBUF"
                label={m.sandbox.rcvbufLabel}
                value={rcvbuf}
                min={0}
                max={BYTES_MAX}
                step={256}
                describedBy="rcvbuf-hint"
                onChange={setRcvbuf}
              />
              <button type="button" className="btn" onClick={() => onSock({ do: 'set-rcvbuf', bytes: rcvbuf })}>
                {m.sandbox.set}
              </button>
              <span id="rcvbuf-hint" className="hint">
                {m.sandbox.rcvbufHint(sock.rcvbuf)}
              </span>
              <button
                type="button"
                className="btn"
                onClick={() => sock && void run({ do: 'open', actor: sock.process, socket: `s${world.processes[sock.process]!.sockets.length}` })}
              >
                {m.sandbox.openAnother}
              </button>
            </div>
          </Section>

          <Section title={m.sandbox.request}>
            <label className="sb-field">
              <span>{m.sandbox.request}</span>
              <select value={op} onChange={(e) => setOp(e.target.value as Op)} aria-label={m.sandbox.requestType}>
                {OPS.map((o) => (
                  <option key={o.id} value={o.id}>
                    {m.sandbox.ops[o.id]}
                  </option>
                ))}
              </select>
            </label>
            {isAddr(op) && !isDump(op) && (
              <div className="sb-grid">
                <label className="sb-field">
                  <span>{m.sandbox.address}</span>
                  <input value={address} onChange={(e) => setAddress(e.target.value)} aria-label={m.sandbox.addressLabel} />
                </label>
                <label className="sb-field">
                  <span>{m.sandbox.device}</span>
                  <select value={dev || 'eth1'} onChange={(e) => setDev(e.target.value)} aria-label={m.sandbox.addressDevice}>
                    {Object.values(world.interfaces).map((n) => (
                      <option key={n}>{n}</option>
                    ))}
                  </select>
                </label>
                {op === 'addr-add' && (
                  <label className="sb-field">
                    <span>{m.sandbox.validLft}</span>
                    <input
                      type="number"
                      min={0}
                      max={86_400}
                      value={lifetime}
                      onChange={(e) => setLifetime(Math.max(0, Math.min(86_400, Math.floor(Number(e.target.value) || 0))))}
                      aria-label={m.sandbox.lifetimeLabel}
                    />
                  </label>
                )}
              </div>
            )}
            {!isAddr(op) && !isDump(op) && (
              <div className="sb-grid">
                <label className="sb-field">
                  <span>{m.sandbox.destination}</span>
                  <input value={dst} onChange={(e) => setDst(e.target.value)} aria-label={m.sandbox.destinationLabel} list="sb-routes" />
                  <datalist id="sb-routes">
                    {routes.map((r) => (
                      <option key={r.label} value={`${r.dst}/${r.dstLen}`}>
                        {r.label}: {formatRoute(r, world.interfaces)}
                      </option>
                    ))}
                  </datalist>
                </label>
                {op === 'add' && (
                  <>
                    <label className="sb-field">
                      <span>{m.sandbox.gateway}</span>
                      <input value={gateway} onChange={(e) => setGateway(e.target.value)} aria-label={m.sandbox.gateway} placeholder={m.sandbox.none} />
                    </label>
                    <label className="sb-field">
                      <span>{m.sandbox.device}</span>
                      <select value={dev} onChange={(e) => setDev(e.target.value)} aria-label={m.sandbox.outputDevice}>
                        <option value="">{m.sandbox.none}</option>
                        {Object.values(world.interfaces).map((n) => (
                          <option key={n}>{n}</option>
                        ))}
                      </select>
                    </label>
                  </>
                )}
                <label className="sb-field">
                  <span>{m.sandbox.dstLen}</span>
                  <input
                    type="number"
                    min={0}
                    max={255}
                    value={dstLen}
                    placeholder={m.sandbox.fromPrefix}
                    onChange={(e) => setDstLen(e.target.value)}
                    aria-label={m.sandbox.dstLenLabel}
                  />
                </label>
              </div>
            )}
            <div className="sb-flags" role="group" aria-label={m.sandbox.flags}>
              {opDef.flags.map((f) => (
                <label key={f} className="check flag">
                  <input type="checkbox" checked={!!flags[f]} onChange={(e) => setFlags({ ...flags, [f]: e.target.checked })} aria-describedby={`hint-${f}`} />
                  <code>{f}</code>
                  <span id={`hint-${f}`} className="hint">
                    {m.sandbox.flagHints[f]}
                  </span>
                </label>
              ))}
              {isDump(op) && (
                <p className="hint">
                  <code>NLM_F_DUMP</code> {m.sandbox.dumpAdded}
                </p>
              )}
            </div>
            <div className="sb-row">
              <SeqField value={seq} onChange={setSeq} label={m.sandbox.seqLabel} />
              <button type="button" className="btn primary" onClick={send}>
                {m.sandbox.sendFrom(sock.process)}
              </button>
            </div>
          </Section>
        </>
      ) : (
        <p className="muted small">{m.sandbox.noProcesses}</p>
      )}

      <ModuleActions world={world} sock={sock} run={(a) => void run(a)} nextName={nextName} nextPid={nextPid} />

      <Section title={m.sandbox.timer}>
        <p className="muted small">{m.sandbox.timerNote}</p>
        {routes.length === 0 ? (
          <p className="muted small">{m.sandbox.noRoutes}</p>
        ) : (
          <div className="sb-row">
            <select value={timerLabel} onChange={(e) => setTimerRoute(e.target.value)} aria-label={m.sandbox.timerRoute}>
              {routes.map((r) => (
                <option key={r.label} value={r.label}>
                  {r.label} {r.dst}/{r.dstLen}
                </option>
              ))}
            </select>
            <NumberField
              caption={m.sandbox.deleteIn}
              label={m.sandbox.deleteInLabel}
              value={timerMs}
              min={0}
              max={MS_MAX}
              unit={1000}
              step={0.5}
              suffix="s"
              onChange={setTimerMs}
            />
            <button type="button" className="btn" onClick={() => void run({ do: 'arm-timer', route: timerLabel, afterMs: timerMs })}>
              {m.sandbox.arm}
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => void run({ do: 'cancel-timer', route: timerLabel })}
              disabled={!Object.values(world.timers).some((t) => t.route === timerLabel)}
            >
              {m.sandbox.cancel}
            </button>
          </div>
        )}
      </Section>
    </section>
  );
}

/** Download the scenario as a file in the same format the app and the CLI read. */
function saveScenario(spec: object): void {
  const data = JSON.stringify({ $schema: 'scenario.schema.json', ...spec }, null, 2);
  const url = URL.createObjectURL(new Blob([`${data}\n`], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${(spec as { id: string }).id}.json`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
