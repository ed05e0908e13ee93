import { Turn } from '../turns';
import { useT } from '../i18n';
import { useEffect, useRef, useState } from 'react';
import { SPEEDS } from '../../store/speeds';
import { useActions, useApp, useAppStore } from '../context';
import { Icon } from '../icons';
import { Scrubber } from './Scrubber';
import { selectEndMs, selectLastStep, selectPlaying, selectSkipIdle, selectSkipSimilar, selectSpeed, selectStep } from '../../store/selectors';

const clockText = (ms: number) => `t = ${(ms / 1000).toFixed(2)} s`;

function Clock() {
  const store = useAppStore();
  const ref = useRef<HTMLSpanElement>(null);
  // The first text is rendered (it is in the pre-rendered frame too); from then on the clock writes
  // its text node directly, every frame of playback, without a render.
  const [first] = useState(() => clockText(store.time.get()));
  useEffect(() => {
    const put = (v: number) => {
      const text = ref.current?.firstChild;
      if (text) text.nodeValue = clockText(v);
    };
    put(store.time.get());
    return store.time.subscribe(put);
  }, [store]);
  return (
    <span className="now" ref={ref} data-testid="clock">
      {first}
    </span>
  );
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
  const m = useT();
  return (
    <footer className="playbar" aria-label={m.playback.region}>
      <Turn part="scrubber">
        <Scrubber />
      </Turn>
      <div className="transport">
        <div className="clock">
          <Clock />
          <span className="total">/ {(endMs / 1000).toFixed(2)} s</span>
          <span className={`status-pill${playing ? ' playing' : ''}`} data-testid="status">
            <i />
            {m.playback.status(playing ? m.playback.playing : step >= last ? m.playback.end : m.playback.paused, step)}
          </span>
        </div>
        <div className="buttons">
          <button type="button" className="icon-btn" aria-label={m.playback.restart} title={m.playback.restartTitle} onClick={a.restart}>
            {Icon.restart(16)}
          </button>
          <button
            type="button"
            className="icon-btn"
            aria-label={m.playback.back}
            title={m.playback.backTitle}
            onClick={() => a.stepBy(-1)}
            aria-disabled={step === 0}
          >
            {Icon.back(16)}
          </button>
          <button
            type="button"
            className="play"
            aria-label={playing ? m.playback.pause : m.playback.play}
            title={playing ? m.playback.pauseTitle : m.playback.playTitle}
            onClick={a.togglePlay}
          >
            {playing ? Icon.pause(18) : Icon.play(18)}
          </button>
          <button
            type="button"
            className="icon-btn"
            aria-label={m.playback.forward}
            title={m.playback.forwardTitle}
            onClick={() => a.stepBy(1)}
            aria-disabled={step >= last}
          >
            {Icon.forward(16)}
          </button>
        </div>
        <div className="right-controls">
          <label className="switch" title={m.playback.skipIdleTitle}>
            <input
              type="checkbox"
              role="switch"
              aria-label={m.playback.skipIdle}
              checked={skipIdle}
              onChange={(e) => a.setSkipIdle(e.target.checked)}
              aria-checked={skipIdle}
            />
            <span className="switch-long">{m.playback.skipIdle}</span>
            <span className="switch-short" aria-hidden="true">
              {m.playback.skipIdleShort}
            </span>
          </label>
          <label className="switch" title={m.playback.skipSimilarTitle}>
            <input
              type="checkbox"
              role="switch"
              aria-label={m.playback.skipSimilar}
              checked={skipSimilar}
              onChange={(e) => a.setSkipSimilar(e.target.checked)}
              aria-checked={skipSimilar}
              data-testid="skip-similar"
            />
            <span className="switch-long">{m.playback.skipSimilar}</span>
            <span className="switch-short" aria-hidden="true">
              {m.playback.skipSimilarShort}
            </span>
          </label>
          <label className="sr-only" htmlFor="speed">
            {m.playback.speed}
          </label>
          <select id="speed" className="speed" value={speed} onChange={(e) => a.setSpeed(Number(e.target.value))} aria-label={m.playback.speed}>
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
