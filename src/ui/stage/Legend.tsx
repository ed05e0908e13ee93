import { LEGEND, KindIcon } from '../kinds';

export function Legend() {
  return (
    <ul className="legend" aria-label="Message kinds" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {LEGEND.map((l) => (
        <li className="legend-item" key={l.kind}>
          <KindIcon kind={l.kind} />
          {l.label}
        </li>
      ))}
    </ul>
  );
}
