import { useT } from '../i18n';
import { useGroupName } from '../names';
import { useShallow } from 'zustand/react/shallow';
import { NETLINK_ROUTE, NETLINK_RTMGR, protocolName, RTNLGRP_IPV4_ROUTE, socketOf } from '../../engine';
import { useApp } from '../context';
import { Icon } from '../icons';
import { kindClass } from '../kinds';
import { useAnchor } from './anchors';
import { selectWorld } from '../../store/selectors';

export function NetlinkCore() {
  const world = useApp(selectWorld);
  const node = useAnchor('core');
  // What the core is doing at this step: which message passes through, and from whom.
  const current = useApp(
    useShallow((s) => {
      const st = s.index.timeline.steps.at(s.step)!;
      const e = st.event;
      if (e.kind !== 'message-sent' && e.kind !== 'message-delivered' && e.kind !== 'message-dropped') return null;
      const m = s.index.timeline.messages.at(e.message)!;
      return {
        kind: m.kind,
        protocol: m.protocol,
        from: m.from.kind === 'socket' ? m.from.socket : 'kernel',
        to: m.to.kind === 'group' ? `group:${m.protocol}:${m.to.group}` : m.to.kind === 'socket' ? m.to.socket : 'kernel',
        event: e.kind,
        copies: e.kind === 'message-sent' ? (e.copies?.length ?? 0) : 0,
      };
    }),
  );
  // Groups are per protocol: "protocol:group" keys, rtnetlink's route group always shown when rtnetlink is in use.
  const sockets = world.socketOrder.map((id) => socketOf(world, id)!);
  const protocols = [...new Set(sockets.map((x) => x.protocol))].sort((a, b) => a - b);
  const groups = new Set<string>(protocols.includes(NETLINK_ROUTE) || protocols.length === 0 ? [`${NETLINK_ROUTE}:${RTNLGRP_IPV4_ROUTE}`] : []);
  for (const x of sockets) for (const g of x.groups) groups.add(`${x.protocol}:${g}`);
  const protoText = protocols.length ? protocols.map((p) => `${protocolName(p)} ${p}`).join(' · ') : 'NETLINK_ROUTE';
  const groupList = [...groups].map((k) => k.split(':').map(Number) as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const multicast = current?.event === 'message-sent' && current.to.startsWith('group:');
  const sender = current?.event === 'message-sent' ? current.from : null;
  const t = useT();
  const groupName = useGroupName();
  let foot = t.core.footIdle;
  if (current && multicast) foot = t.core.footMulticast(current.copies);
  else if (current?.event === 'message-sent' && current.from === 'kernel')
    foot = t.core.footUnicast(current.protocol === NETLINK_RTMGR ? 'nlmsg_unicast()' : 'netlink_unicast()', current.to.split('/')[0]!);
  else if (current?.event === 'message-delivered' && current.to === 'kernel')
    foot = `netlink_rcv_skb() → ${current.protocol === NETLINK_RTMGR ? 'rtmgr_rcv_msg()' : 'rtnetlink_rcv_msg()'}`;
  return (
    <div className="kcard core-card" data-measure aria-label={t.core.region} role="group">
      <span className={`core-node${multicast ? ' hot' : ''}`} ref={node} aria-hidden="true" />
      <span className={`notify-link${multicast && current!.from === 'kernel' ? ' hot' : ''}`} aria-hidden="true">
        rtnl_notify()
      </span>
      <div className="kcard-head">
        <span className="kind-icon k-state" aria-hidden="true">
          {Icon.cog(12)}
        </span>
        <h3>{t.core.title}</h3>
        <span className="sub" title={t.core.protocolsTitle(protoText)}>
          {protoText}
        </span>
        {multicast && (
          <span className="badge k-notification" style={{ color: 'var(--k-ink)', background: 'var(--k-tint)', borderColor: 'var(--k-ink)' }}>
            {t.core.multicast(current!.copies)}
          </span>
        )}
      </div>
      <div className="core-grid" tabIndex={0} role="region" aria-label={t.core.gridScroll}>
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          {groupList.length === 0 && (
            <div className="group-box" data-testid="no-groups">
              <div className="caps">{t.core.groupsHead}</div>
              <span className="chip dashed" title={t.core.unicastOnly}>
                {t.process.noneJoined}
              </span>
            </div>
          )}
          {groupList.map(([p, g]) => {
            const members = world.socketOrder.filter((id) => socketOf(world, id)!.protocol === p && socketOf(world, id)!.groups.includes(g));
            return (
              <div
                key={`${p}:${g}`}
                className={`group-box${multicast && current!.to === `group:${p}:${g}` ? ' active' : ''}`}
                data-testid={p === NETLINK_ROUTE ? `group-${g}` : `group-${p}-${g}`}
              >
                <div className="caps">
                  {t.core.groupHead}
                  {protocols.length > 1 ? ` · ${protocolName(p)}` : ''}
                </div>
                <div className="gname">
                  {groupName(g, p)} <span style={{ color: 'var(--text-2)', fontWeight: 400 }}>({g})</span>
                </div>
                <div className="members" aria-label={t.core.members(g)}>
                  {members.length === 0 ? (
                    <span className="chip dashed">{t.core.noMembers}</span>
                  ) : (
                    members.map((id) => (
                      <span className="member" key={id}>
                        {Icon.check(10)} {socketOf(world, id)!.process}
                        <span>{socketOf(world, id)!.portId ?? '—'}</span>
                      </span>
                    ))
                  )}
                </div>
              </div>
            );
          })}
        </div>
        <div>
          <div className="caps" style={{ marginBottom: 4 }}>
            {t.core.ports}
          </div>
          <ul className="ports">
            <li className={sender === 'kernel' ? `hot ${kindClass(current!.kind)}` : undefined}>
              <span className="p">0</span> {t.core.kernel}
              {sender === 'kernel' ? t.core.sender : ''}
            </li>
            {world.socketOrder.map((id) => {
              const s = socketOf(world, id)!;
              return (
                <li key={id} className={sender === id ? `hot ${kindClass(current!.kind)}` : undefined}>
                  <span className="p">{s.portId ?? '—'}</span> {s.process}
                  {s.process !== id && world.processes[s.process]!.sockets.length > 1 ? `/${s.name}` : ''}
                  {protocols.length > 1 && <span className="sock-proto"> {s.protocol}</span>}
                  {s.closed && <span className="sock-proto">{t.core.closed}</span>}
                  {sender === id ? t.core.sender : ''}
                  {s.groups.length > 0 && <i className="m" role="img" aria-label={t.core.member} />}
                </li>
              );
            })}
          </ul>
        </div>
      </div>
      <div className="kfoot" title={foot}>
        {foot}
      </div>
    </div>
  );
}
