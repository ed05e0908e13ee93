/**
 * The message inspector: every field of the selected message decoded, beside its exact bytes.
 * Hovering or focusing a field lights its bytes; hovering or focusing a byte lights its field.
 */
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { GlossaryText, Term } from '../glossary/Term';
import { datagramInfo, decode, sayField, protocolName, socketOf, stepMessage, type DecodedField, type Message, type Timeline, type World } from '../../engine';

/**
 * What the receiver's recvmsg() sees besides the bytes: the datagram the message came in (a read
 * returns it whole), what its queue was charged, and the sender's address (msg_name) with the group
 * it came through, which NETLINK_PKTINFO also reports.
 */
function Delivery({ msg, world, timeline }: { msg: Message; world: World; timeline: Timeline }) {
  const d = datagramInfo(timeline, msg);
  const receiver = msg.to.kind === 'socket' ? socketOf(world, msg.to.socket) : undefined;
  const mask = msg.dstGroup >= 1 && msg.dstGroup <= 32 ? 2 ** (msg.dstGroup - 1) : 0;
  const t = useT();
  const groupName = useGroupName();
  return (
    <dl className="insp-meta" data-testid="delivery">
      <dt>{t.inspector.datagram}</dt>
      <dd>
        {d.count === 1 ? t.inspector.alone : t.inspector.inDatagram(d.index, d.count)} · {d.bytes} B · {t.inspector.charged(groupDigits(msg.truesize))}
      </dd>
      <dt>msg_name</dt>
      <dd className="mono">nl_pid 0 (kernel) · nl_groups {mask ? `0x${mask.toString(16)}` : '0'}</dd>
      <dt>NETLINK_PKTINFO</dt>
      <dd>
        {msg.dstGroup ? t.inspector.group(msg.dstGroup, groupName(msg.dstGroup, msg.protocol)) : t.inspector.unicastGroup}
        {receiver && !receiver.pktinfo ? t.inspector.pktinfoOff : ''}
      </dd>
    </dl>
  );
}
import { useApp, useActions } from '../context';
import { KindGlyph, kindClass } from '../kinds';
import { useT } from '../i18n';
import { useEndpointName, useGroupName, useMessageTypeName } from '../names';
import { StepLine } from '../narration/StepLine';
import type { Messages } from '../../i18n';
import { groupDigits } from '../../i18n/digits';
import { selectIndex, selectSelectedMessage, selectStep } from '../../store/selectors';

function portNote(pid: number, m: Message, w: World, t: Messages): string {
  if (pid === 0) return m.kind === 'request' ? t.inspector.pidRequest : t.inspector.pidKernel;
  for (const id of w.socketOrder) {
    const s = socketOf(w, id)!;
    if (s.portId === pid && s.protocol === m.protocol) return t.inspector.pidOf(s.process, w.processes[s.process]!.sockets.length > 1 ? s.name : null);
  }
  return t.inspector.pid(pid);
}

/** Fields grouped by section, with the rtattr groups split per attribute. */
function groups(fields: DecodedField[], sectionTitle: Record<DecodedField['section'], string>): Array<{ title: string; fields: DecodedField[] }> {
  const out: Array<{ title: string; fields: DecodedField[] }> = [];
  for (const f of fields) {
    const attr = /^(?:echo\.)?rtattr\[(\d+)\]/.exec(f.id);
    const title = f.section === 'rtattr' || (f.section === 'padding' && attr) ? `rtattr ${f.name.split('.')[0]}` : sectionTitle[f.section];
    const last = out[out.length - 1];
    if (last && last.title === title && !(f.section === 'rtattr' && f.name.endsWith('.rta_len'))) last.fields.push(f);
    else out.push({ title, fields: [f] });
  }
  return out;
}

function fieldAt(fields: DecodedField[], offset: number): DecodedField | undefined {
  return fields.find((f) => offset >= f.offset && offset < f.offset + f.length);
}

