import { useT } from '../i18n';
import { LEGEND, KindIcon } from '../kinds';

export function Legend() {
  const m = useT();
  return (
    <ul className="legend" aria-label={m.kinds.legend} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {LEGEND.map((kind) => (
        <li className="legend-item" key={kind}>
          <KindIcon kind={kind} />
          {m.kinds[kind]}
        </li>
      ))}
    </ul>
  );
}
