/**
 * The sandbox's part for the course module: what rtmgr_user and the lecturer can do on a
 * NETLINK_RTMGR socket (register, unregister, add, delete, arm, list, join group 1), and close()
 * for any socket, the way a listener goes away.
 */
import { U32_MAX } from '../../scenarios/limits';
import { NumberField } from './NumberField';
import { useT } from '../i18n';
import { SeqField } from './SeqField';
import { useState } from 'react';
import { MAX_PROCESSES, NETLINK_RTMGR, RTMGR_GRP_EVENTS, type ActionSpec, type RequestSpec, type SocketState, type World } from '../../engine';

type Unplaced = ActionSpec extends infer T ? (T extends unknown ? Omit<T, 'at'> : never) : never;

const ACKED = ['NLM_F_REQUEST', 'NLM_F_ACK'];

export default function ModuleActions({
  world,
  sock,
  run,
  nextName,
  nextPid,
}: {
  world: World;
  sock: SocketState | undefined;
  run: (a: Unplaced) => void;
  nextName: () => string;
  nextPid: () => number;
}) {
  const entries = (world.rtmgr?.slots ?? []).filter((e) => e !== null).map((e) => e!.name);
  const [chosen, setChosen] = useState('');
  const [name, setName] = useState('R4');
  const [dst, setDst] = useState('10.0.4.0/24');
  const [delay, setDelay] = useState(10_000);
  const [seq, setSeq] = useState(1);
  const m = useT();
  if (!world.rtmgr) return null;
  const entry = entries.includes(chosen) ? chosen : (entries[0] ?? '');
  const onModule = sock?.protocol === NETLINK_RTMGR && !sock.closed;
  const send = (request: Omit<RequestSpec, 'seq'>) => {
    if (!sock) return;
    setSeq(seq + 1);
    run({ do: 'send', actor: sock.process, socket: sock.name, request: { ...request, seq } as RequestSpec });
  };
  return (
    <fieldset className="sb-section" data-testid="sandbox-module">
      <legend className="caps">{m.sandbox.moduleLegend}</legend>
      <div className="sb-row">
        <button
          type="button"
          className="btn"
          onClick={() => run({ do: 'spawn', actor: nextName(), pid: nextPid(), protocol: 'NETLINK_RTMGR' })}
          disabled={world.processOrder.length >= MAX_PROCESSES}
        >
          {m.sandbox.addModuleProcess}
        </button>
        {sock && !onModule && (
          <button
            type="button"
            className="btn"
            onClick={() => run({ do: 'open', actor: sock.process, socket: 'mod', protocol: 'NETLINK_RTMGR' })}
            disabled={world.socketIndex[`${sock.process}/mod`] !== undefined}
          >
            {m.sandbox.openModuleSocket(sock.process)}
          </button>
        )}
      </div>
      {!onModule ? (
        <p className="muted small">{m.sandbox.pickModuleSocket}</p>
      ) : (
        <>
          <div className="sb-row">
            <label className="sb-field inline">
              <span>{m.sandbox.entry}</span>
              <select value={entry} onChange={(e) => setChosen(e.target.value)} aria-label={m.sandbox.entryLabel}>
                {entries.map((n) => (
                  <option key={n}>{n}</option>
                ))}
              </select>
            </label>
            <SeqField value={seq} onChange={setSeq} label={m.sandbox.moduleSeq} />
          </div>
          <div className="sb-row">
            <button type="button" className="btn" disabled={!entry} onClick={() => send({ type: 'RTMGR_MSG_REGISTER', flags: ACKED, entry: { name: entry } })}>
              {m.sandbox.register}
            </button>
            <button
              type="button"
              className="btn"
              disabled={!entry}
              onClick={() => send({ type: 'RTMGR_MSG_UNREGISTER', flags: ACKED, entry: { name: entry } })}
            >
              {m.sandbox.unregister}
            </button>
            <button type="button" className="btn" disabled={!entry} onClick={() => send({ type: 'RTMGR_MSG_DEL', flags: ACKED, entry: { name: entry } })}>
              {m.sandbox.deleteNow}
            </button>
          </div>
          <div className="sb-row">
            <NumberField caption="delay_ms" label={m.sandbox.delayLabel} value={delay} min={0} max={U32_MAX} step={500} onChange={setDelay} />
            <button
              type="button"
              className="btn"
              disabled={!entry}
              onClick={() => send({ type: 'RTMGR_MSG_ARM', flags: ACKED, entry: { name: entry, delayMs: delay } })}
            >
              {m.sandbox.armTimer}
            </button>
            <button type="button" className="btn" onClick={() => send({ type: 'RTMGR_MSG_LIST', flags: ['NLM_F_REQUEST', 'NLM_F_DUMP'] })}>
              {m.sandbox.list}
            </button>
          </div>
          <div className="sb-row">
            <input value={name} onChange={(e) => setName(e.target.value)} aria-label={m.sandbox.newEntryName} size={6} />
            <input value={dst} onChange={(e) => setDst(e.target.value)} aria-label={m.sandbox.newEntryDst} size={12} />
            <button type="button" className="btn" onClick={() => send({ type: 'RTMGR_MSG_ADD', flags: ACKED, entry: { name, dst } })}>
              {m.sandbox.addEntry}
            </button>
          </div>
          <div className="sb-row">
            <button
              type="button"
              className="btn"
              onClick={() =>
                run({ do: sock.groups.includes(RTMGR_GRP_EVENTS) ? 'leave' : 'join', actor: sock.process, socket: sock.name, group: RTMGR_GRP_EVENTS })
              }
            >
              {m.sandbox.moduleGroup(!sock.groups.includes(RTMGR_GRP_EVENTS))}
            </button>
          </div>
        </>
      )}
      {sock && !sock.closed && (
        <div className="sb-row">
          <button type="button" className="btn" onClick={() => run({ do: 'close', actor: sock.process, socket: sock.name })}>
            {m.sandbox.closeSocket(sock.process, sock.name)}
          </button>
          <span className="hint">{m.sandbox.closeHint}</span>
        </div>
      )}
    </fieldset>
  );
}