export default function Inspector() {
  const ix = useApp(selectIndex);
  const step = useApp(selectStep);
  const pinned = useApp(selectSelectedMessage);
  const select = useActions().select;
  const inspectAndSeek = useActions().inspectAndSeek;
  const t = ix.timeline;
  const current = stepMessage(t.steps.at(step)!, t);
  const msg = pinned !== null ? t.messages.at(pinned) : current;
  const [hot, setHot] = useState<string | null>(null);
  const [cursor, setCursor] = useState(0);
  const hexRef = useRef<HTMLDivElement>(null);
  const decoded = useMemo(() => (msg ? decode(msg.bytes, msg.protocol) : null), [msg]);
  const tx = useT();
  const endpointName = useEndpointName();
  const typeName = useMessageTypeName();

  if (!msg) {
    return (
      <section className="panel inspector" aria-label={tx.inspector.region} data-testid="inspector">
        <h2 className="panel-title">{tx.inspector.title}</h2>
        <p className="muted">{tx.inspector.noMessage}</p>
      </section>
    );
  }
  const world = t.steps.at(step)!.world;
  const h = msg.message.header;
  const fields = decoded?.ok ? decoded.value.fields : [];
  const hotField = fields.find((f) => f.id === hot);
  const request = msg.inReplyTo !== undefined ? t.messages.at(msg.inReplyTo) : undefined;
  const group = msg.copyOf !== undefined ? t.messages.at(msg.copyOf) : undefined;
  const copyNo = ix.copyNumber[msg.id]!;
  const sentStep = ix.sentStep[msg.id]!;
  const origin = group && group.inReplyTo !== undefined ? t.messages.at(group.inReplyTo) : request && msg.kind === 'notification' ? request : undefined;

  const onHexKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: 8, ArrowUp: -8, Home: -cursor, End: msg.bytes.length - 1 - cursor };
    const d = moves[e.key];
    if (d === undefined) return;
    e.preventDefault();
    e.stopPropagation();
    const next = Math.max(0, Math.min(msg.bytes.length - 1, cursor + d));
    setCursor(next);
    setHot(fieldAt(fields, next)?.id ?? null);
  };

  const rows: number[][] = [];
  for (let i = 0; i < msg.bytes.length; i += 8) rows.push(Array.from(msg.bytes.subarray(i, i + 8)));
  const toLabel = endpointName(msg.to);

  return (
    <section className={`panel inspector ${kindClass(msg.kind)}`} aria-label={tx.inspector.region} data-testid="inspector">
      <div className="insp-head">
        <h2 className="panel-title">{tx.inspector.title}</h2>
        <span className="kind-chip">
          <KindGlyph kind={msg.kind} size={11} /> {tx.kinds[msg.kind]}
          {group ? tx.inspector.copyTo(copyNo, endpointName(msg.to)) : ''}
        </span>
      </div>
      <p className="insp-sub">
        <b className="mono">
          <Term term={typeName(h.type, msg.protocol)} />
        </b>{' '}
        <span className="chip" data-testid="inspector-protocol" title="socket(AF_NETLINK, SOCK_RAW, protocol)">
          {protocolName(msg.protocol)} {msg.protocol}
        </span>{' '}
        {tx.inspector.fromTo(endpointName(msg.from), toLabel, msg.bytes.length, sentStep)}
        {pinned !== null ? (
          <button type="button" className="link" onClick={() => select(null)}>
            {tx.inspector.follow}
          </button>
        ) : (
          <span className="muted">{tx.inspector.follows}</span>
        )}
      </p>
      {msg.to.kind === 'socket' && <Delivery msg={msg} world={world} timeline={t} />}
      {(request || origin) && (
        <p className="insp-links">
          {request && msg.kind !== 'notification' && (
            <button type="button" className="link" onClick={() => inspectAndSeek(request.id)} data-testid="answers-link">
              {tx.inspector.answers(typeName(request.message.header.type, request.protocol), request.message.header.seq, endpointName(request.from))}
            </button>
          )}
          {origin && (
            <button type="button" className="link" onClick={() => inspectAndSeek(origin.id)}>
              {tx.inspector.causedBy(endpointName(origin.from), typeName(origin.message.header.type, origin.protocol), origin.message.header.seq)}
            </button>
          )}
        </p>
      )}
      {msg.kind === 'notification' && !origin && <p className="insp-links muted">{tx.inspector.noRequest}</p>}
      {decoded && !decoded.ok && (
        <p className="error-text" role="alert">
          {tx.inspector.undecodable(decoded.error.message)}
        </p>
      )}
      <table className="fields" aria-label={tx.inspector.fields}>
        <colgroup>
          <col style={{ width: 26 }} />
          <col style={{ width: '40%' }} />
          <col style={{ width: '18%' }} />
          <col />
        </colgroup>
        <thead className="sr-only">
          <tr>
            <th scope="col">{tx.inspector.cols.offset}</th>
            <th scope="col">{tx.inspector.cols.field}</th>
            <th scope="col">{tx.inspector.cols.value}</th>
            <th scope="col">{tx.inspector.cols.meaning}</th>
          </tr>
        </thead>
        {groups(fields, tx.inspector.sections).map((g, gi) => (
          <tbody key={gi}>
            <tr className="sect">
              <th colSpan={4} scope="colgroup">
                {g.title}
              </th>
            </tr>
            {g.fields.map((f) => {
              // The port and sequence notes know the message's context, which the decoder does not.
              let meaning = sayField(f.about, tx.engine.fields);
              if (f.name === 'nlmsg_pid' && f.section === 'nlmsghdr') meaning = portNote(h.pid, msg, world, tx);
              if (f.name === 'nlmsg_seq' && f.section === 'nlmsghdr')
                meaning = msg.kind === 'request' ? tx.inspector.seqChosen : h.seq === 0 && !request && !origin ? tx.inspector.seqNone : tx.inspector.seqCopied;
              return (
                <tr
                  key={f.id}
                  className={hot === f.id ? 'hot' : undefined}
                  tabIndex={0}
                  onMouseEnter={() => setHot(f.id)}
                  onMouseLeave={() => setHot(null)}
                  onFocus={() => setHot(f.id)}
                  onBlur={() => setHot(null)}
                  data-field={f.name}
                  data-testid={`field-${f.id}`}
                >
                  <td className="off">{f.offset}</td>
                  <td className="fname">
                    <GlossaryText text={f.name} focusable={false} />
                  </td>
                  <td className="fval">{typeof f.value === 'number' && f.name.endsWith('flags') && f.value ? `0x${f.value.toString(16)}` : f.value}</td>
                  <td className="fmean">
                    <GlossaryText text={meaning} focusable={false} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        ))}
      </table>
      <div
        className="hex"
        ref={hexRef}
        role="group"
        aria-label={tx.inspector.hex}
        tabIndex={0}
        onKeyDown={onHexKey}
        onFocus={() => setHot(fieldAt(fields, cursor)?.id ?? null)}
        onBlur={() => setHot(null)}
        data-testid="hex"
      >
        {rows.map((row, r) => (
          <div className="hex-row" key={r}>
            <span className="hex-off" aria-hidden="true">
              {(r * 8).toString(16).padStart(2, '0')}
            </span>
            <span className="hex-bytes">
              {row.flatMap((b, i) => {
                const off = r * 8 + i;
                const lit = hotField && off >= hotField.offset && off < hotField.offset + hotField.length;
                return [
                  i ? ' ' : null,
                  <span
                    key={i}
                    data-byte={off}
                    className={`${lit ? 'lit' : ''}${off === cursor ? ' cur' : ''}`}
                    onMouseEnter={() => setHot(fieldAt(fields, off)?.id ?? null)}
                    onMouseLeave={() => setHot(null)}
                  >
                    {b.toString(16).padStart(2, '0')}
                  </span>,
                ];
              })}
            </span>
          </div>
        ))}
      </div>
      <p className="sr-only" aria-live="polite">
        {hotField
          ? tx.inspector.hexField(
              hotField.name,
              hotField.offset,
              hotField.offset + hotField.length - 1,
              String(hotField.value),
              sayField(hotField.about, tx.engine.fields),
            )
          : ''}
      </p>
      <p className="insp-step muted">
        <StepLine step={t.steps.at(sentStep)!} t={t} bars />
      </p>
    </section>
  );
}
