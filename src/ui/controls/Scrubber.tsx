import { useT } from '../i18n';
import { useEffect, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useApp, useAppStore } from '../context';
import { kindClass } from '../kinds';
import { selectIndex, selectSkipIdle, selectStep } from '../../store/selectors';
import { trackMs } from '../../store/timelineIndex';

function tickStep(total: number): number {
  const s = total / 6;
  for (const c of [100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 30000, 60000]) if (c >= s) return c;
  return 120000;
}

export function Scrubber() {
  const store = useAppStore();
  const ix = useApp(selectIndex);
  const step = useApp(selectStep);
  const skipIdle = useApp(selectSkipIdle);
  const ref = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLDivElement>(null);
  const total = trackMs(ix.endMs);
  const markers = ix.markers;
  const pct = (ms: number) => `${(Math.min(ms, total) / total) * 100}%`;
  const last = ix.timeline.steps.length - 1;
  const s = ix.timeline.steps.at(step)!;
  const m = useT();

  // The playhead follows the clock every frame without a React render, by a transform: the
  // timeline's width is read only when it is resized, so a frame costs no layout.
  useEffect(() => {
    const track = ref.current;
    let width = track?.clientWidth ?? 0;
    const place = (v: number) => {
      if (head.current) head.current.style.transform = `translateX(${(Math.min(v, total) / total) * width}px)`;
    };
    const ro =
      typeof ResizeObserver === 'undefined' || !track
        ? null
        : new ResizeObserver(() => {
            width = track.clientWidth;
            place(store.time.get());
          });
    if (track) ro?.observe(track);
    place(store.time.get());
    const unsubscribe = store.time.subscribe(place);
    return () => {
      unsubscribe();
      ro?.disconnect();
    };
  }, [store, total]);

  const seekFromPointer = (e: PointerEvent<HTMLDivElement>) => {
    const box = ref.current!.getBoundingClientRect();
    const frac = Math.min(1, Math.max(0, (e.clientX - box.left) / box.width));
    store.getState().seekTime(frac * total);
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const st = store.getState();
    const map: Record<string, () => void> = {
      ArrowRight: () => st.stepBy(1),
      ArrowUp: () => st.stepBy(1),
      ArrowLeft: () => st.stepBy(-1),
      ArrowDown: () => st.stepBy(-1),
      PageUp: () => st.stepBy(5),
      PageDown: () => st.stepBy(-5),
      Home: () => st.restart(),
      End: () => st.toEnd(),
    };
    const fn = map[e.key];
    if (fn) {
      e.preventDefault();
      e.stopPropagation();
      fn();
    }
  };
  const every = tickStep(total);
  const ticks: number[] = [];
  for (let t = 0; t <= total + 1; t += every) ticks.push(t);
  return (
    <div
      ref={ref}
      className="scrubber"
      role="slider"
      tabIndex={0}
      aria-label={m.playback.timeline}
      aria-valuemin={0}
      aria-valuemax={last}
      aria-valuenow={step}
      aria-valuetext={m.playback.sliderText(step, last, s.timeMs)}
      onKeyDown={onKey}
      onPointerDown={(e) => {
        ref.current!.setPointerCapture(e.pointerId);
        seekFromPointer(e);
      }}
      onPointerMove={(e) => {
        if (e.buttons & 1) seekFromPointer(e);
      }}
      data-testid="timeline"
    >
      <div className="track" />
      {ix.idle.map((g) => (
        <div
          key={g.fromMs}
          className="idle"
          style={{ left: pct(g.fromMs + 150), width: `calc(${pct(g.toMs - g.fromMs - 300)})` }}
          title={m.playback.idle(g.toMs - g.fromMs, skipIdle)}
        >
          <span className="idle-label" style={{ left: '50%' }}>
            {m.playback.idle(g.toMs - g.fromMs, skipIdle)}
          </span>
        </div>
      ))}
      {markers.map((mk, i) => (
        <span
          key={i}
          className={`marker ${mk.kind === 'state' ? 'state ' : ''}${kindClass(mk.kind)}${mk.step > step ? ' ahead' : ''}`}
          style={{ left: pct(mk.timeMs) }}
        />
      ))}
      <div className="playhead" ref={head} />
      <div className="ticks" aria-hidden="true">
        {ticks.map((t) => (
          <span key={t} style={{ left: pct(t) }}>
            {t === 0 ? '0 s' : `${t / 1000}`}
          </span>
        ))}
      </div>
    </div>
  );
}
