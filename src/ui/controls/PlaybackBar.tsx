import { useEffect, useRef } from 'react';
import { SPEEDS } from '../../store/speeds';
import { useActions, useApp, useAppStore } from '../context';
import { Icon } from '../icons';
import { Scrubber } from './Scrubber';
import { selectEndMs, selectLastStep, selectPlaying, selectSkipIdle, selectSkipSimilar, selectSpeed, selectStep } from '../../store/selectors';

function Clock() {
  const store = useAppStore();
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const put = (v: number) => {
      if (ref.current) ref.current.textContent = `t = ${(v / 1000).toFixed(2)} s`;
    };
    put(store.time.get());
    return store.time.subscribe(put);
  }, [store]);
  return <span className="now" ref={ref} data-testid="clock" />;
}

export function PlaybackBar() {
  const playing = useApp(selectPlaying);
  const step = useApp(selectStep);
  const last = useApp(selectLastStep);
  const endMs = useApp(selectEndMs);
  const speed = useApp(selectSpeed);
  const skipIdle = useApp(selectSkipIdle);
  const skipSimilar = useApp(selectSkipSimilar);
  const a = useActions();
  return (
    <footer className="playbar" aria-label="Playback">
      <Scrubber />
      <div className="transport">
        <div className="clock">
          <Clock />
          <span className="total">/ {(endMs / 1000).toFixed(2)} s</span>
          <span className={`status-pill${playing ? ' playing' : ''}`} data-testid="status">
            <i />
            {playing ? 'Playing' : step >= last ? 'End' : 'Paused'} · step {step}
          </span>
        </div>
        <div className="buttons">
          <button type="button" className="icon-btn" aria-label="Restart" title="Restart (Home)" onClick={a.restart}>
            {Icon.restart(16)}
          </button>
          <button type="button" className="icon-btn" aria-label="Step back" title="Step back (←)" onClick={() => a.stepBy(-1)} aria-disabled={step === 0}>
            {Icon.back(16)}
          </button>
          <button
            type="button"
            className="play"
            aria-label={playing ? 'Pause' : 'Play'}
            title={playing ? 'Pause (Space)' : 'Play (Space)'}
            onClick={a.togglePlay}
          >
            {playing ? Icon.pause(18) : Icon.play(18)}
          </button>
          <button
            type="button"
            className="icon-btn"
            aria-label="Step forward"
            title="Step forward (→)"
            onClick={() => a.stepBy(1)}
            aria-disabled={step >= last}
          >
            {Icon.forward(16)}
          </button>
        </div>
        <div className="right-controls">
          <label className="switch">
            <input
              type="checkbox"
              role="switch"
              aria-label="Skip idle time"
              checked={skipIdle}
              onChange={(e) => a.setSkipIdle(e.target.checked)}
              aria-checked={skipIdle}
            />
            <span>skip idle time</span>
          </label>
          <label className="switch" title="Cross a run of similar steps (a dump's parts, one by one) in one press of →">
            <input
              type="checkbox"
              role="switch"
              checked={skipSimilar}
              onChange={(e) => a.setSkipSimilar(e.target.checked)}
              aria-checked={skipSimilar}
              data-testid="skip-similar"
            />
            <span>skip similar steps</span>
          </label>
          <label className="sr-only" htmlFor="speed">
            Speed
          </label>
          <select id="speed" className="speed" value={speed} onChange={(e) => a.setSpeed(Number(e.target.value))} aria-label="Speed">
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </div>
      </div>
    </footer>
  );
}
