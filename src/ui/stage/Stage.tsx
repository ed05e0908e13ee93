import { Turn } from '../turns';
import { Suspense, useRef, useState } from 'react';
import { lazyRetry } from '../lazyRetry';
import { useT } from '../i18n';
import { useShallow } from 'zustand/react/shallow';
import { selectAnyInFlight, selectProcessOrder, selectScenarioId, selectWorld } from '../../store/selectors';
import { useApp } from '../context';
import { Icon } from '../icons';
import { AnchorProvider, useAnchor, useAnchorLayout } from './anchors';
import { Legend } from './Legend';
import { NetlinkCore } from './NetlinkCore';
import { ProcessCard } from './ProcessCard';
import { RoutingTable } from './RoutingTable';
import { ModuleCard } from './ModuleCard';
import { protocolName } from '../../engine';

const FlightLayer = lazyRetry(() => import('./FlightLayer'));

/** More processes than this, and the cards turn compact. */
const DENSE_FROM = 4;

/** The system call boundary's label: an anchor too, so envelopes keep off it. */
function BoundaryLabel() {
  const anchor = useAnchor('boundary');
  const m = useT();
  return (
    <div className="boundary-pill" ref={anchor}>
      <span className="pill">{m.stage.boundary}</span>
      <span className="dirs">
        {m.stage.above}
        <br />
        {m.stage.below}
      </span>
    </div>
  );
}

export function Stage() {
  const ref = useRef<HTMLElement>(null);
  // The processes and sockets that exist at this step: one spawned later appears when it starts.
  const names = useApp(selectProcessOrder);
  const socketCount = useApp(selectWorld).socketOrder.length;
  const scenario = useApp(selectScenarioId);
  // Many processes get compact cards: one line per socket, so 16 of them and the kernel fit a small screen.
  const dense = names.length > DENSE_FROM || socketCount > 2 * DENSE_FROM;
  // framer-motion (about 32 KB gzip) comes with the flight layer: it is fetched when the first
  // envelope must fly, not with the first screen, and stays once loaded.
  const flying = useApp(selectAnyInFlight);
  const [flightWanted, setFlightWanted] = useState(flying);
  if (flying && !flightWanted) setFlightWanted(true);
  const { register, points } = useAnchorLayout(ref, [scenario, names.length, socketCount, dense]);
  // Which kernel families this scenario speaks to: rtnetlink's table shows unless only the module is used.
  const protocols = useApp(useShallow((s) => [...new Set(s.index.timeline.steps.at(0)!.world.sockets.map((x) => x.protocol))].sort((a, b) => a - b)));
  const hasModule = useApp((s) => s.index.timeline.steps.at(0)!.world.rtmgr !== undefined);
  const showRoutes = useApp((s) => !hasModule || s.index.timeline.spec.routes.length > 0);
  const m = useT();
  const protoText = protocols.length === 1 ? protocolName(protocols[0]!) : protocols.map(protocolName).join(' + ');
  return (
    <AnchorProvider value={register}>
      <section className={`stage${dense ? ' dense' : ''}`} ref={ref} aria-label={m.stage.region} data-testid="stage">
        <div className="zone-user" data-measure data-clip-anchors>
          <div className="zone-head">
            {/* The zones are the stage's sections: their headings come before the cards' own. */}
            <h2 className="caps zone-title">
              {Icon.up(12)} {m.stage.userSpace}
            </h2>
            <span className="sub">
              {m.stage.processes(names.length)} · {m.stage.socketsBefore(socketCount, socketCount === names.length)} <code>{protoText || 'NETLINK_ROUTE'}</code>{' '}
              {m.stage.socketsAfter(socketCount, socketCount === names.length)}
            </span>
            <Legend />
          </div>
          <Turn part="cards">
            <div className="procs" style={{ ['--n' as string]: Math.max(1, names.length) }} data-measure>
              {names.map((n) => (
                <ProcessCard key={n} name={n} dense={dense} />
              ))}
              {names.length === 0 && <p className="muted">{m.stage.noProcesses}</p>}
            </div>
          </Turn>
        </div>
        <div className="boundary">
          <BoundaryLabel />
        </div>
        <div
          className={`zone-kernel${hasModule ? (showRoutes ? ' with-module three' : ' with-module') : ''}`}
          tabIndex={0}
          role="region"
          aria-label={m.stage.kernelSpace}
        >
          <h2 className="sr-only">{m.stage.kernelSpace}</h2>
          {showRoutes && (
            <Turn part="routes">
              <RoutingTable />
            </Turn>
          )}
          {hasModule && <ModuleCard />}
          <Turn part="core">
            <NetlinkCore />
          </Turn>
        </div>
        {flightWanted && (
          <Suspense fallback={null}>
            <FlightLayer points={points} />
          </Suspense>
        )}
      </section>
    </AnchorProvider>
  );
}
